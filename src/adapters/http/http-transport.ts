import { type BackoffPolicy, DEFAULT_BACKOFF } from '../../core/schedule/backoff.js';
import type { AbortSignalLike, Transport } from '../../ports/transport.js';
import { abortableSleep } from './abortable-sleep.js';
import type { Credentials } from './basic-auth.js';
import { createFetchTransport, type FetchFunction } from './fetch-transport.js';
import { withRetry } from './retry-transport.js';

export type HttpTransportOptions = {
  /** The Eden account; null sends no Authorization (Eden then answers 401). */
  readonly credentials: Credentials | null;
  /** Defaults to `globalThis.fetch`, looked up at call time. */
  readonly fetch?: FetchFunction;
  /** Default timeout of one exchange in ms (60 s); requests may give their own. */
  readonly timeoutMs?: number;
  /** Backoff for transient failures; null disables retries. */
  readonly retry?: BackoffPolicy | null;
  readonly sleep?: (ms: number, signal?: AbortSignalLike) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (attempt: number, delayMs: number, code: string) => void;
};

/** The fetch-based `Transport` for one Eden repository: Basic auth, timeouts, typed errors, retries. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const single = createFetchTransport({
    credentials: options.credentials,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const policy = options.retry === undefined ? DEFAULT_BACKOFF : options.retry;
  if (policy === null || policy.maxAttempts <= 1) return single;
  return withRetry(single, {
    policy,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
}
