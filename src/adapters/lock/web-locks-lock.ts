import type { AbortSignalLike, LockOptions, LockOutcome, SyncLock } from '../../ports/lock.js';
import { abortReason, linkSignal } from './link-signal.js';

/** The part of the Web Locks `LockManager` (`navigator.locks`) this adapter uses. */
export interface LockManagerLike {
  request<R>(
    name: string,
    options: { mode?: 'exclusive' | 'shared'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<R>,
  ): Promise<R>;
}

/**
 * A {@link SyncLock} over the Web Locks API: exclusive per origin across tabs and workers, and
 * released by the browser if the holder's context dies. The lock manager is injected.
 */
export class WebLocksLock implements SyncLock {
  constructor(private readonly locks: LockManagerLike) {}

  async run<T>(
    name: string,
    work: (signal: AbortSignalLike) => Promise<T>,
    options: LockOptions = {},
  ): Promise<LockOutcome<T>> {
    const outer = options.signal;
    if (outer?.aborted === true) throw abortReason(outer);
    const ifAvailable = options.ifAvailable === true;
    // The Web Locks spec rejects `signal` together with `ifAvailable` (NotSupportedError).
    const wait = !ifAvailable && outer !== undefined ? linkSignal(outer) : undefined;
    try {
      return await this.locks.request(
        name,
        ifAvailable ? { mode: 'exclusive', ifAvailable: true } : { mode: 'exclusive', ...(wait ? { signal: wait.signal } : {}) },
        async (lock): Promise<LockOutcome<T>> => {
          if (lock === null) return { kind: 'unavailable' };
          const link = linkSignal(outer);
          try {
            return { kind: 'acquired', value: await work(link.signal) };
          } finally {
            link.dispose();
          }
        },
      );
    } finally {
      wait?.dispose();
    }
  }
}

/**
 * Reads the Web Locks manager from a `navigator`-like object (the only place that looks at it);
 * null where the API is missing (older Safari, Node < 22, insecure contexts).
 */
export function webLocksFrom(navigatorLike: unknown): LockManagerLike | null {
  if (typeof navigatorLike !== 'object' || navigatorLike === null || !('locks' in navigatorLike)) return null;
  const locks: unknown = navigatorLike.locks;
  if (typeof locks !== 'object' || locks === null || !('request' in locks) || typeof locks.request !== 'function') return null;
  return locks as LockManagerLike;
}
