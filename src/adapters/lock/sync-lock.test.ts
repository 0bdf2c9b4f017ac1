import { describe, expect, it } from 'vitest';
import type { SyncLock } from '../../ports/lock.js';
import { InProcessLock } from './in-process-lock.js';
import { LeaseLock, type LeaseTimers } from './lease-lock.js';
import { createMemoryLeases } from './lease-store.js';
import { WebLocksLock, type LockManagerLike } from './web-locks-lock.js';

/** A deferred promise the test settles by hand. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (e: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Web Locks semantics in miniature (exclusive mode only), strict about `signal` + `ifAvailable`. */
export function fakeLockManager(): LockManagerLike {
  const held = new Set<string>();
  const queues = new Map<string, (() => void)[]>();
  const release = (name: string): void => {
    const next = queues.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };
  return {
    async request(name, options, callback) {
      if (options.ifAvailable === true && options.signal !== undefined) {
        throw new DOMException('signal with ifAvailable', 'NotSupportedError');
      }
      if (options.signal?.aborted === true) throw options.signal.reason;
      if (held.has(name)) {
        if (options.ifAvailable === true) return callback(null);
        await new Promise<void>((resolve, reject) => {
          const queue = queues.get(name) ?? [];
          queues.set(name, queue);
          const grant = (): void => resolve();
          queue.push(grant);
          options.signal?.addEventListener('abort', () => {
            queue.splice(queue.indexOf(grant), 1);
            reject(options.signal?.reason);
          });
        });
      } else {
        held.add(name);
      }
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        release(name);
      }
    },
  };
}

/** Timers that fire on the next turn of the event loop: no wall-clock waits. */
const immediateTimers: LeaseTimers = {
  setTimeout: (callback) => setImmediate(callback),
  clearTimeout: (handle) => clearImmediate(handle as ReturnType<typeof setImmediate>),
};

const factories: [string, () => SyncLock][] = [
  ['InProcessLock', () => new InProcessLock()],
  ['WebLocksLock', () => new WebLocksLock(fakeLockManager())],
  [
    'LeaseLock',
    () => new LeaseLock({ leases: createMemoryLeases(), clock: { now: () => 0 }, ownerId: 'a', timers: immediateTimers }),
  ],
];

describe.each(factories)('%s (SyncLock contract)', (_name, make) => {
  it('runs the work and returns its value', async () => {
    const lock = make();
    await expect(lock.run('x', async () => 42)).resolves.toEqual({ kind: 'acquired', value: 42 });
  });

  it('answers unavailable at once with ifAvailable while held, and frees the lock afterwards', async () => {
    const lock = make();
    const gate = deferred();
    const first = lock.run('x', () => gate.promise);
    await flush();
    await expect(lock.run('x', async () => 1, { ifAvailable: true })).resolves.toEqual({ kind: 'unavailable' });
    await expect(lock.run('y', async () => 2, { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 2 });
    gate.resolve();
    await first;
    await expect(lock.run('x', async () => 3, { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 3 });
  });

  it('makes a waiter wait until the holder is done, then runs it', async () => {
    const lock = make();
    const order: string[] = [];
    const gate = deferred();
    const first = lock.run('x', async () => {
      order.push('first start');
      await gate.promise;
      order.push('first end');
    });
    await flush();
    const second = lock.run('x', async () => {
      order.push('second');
    });
    await flush();
    expect(order).toEqual(['first start']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first start', 'first end', 'second']);
  });

  it('releases the lock when the work rejects', async () => {
    const lock = make();
    await expect(lock.run('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('x', async () => 'ok', { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 'ok' });
  });

  it('rejects a waiter whose signal aborts, and the holder keeps the lock', async () => {
    const lock = make();
    const gate = deferred();
    const first = lock.run('x', () => gate.promise);
    await flush();
    const controller = new AbortController();
    let ran = false;
    const waiting = lock.run('x', async () => {
      ran = true;
    }, { signal: controller.signal });
    await flush();
    controller.abort(new Error('stop waiting'));
    await expect(waiting).rejects.toThrow('stop waiting');
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    await expect(lock.run('x', async () => 'free', { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 'free' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const lock = make();
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(lock.run('x', async () => 1, { signal: controller.signal })).rejects.toThrow('already');
  });

  it('aborts the work signal when the caller signal aborts', async () => {
    const lock = make();
    const controller = new AbortController();
    const started = deferred();
    const result = lock.run('x', (signal) => {
      started.resolve();
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(`aborted: ${String(signal.reason)}`)));
    }, { signal: controller.signal, ifAvailable: true });
    await started.promise;
    controller.abort('user');
    await expect(result).resolves.toEqual({ kind: 'acquired', value: 'aborted: user' });
  });
});

describe('selectSyncLock and webLocksFrom', () => {
  it('uses Web Locks when navigator.locks exists, the lease lock otherwise', async () => {
    const { selectSyncLock } = await import('./select-sync-lock.js');
    const { webLocksFrom } = await import('./web-locks-lock.js');
    const lease = { leases: createMemoryLeases(), clock: { now: () => 0 }, ownerId: 'a' };
    const locks = fakeLockManager();
    expect(webLocksFrom({ locks })).toBe(locks);
    expect(webLocksFrom({})).toBeNull();
    expect(webLocksFrom(undefined)).toBeNull();
    expect(webLocksFrom({ locks: {} })).toBeNull();
    expect(selectSyncLock({ locks }, lease)).toBeInstanceOf(WebLocksLock);
    expect(selectSyncLock({}, lease)).toBeInstanceOf(LeaseLock);
  });
});
