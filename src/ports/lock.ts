import type { AbortSignalLike } from './transport.js';

export type { AbortSignalLike };

/** Options of {@link SyncLock.run}. */
export type LockOptions = {
  /** Do not wait: answer `unavailable` at once when someone else holds the lock. */
  readonly ifAvailable?: boolean;
  /** Aborts the wait for the lock (the promise rejects with the signal's reason) and the work's signal. */
  readonly signal?: AbortSignalLike;
};

/** What {@link SyncLock.run} returns: the work's value, or `unavailable` (only with `ifAvailable`). */
export type LockOutcome<T> =
  | { readonly kind: 'acquired'; readonly value: T }
  | { readonly kind: 'unavailable' };

/**
 * An exclusive named lock shared by every context of the origin (page, service worker, tabs):
 * Web Locks where they exist, a lease row otherwise, an in-process lock in Node (architecture 2).
 * It replaces Eden's global `sync_status.running` flag (spec 1.2).
 */
export interface SyncLock {
  /**
   * Runs `work` while holding the lock named `name`, and releases it when `work` settles.
   * The signal given to `work` aborts when `options.signal` aborts or when the lock is lost
   * (an expired lease). Rejects with the signal's reason if `options.signal` aborts before the
   * lock is granted, and with `work`'s error if `work` rejects.
   */
  run<T>(name: string, work: (signal: AbortSignalLike) => Promise<T>, options?: LockOptions): Promise<LockOutcome<T>>;
}
