import { describe, expect, it } from 'vitest';
import { backoffDelay, canRetry, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay (full jitter)', () => {
  const policy = { baseMs: 1000, capMs: 5000, maxAttempts: 5 };

  it('draws from [0, base * 2^retry)', () => {
    expect(backoffDelay(0, policy, 0)).toBe(0);
    expect(backoffDelay(0, policy, 0.5)).toBe(500);
    expect(backoffDelay(1, policy, 0.5)).toBe(1000);
    expect(backoffDelay(2, policy, 0.999)).toBe(3996);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(10, policy, 0.999)).toBeLessThan(5000);
    expect(backoffDelay(10, policy, 0.5)).toBe(2500);
  });

  it('clamps a random number outside [0,1)', () => {
    expect(backoffDelay(0, policy, -3)).toBe(0);
    expect(backoffDelay(0, policy, 7)).toBe(1000);
  });
});

describe('canRetry', () => {
  it('allows maxAttempts attempts in total', () => {
    expect(canRetry(1, DEFAULT_BACKOFF)).toBe(true);
    expect(canRetry(DEFAULT_BACKOFF.maxAttempts - 1, DEFAULT_BACKOFF)).toBe(true);
    expect(canRetry(DEFAULT_BACKOFF.maxAttempts, DEFAULT_BACKOFF)).toBe(false);
  });
});
