/** Tunables of the sync schedule; every value in milliseconds. */
export type ScheduleSettings = {
  /** Period between runs while all is well. Eden's `sync_job` default is 600 s (spec 1.7). */
  readonly intervalMs: number;
  /** Quiet time after the last local edit before a run starts. */
  readonly debounceMs: number;
  /** Longest a stream of local edits may postpone the run, counted from the first edit. */
  readonly maxDebounceMs: number;
  /** Retry backoff after consecutive failed runs: full jitter in [0, min(cap, base * 2^(n-1))). */
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  /** Floor of every retry delay, so that a jitter draw near 0 does not retry at once. */
  readonly retryMinMs: number;
};

/** Eden's 600 s period; retries from 30 s growing to the same 600 s. */
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = {
  intervalMs: 600_000,
  debounceMs: 2_000,
  maxDebounceMs: 30_000,
  retryBaseMs: 30_000,
  retryCapMs: 600_000,
  retryMinMs: 5_000,
};
