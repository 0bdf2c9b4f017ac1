import { describe, expect, it } from 'vitest';
import { LeaseLock, LeaseLostError, type LeaseTimers } from './lease-lock.js';
import { createMemoryLeases } from './lease-store.js';

/** Hand-driven time: `advance(ms)` moves the clock and fires due timers in order. */
function manualTime(): { timers: LeaseTimers; now: () => number; advance: (ms: number) => Promise<void> } {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    timers: {
      setTimeout: (callback, ms) => {
        seq += 1;
        pending.set(seq, { at: now + ms, callback });
        return seq;
      },
      clearTimeout: (handle) => {
        pending.delete(handle as number);
      },
    },
    advance: async (ms) => {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

describe('LeaseLock', () => {
  it('excludes another context (another owner) sharing the same lease rows', async () => {
    const time = manualTime();
    const leases = createMemoryLeases();
    const a = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'a', ttlMs: 30_000, timers: time.timers });
    const b = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'b', ttlMs: 30_000, timers: time.timers });
    let release!: () => void;
    const held = a.run('sync', () => new Promise<void>((resolve) => (release = resolve)));
    await time.advance(0);
    await expect(b.run('sync', async () => 1, { ifAvailable: true })).resolves.toEqual({ kind: 'unavailable' });
    release();
    await held;
    await expect(b.run('sync', async () => 2, { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 2 });
  });

  it('keeps the lease alive by renewing it while the work runs', async () => {
    const time = manualTime();
    const leases = createMemoryLeases();
    const a = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'a', ttlMs: 30_000, timers: time.timers });
    const b = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'b', ttlMs: 30_000, timers: time.timers });
    let release!: () => void;
    let signalAborted = false;
    const held = a.run('sync', (signal) => new Promise<void>((resolve) => {
      release = resolve;
      signal.addEventListener('abort', () => (signalAborted = true));
    }));
    await time.advance(0);
    await time.advance(95_000);
    await expect(b.run('sync', async () => 1, { ifAvailable: true })).resolves.toEqual({ kind: 'unavailable' });
    expect(signalAborted).toBe(false);
    release();
    await held;
  });

  it('lets another owner take an expired lease of a dead holder', async () => {
    const time = manualTime();
    const leases = createMemoryLeases();
    // A context that died while holding the lease: the row stays until it expires.
    await leases('sync').tryAcquire('dead', time.now(), 30_000);
    const b = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'b', ttlMs: 30_000, timers: time.timers });
    await expect(b.run('sync', async () => 1, { ifAvailable: true })).resolves.toEqual({ kind: 'unavailable' });
    await time.advance(30_000);
    await expect(b.run('sync', async () => 2, { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 2 });
  });

  it('aborts the work signal with LeaseLostError when a renewal fails', async () => {
    const time = manualTime();
    const leases = createMemoryLeases();
    const a = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'a', ttlMs: 30_000, renewEveryMs: 10_000, timers: time.timers });
    const result = a.run('sync', (signal) => new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason))));
    await time.advance(0);
    // Another context steals the row (as if our renewals had been delayed past the expiry).
    await leases('sync').release('a');
    await leases('sync').tryAcquire('thief', time.now(), 30_000);
    await time.advance(10_000);
    const outcome = await result;
    expect(outcome.kind).toBe('acquired');
    expect(outcome.kind === 'acquired' && outcome.value).toBeInstanceOf(LeaseLostError);
    // Releasing does not free the thief's lease.
    await expect(leases('sync').tryAcquire('c', time.now(), 1)).resolves.toBe(false);
  });

  it('polls while waiting, without ifAvailable, until the lease frees', async () => {
    const time = manualTime();
    const leases = createMemoryLeases();
    await leases('sync').tryAcquire('other', 0, 5_000);
    const a = new LeaseLock({ leases, clock: { now: time.now }, ownerId: 'a', ttlMs: 30_000, pollEveryMs: 1_000, timers: time.timers });
    let ranAt: number | null = null;
    const result = a.run('sync', async () => {
      ranAt = time.now();
    });
    await time.advance(4_000);
    expect(ranAt).toBeNull();
    await time.advance(2_000);
    await result;
    expect(ranAt).toBe(5_000);
  });
});
