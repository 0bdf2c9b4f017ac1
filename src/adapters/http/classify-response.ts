import { TransportError } from '../../ports/transport.js';

type FailedJson = { readonly statuscode: number | null; readonly message: string | null };

/**
 * Reads Eden's `{"status":"failed","statuscode":"400","message":…}` body, whatever the
 * Content-Type (Eden labels JSON as text/html, spec 2.5). Null when the body is not such a failure.
 */
export function readFailedJson(body: string): FailedJson | null {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const code = Number(o['statuscode']);
  const statuscode = Number.isFinite(code) ? code : null;
  const failed = o['status'] === 'failed' || (statuscode !== null && statuscode >= 400);
  if (!failed) return null;
  const message = typeof o['message'] === 'string' && o['message'] !== '' ? o['message'] : null;
  return { statuscode, message };
}

/** A short plain-text summary of an HTML or text body: no markup, at most `max` characters. */
export function summarizeBody(body: string, max = 160): string | null {
  const ticket = /Ticket issued:\s*<a[^>]*>([^<]+)<\/a>/i.exec(body);
  if (ticket?.[1]) return `ticket ${ticket[1].trim()}`;
  const text = body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function errorFor(status: number, message: string | null, rawText: string | null): TransportError {
  if (status === 401) return new TransportError('auth', null, status);
  if (status === 403) {
    if (message && /registration required/i.test(message)) {
      return new TransportError('registration-required', message, status);
    }
    return new TransportError('forbidden', null, status);
  }
  const detail = message ?? rawText;
  if (status >= 500) return new TransportError('server', detail ?? `HTTP ${status}`, status);
  if (status === 408 || status === 429) return new TransportError('network', detail ?? `HTTP ${status}`, status);
  return new TransportError('peer-error', detail ?? `HTTP ${status}`, status);
}

/**
 * The error an Eden response stands for, or null when it is a success: a non-2xx status, or a
 * 2xx whose JSON body says `status: failed` / `statuscode` >= 400 (spec 8.10).
 */
export function classifyResponse(status: number, body: string): TransportError | null {
  const failed = readFailedJson(body);
  if (status >= 200 && status < 300) {
    if (!failed) return null;
    return errorFor(failed.statuscode !== null && failed.statuscode >= 400 ? failed.statuscode : 400, failed.message, null);
  }
  return errorFor(status, failed?.message ?? null, failed ? null : summarizeBody(body));
}
