import { describe, expect, it } from 'vitest';
import { WebLocksLock, webLocksFrom } from './web-locks-lock.js';

describe('WebLocksLock over the real navigator.locks', () => {
  it('excludes a second holder with ifAvailable, then frees the lock', async () => {
    const locks = webLocksFrom(navigator);
    expect(locks).not.toBeNull();
    if (locks === null) return;
    const a = new WebLocksLock(locks);
    const b = new WebLocksLock(locks);
    const name = `test-${Math.random()}`;
    let release!: () => void;
    const held = a.run(name, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(b.run(name, async () => 1, { ifAvailable: true })).resolves.toEqual({ kind: 'unavailable' });
    release();
    await held;
    await expect(b.run(name, async () => 2, { ifAvailable: true })).resolves.toEqual({ kind: 'acquired', value: 2 });
  });

  it('aborts a waiting request through its signal', async () => {
    const locks = webLocksFrom(navigator);
    if (locks === null) throw new Error('no Web Locks');
    const lock = new WebLocksLock(locks);
    const name = `test-${Math.random()}`;
    let release!: () => void;
    let granted!: () => void;
    const started = new Promise<void>((resolve) => (granted = resolve));
    const held = lock.run(name, () => new Promise<void>((resolve) => {
      release = resolve;
      granted();
    }));
    await started;
    const controller = new AbortController();
    const waiting = lock.run(name, async () => 'ran', { signal: controller.signal });
    controller.abort(new Error('give up'));
    await expect(waiting).rejects.toThrow('give up');
    release();
    await held;
  });

  it('accepts ifAvailable together with a signal (the browser alone would reject that pair)', async () => {
    const locks = webLocksFrom(navigator);
    if (locks === null) throw new Error('no Web Locks');
    const controller = new AbortController();
    const name = `test-${Math.random()}`;
    await expect(navigator.locks.request(name, { ifAvailable: true, signal: controller.signal }, async () => 0)).rejects.toThrow();
    const outcome = await new WebLocksLock(locks).run(name, async (signal) => signal.aborted, { ifAvailable: true, signal: controller.signal });
    expect(outcome).toEqual({ kind: 'acquired', value: false });
  });
});
