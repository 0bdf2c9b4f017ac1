import {
  type AbortSignalLike,
  isTransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  TransportError,
} from '../../ports/transport.js';
import { basicAuthHeader, type Credentials, secretRedactor } from './basic-auth.js';
import { classifyResponse } from './classify-response.js';

/** The part of `fetch` the transport uses (injected; the default is bound at the edge). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type FetchTransportOptions = {
  readonly credentials: Credentials | null;
  readonly fetch?: FetchFunction;
  /** Default timeout of a whole exchange in ms (a request may give its own). */
  readonly timeoutMs?: number;
};

/** Default timeout: 60 s, enough for a 1,000-record page or batch on a slow Eden (perf.md). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The only methods ever sent; checked at run time too, so that DELETE cannot reach Eden (spec 8.16). */
const ALLOWED_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT']);

/** Matches a URL with userinfo (`scheme://user:pass@host`): credentials never travel in URLs. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

type Outcome = { timedOut: boolean };

function linkSignal(outer: AbortSignalLike | undefined, controller: AbortController): () => void {
  if (!outer) return () => undefined;
  const onAbort = (): void => controller.abort();
  if (outer.aborted) controller.abort();
  else outer.addEventListener('abort', onAbort, { once: true });
  return () => outer.removeEventListener('abort', onAbort);
}

async function readBody(response: Response, onProgress?: (bytes: number) => void): Promise<{ text: string; bytes: number }> {
  if (!response.body) {
    const text = await response.text();
    return { text, bytes: new TextEncoder().encode(text).byteLength };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress?.(bytes);
  }
  parts.push(decoder.decode());
  return { text: parts.join(''), bytes };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/**
 * One attempt, no retry: HTTP Basic auth sent unsolicited on every request (spec 2.2), a timeout
 * over the whole exchange, abortable, every failure mapped to a `TransportError` whose message
 * holds no secret.
 */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const doFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorization = options.credentials ? basicAuthHeader(options.credentials) : null;
  const redact = secretRedactor(options.credentials);
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const clean = (error: TransportError): TransportError =>
    error.detail === null ? error : new TransportError(error.code, redact(error.detail), error.status);

  async function attempt(request: TransportRequest, outcome: Outcome, signal: AbortSignal): Promise<TransportResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (name.toLowerCase() !== 'authorization') headers[name] = value;
    }
    if (authorization) headers['Authorization'] = authorization;
    const init: RequestInit = { method: request.method, headers, signal, redirect: 'follow' };
    if (request.body !== undefined) init.body = request.body as BodyInit;
    let response: Response;
    let body: { text: string; bytes: number };
    try {
      response = await doFetch(request.url, init);
      body = await readBody(response, request.onDownloadProgress);
    } catch (error) {
      if (isTransportError(error)) throw error;
      if (outcome.timedOut) throw new TransportError('timeout');
      if (request.signal?.aborted || signal.aborted) throw new TransportError('aborted');
      const detail = error instanceof Error ? error.message : 'request failed';
      throw new TransportError('network', detail);
    }
    const length = response.headers.get('content-length');
    if (length !== null && !response.headers.has('content-encoding') && Number(length) !== body.bytes) {
      throw new TransportError('network', `truncated response (${body.bytes} of ${length} bytes)`);
    }
    const failure = classifyResponse(response.status, body.text);
    if (failure) throw failure;
    return { status: response.status, headers: headersOf(response), body: body.text, bytes: body.bytes };
  }

  return {
    async request(request) {
      if (!ALLOWED_METHODS.has(request.method)) {
        throw new TransportError('invalid-request', `method ${String(request.method)} is never sent to Eden`);
      }
      if (USERINFO.test(request.url)) throw new TransportError('invalid-request', 'URL must not contain credentials');
      if (request.signal?.aborted) throw new TransportError('aborted');
      const controller = new AbortController();
      const outcome: Outcome = { timedOut: false };
      const unlink = linkSignal(request.signal, controller);
      const timer = setTimeout(() => {
        outcome.timedOut = true;
        controller.abort();
      }, request.timeoutMs ?? defaultTimeout);
      try {
        return await attempt(request, outcome, controller.signal);
      } catch (error) {
        throw clean(isTransportError(error) ? error : new TransportError('network'));
      } finally {
        clearTimeout(timer);
        unlink();
      }
    },
  };
}
