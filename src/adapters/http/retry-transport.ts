import { type BackoffPolicy, backoffDelay, canRetry } from '../../core/schedule/backoff.js';
import { type AbortSignalLike, isTransportError, type Transport } from '../../ports/transport.js';

export type RetryOptions = {
  readonly policy: BackoffPolicy;
  /** Waits; must reject when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignalLike) => Promise<void>;
  /** A number in [0, 1). */
  readonly random: () => number;
  /** Told about each retry (attempt number starting at 2, the wait, the error code). */
  readonly onRetry?: (attempt: number, delayMs: number, code: string) => void;
};

/**
 * Retries transient failures (network, timeout, 5xx) with exponential backoff and full jitter;
 * every other error, and any error after an abort, is thrown at once. Re-sending a push is
 * harmless: Eden matches records by uuid (architecture invariant 4.4).
 */
export function withRetry(inner: Transport, options: RetryOptions): Transport {
  return {
    async request(request) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await inner.request(request);
        } catch (error) {
          if (!isTransportError(error) || !error.transient || request.signal?.aborted) throw error;
          if (!canRetry(attempt, options.policy)) throw error;
          const delay = backoffDelay(attempt - 1, options.policy, options.random());
          options.onRetry?.(attempt + 1, delay, error.code);
          await options.sleep(delay, request.signal);
        }
      }
    },
  };
}
