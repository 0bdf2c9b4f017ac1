/**
 * The HTTP transport port: how the engine talks to a peer Eden server without touching `fetch`.
 *
 * One `Transport` serves one repository: the adapter holds that repository's credentials in a
 * closure and sends HTTP Basic auth on every request (spec 2.2). The engine builds method, URL
 * and headers; the adapter adds authentication, timeouts, retries and turns every failure, including
 * Eden's "HTTP 200 with a failed JSON body" (spec 8.10), into a `TransportError`.
 *
 * Only types of the ES library are used here, so the port compiles without DOM typings.
 */

/** The methods the engine may send. DELETE is absent on purpose: Eden runs CRUD delete on it (spec 8.16). */
export type TransportMethod = 'GET' | 'POST' | 'PUT';

/** The subset of `AbortSignal` the transport needs (a DOM or Node `AbortSignal` fits). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** One request, as the engine describes it. */
export type TransportRequest = {
  readonly method: TransportMethod;
  /** Absolute URL or same-origin path, query included. Never carries credentials. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly signal?: AbortSignalLike;
  /** Whole exchange, body included; the adapter's default applies when absent. */
  readonly timeoutMs?: number;
  /** Called while the response body arrives, with the number of bytes received so far. */
  readonly onDownloadProgress?: (bytesReceived: number) => void;
};

/**
 * A successful (2xx) response whose body is not an Eden failure. The body is read in full: Eden
 * builds each document completely before sending it (perf.md), so the engine bounds memory by
 * asking for pages, not by streaming.
 */
export type TransportResponse = {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Size of the body in bytes as received. */
  readonly bytes: number;
};

/** The peer transport. Rejects with `TransportError` only. */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
}

/** Why a request failed. */
export type TransportErrorCode =
  | 'auth'
  | 'forbidden'
  | 'registration-required'
  | 'peer-error'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'bad-response'
  | 'invalid-request';

/** Human messages, one per code (architecture 5: one table keyed by code). */
export const TRANSPORT_MESSAGES: Readonly<Record<TransportErrorCode, string>> = {
  auth: 'Wrong user or password for the Eden server',
  forbidden:
    'This Eden account is not allowed to synchronize this data (Insufficient Privileges); ask the Eden administrator for sync permissions',
  'registration-required': 'This device is not registered with the Eden server',
  'peer-error': 'The Eden server refused the request',
  server: 'The Eden server had an internal error',
  network: 'The Eden server could not be reached',
  timeout: 'The Eden server did not answer in time',
  aborted: 'The request was cancelled',
  'bad-response': 'The Eden server sent a response that could not be read',
  'invalid-request': 'The request cannot be sent',
};

/** Codes worth retrying with backoff (architecture invariant 4.7). */
const TRANSIENT: ReadonlySet<TransportErrorCode> = new Set(['server', 'network', 'timeout']);

/**
 * A failed exchange. `message` is the table text plus a short detail (Eden's own message, an
 * HTTP status); it never holds credentials, headers or HTML.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: TransportErrorCode;
  /** HTTP status, or the `statuscode` of a failed JSON body; null when no response arrived. */
  readonly status: number | null;
  readonly detail: string | null;
  /** True for network errors, timeouts and 5xx: retrying later may work. */
  readonly transient: boolean;

  constructor(code: TransportErrorCode, detail: string | null = null, status: number | null = null) {
    super(detail ? `${TRANSPORT_MESSAGES[code]}: ${detail}` : TRANSPORT_MESSAGES[code]);
    this.code = code;
    this.status = status;
    this.detail = detail;
    this.transient = TRANSIENT.has(code);
  }
}

/** True for a `TransportError` (also across module copies, by name and code). */
export function isTransportError(error: unknown): error is TransportError {
  return (
    error instanceof TransportError ||
    (error instanceof Error && error.name === 'TransportError' && typeof (error as { code?: unknown }).code === 'string')
  );
}
