import type { Clock } from '../../ports/clock.js';
import type { AbortSignalLike, LockOptions, LockOutcome, SyncLock } from '../../ports/lock.js';
import { InProcessLock } from './in-process-lock.js';
import type { LeaseStores } from './lease-store.js';
import { abortReason } from './link-signal.js';

/** Timer functions, injected so that tests drive time by hand. */
export type LeaseTimers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** The lease expired and another context took it while the work was still running. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  readonly code = 'lease-lost';
  constructor(lockName: string) {
    super(`The sync lease "${lockName}" was lost to another context.`);
  }
}

export type LeaseLockOptions = {
  readonly leases: LeaseStores;
  readonly clock: Clock;
  /** Unique per context (tab or worker), e.g. a random uuid made at start. */
  readonly ownerId: string;
  /** Lease lifetime; a crashed holder blocks others at most this long. Default 30 s. */
  readonly ttlMs?: number;
  /** Renewal period while the work runs. Default a third of `ttlMs`. */
  readonly renewEveryMs?: number;
  /** Retry period while waiting (without `ifAvailable`). Default 1 s. */
  readonly pollEveryMs?: number;
  readonly timers?: LeaseTimers;
};

const defaultTimers: LeaseTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * A {@link SyncLock} for browsers without Web Locks: an in-process lock for this context plus a
 * lease row (owner + expiry) shared through storage, renewed while the work runs. If a renewal
 * fails the work's signal aborts with {@link LeaseLostError}.
 */
export class LeaseLock implements SyncLock {
  private readonly local = new InProcessLock();
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly pollEveryMs: number;
  private readonly timers: LeaseTimers;

  constructor(private readonly options: LeaseLockOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    this.pollEveryMs = options.pollEveryMs ?? 1_000;
    this.timers = options.timers ?? defaultTimers;
  }

  async run<T>(
    name: string,
    work: (signal: AbortSignalLike) => Promise<T>,
    options: LockOptions = {},
  ): Promise<LockOutcome<T>> {
    const outcome = await this.local.run(
      name,
      async (signal): Promise<LockOutcome<T>> => {
        const lease = this.options.leases(name);
        const { ownerId, clock } = this.options;
        while (!(await lease.tryAcquire(ownerId, clock.now(), this.ttlMs))) {
          if (options.ifAvailable === true) return { kind: 'unavailable' };
          await this.sleep(this.pollEveryMs, options.signal);
        }
        const controller = new AbortController();
        const follow = (): void => controller.abort(abortReason(signal));
        if (signal.aborted) follow();
        else signal.addEventListener('abort', follow, { once: true });
        let timer: unknown;
        let stopped = false;
        const renew = (): void => {
          timer = this.timers.setTimeout(() => {
            void lease.tryAcquire(ownerId, clock.now(), this.ttlMs).then(
              (kept) => {
                if (stopped) return;
                if (kept) renew();
                else controller.abort(new LeaseLostError(name));
              },
              (error: unknown) => {
                if (!stopped) controller.abort(error);
              },
            );
          }, this.renewEveryMs);
        };
        renew();
        try {
          return { kind: 'acquired', value: await work(controller.signal) };
        } finally {
          stopped = true;
          this.timers.clearTimeout(timer);
          signal.removeEventListener('abort', follow);
          await lease.release(ownerId);
        }
      },
      options,
    );
    return outcome.kind === 'acquired' ? outcome.value : outcome;
  }

  private sleep(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        this.timers.clearTimeout(handle);
        if (signal !== undefined) reject(abortReason(signal));
      };
      const handle = this.timers.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
