import type { IncomingMessage } from 'node:http';

/** The request body exceeded the configured limit. */
export class BodyTooLargeError extends Error {
  readonly code = 'body-too-large';
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a whole request body into memory, up to `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The S3XML documents carried by a push body (spec 2.5 step 5): for `multipart/*`, every part
 * whose field name or filename ends with `.xml`; otherwise the raw body, whether or not a
 * Content-Disposition header came with it.
 */
export function xmlSourcesOf(body: Buffer, contentType: string | undefined): string[] {
  const type = (contentType ?? '').toLowerCase();
  if (!type.startsWith('multipart/')) return [body.toString('utf8')];
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const token = boundary?.[1] ?? boundary?.[2];
  if (token === undefined) return [];
  return multipartParts(body, token)
    .filter((part) => /\.xml$/i.test(part.name ?? '') || /\.xml$/i.test(part.filename ?? ''))
    .map((part) => part.content.toString('utf8'));
}

type MultipartPart = { readonly name: string | null; readonly filename: string | null; readonly content: Buffer };

/** Splits a multipart body into its parts (RFC 7578); parts without a header block are skipped. */
export function multipartParts(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    let start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd !== -1 && headerEnd < end) {
      const headers = body.subarray(start, headerEnd).toString('utf8');
      const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
      parts.push({
        name: dispositionParam(disposition, 'name'),
        filename: dispositionParam(disposition, 'filename'),
        content: body.subarray(headerEnd + 4, end),
      });
    }
    position = next;
  }
  return parts;
}

function dispositionParam(disposition: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(disposition);
  if (match === null) return null;
  return match[1] ?? match[2] ?? null;
}
