import type { AbortSignalLike, LockOptions, LockOutcome, SyncLock } from '../../ports/lock.js';
import { abortReason, linkSignal } from './link-signal.js';

type Waiter = { readonly grant: () => void };

/**
 * An exclusive lock inside one JavaScript realm (Node, tests, or the local half of the lease lock).
 * Waiters are granted in FIFO order; it does not exclude other tabs or workers.
 */
export class InProcessLock implements SyncLock {
  private readonly held = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();

  /** Whether someone in this realm holds `name` now. */
  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  async run<T>(
    name: string,
    work: (signal: AbortSignalLike) => Promise<T>,
    options: LockOptions = {},
  ): Promise<LockOutcome<T>> {
    const outer = options.signal;
    if (outer?.aborted === true) throw abortReason(outer);
    if (this.held.has(name)) {
      if (options.ifAvailable === true) return { kind: 'unavailable' };
      await this.wait(name, outer);
    } else {
      this.held.add(name);
    }
    const link = linkSignal(outer);
    try {
      return { kind: 'acquired', value: await work(link.signal) };
    } finally {
      link.dispose();
      this.release(name);
    }
  }

  /** Resolves once the lock is handed over to this waiter (`held` stays set across the hand-over). */
  private wait(name: string, outer: AbortSignalLike | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiters.get(name) ?? [];
      this.waiters.set(name, queue);
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        if (outer !== undefined) reject(abortReason(outer));
      };
      const waiter: Waiter = {
        grant: () => {
          outer?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      queue.push(waiter);
      outer?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(name: string): void {
    const next = this.waiters.get(name)?.shift();
    if (next === undefined) {
      this.held.delete(name);
      this.waiters.delete(name);
    } else {
      next.grant();
    }
  }
}
