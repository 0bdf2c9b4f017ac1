/** How transient failures are retried: exponential backoff with full jitter. */
export type BackoffPolicy = {
  /** Delay ceiling of the first retry, in ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms. */
  readonly capMs: number;
  /** Attempts in total, the first one included (1 = never retry). */
  readonly maxAttempts: number;
};

/** Four attempts, waits drawn from [0,1 s), [0,2 s), [0,4 s). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000, maxAttempts: 4 };

/**
 * The wait before retry number `retry` (0 for the first retry): a uniform draw in
 * [0, min(cap, base * 2^retry)) ("full jitter"). `random` is a number in [0, 1).
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.floor(ceiling * r);
}

/** Whether another attempt is allowed after `attemptsMade` attempts (1 after the first failure). */
export function canRetry(attemptsMade: number, policy: BackoffPolicy): boolean {
  return attemptsMade < policy.maxAttempts;
}
