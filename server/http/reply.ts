import type { ServerResponse } from 'node:http';

/** A JSON text spliced into {@link edenJson} output unchanged (Eden's compact `tree`, spec 3.11). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type EdenJsonValue = string | number | boolean | null | RawJson | readonly EdenJsonValue[] | {
  readonly [key: string]: EdenJsonValue | undefined;
};

/** JSON.stringify with every non-ASCII character escaped as `\uXXXX`, as Python's json does. */
export function asciiJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Serializes like Python's `json.dumps` defaults (`", "` and `": "` separators, ASCII only), which
 * is how Eden writes its status messages [cap 01-register, 08-push]. Undefined keys are skipped.
 */
export function edenJson(value: EdenJsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item: EdenJsonValue) => edenJson(item)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, EdenJsonValue | undefined>)) {
      if (item !== undefined) parts.push(`${asciiJson(key)}: ${edenJson(item)}`);
    }
    return `{${parts.join(', ')}}`;
  }
  return asciiJson(value);
}

/** Ends a response with a body, its length and content type. HEAD requests get headers only. */
export function sendBody(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Readonly<Record<string, string>> = {},
): void {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buffer.length), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buffer);
}

/** Plain-text replies such as `Authentication Required`, sent as text/html like web2py does. */
export function sendPlain(res: ServerResponse, status: number, text: string, headers?: Readonly<Record<string, string>>): void {
  sendBody(res, status, 'text/html; charset=UTF-8', text, headers);
}

/** Eden's `{"status": ..., "statuscode": ..., "message": ...}` reply; `contentType` mirrors Eden's per case. */
export function sendEdenStatus(
  res: ServerResponse,
  httpStatus: number,
  body: Readonly<Record<string, EdenJsonValue | undefined>>,
  contentType: 'application/json' | 'text/html' = 'application/json',
): void {
  sendBody(res, httpStatus, contentType, edenJson(body));
}

/** A failed Eden status message with the same code in the HTTP status and the body. */
export function sendEdenFailure(res: ServerResponse, httpStatus: number, message?: string): void {
  sendEdenStatus(res, httpStatus, { status: 'failed', statuscode: String(httpStatus), message });
}
