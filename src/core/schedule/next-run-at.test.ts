import { describe, expect, it } from 'vitest';
import { nextRunAt, retryDelay } from './next-run-at.js';
import {
  initialScheduleHistory,
  noteOffline,
  noteRunFinished,
  noteRunStarted,
  noteTrigger,
  type ScheduleHistory,
} from './schedule-history.js';
import { DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from './schedule-settings.js';
import { SYNC_TRIGGERS } from './sync-trigger.js';
import { isFailedRun } from './run-status.js';

const S: ScheduleSettings = {
  intervalMs: 600_000,
  debounceMs: 2_000,
  maxDebounceMs: 30_000,
  retryBaseMs: 30_000,
  retryCapMs: 600_000,
  retryMinMs: 5_000,
};

/** A history whose last run finished at `at` with `status`. */
function ranAt(at: number, status: Parameters<typeof noteRunFinished>[1] = 'success', random = 0.5): ScheduleHistory {
  return noteRunFinished(noteRunStarted(initialScheduleHistory(true), at - 1_000), status, at, random);
}

describe('nextRunAt', () => {
  it('runs at once when no run ever finished', () => {
    expect(nextRunAt(S, initialScheduleHistory(true), 5)).toEqual({ kind: 'run', at: 5, trigger: 'startup' });
  });

  it('runs intervalMs after the last run (Eden default 600 s)', () => {
    expect(DEFAULT_SCHEDULE_SETTINGS.intervalMs).toBe(600_000);
    expect(nextRunAt(S, ranAt(1_000_000), 1_000_100)).toEqual({ kind: 'run', at: 1_600_000, trigger: 'timer' });
  });

  it('is due now (at == now) once the time has passed', () => {
    expect(nextRunAt(S, ranAt(0), 900_000)).toEqual({ kind: 'run', at: 900_000, trigger: 'timer' });
  });

  it('never runs while offline, whatever is pending, and resumes at once when online returns', () => {
    let h = noteTrigger(ranAt(0), 'local-change', 10);
    h = noteTrigger(h, 'manual', 11);
    h = noteOffline(h);
    expect(nextRunAt(S, h, 10_000_000)).toEqual({ kind: 'idle', reason: 'offline' });
    h = noteTrigger(h, 'online', 20_000);
    expect(h.online).toBe(true);
    expect(nextRunAt(S, h, 20_000)).toMatchObject({ kind: 'run', at: 20_000 });
  });

  it('stays idle while a run is in progress', () => {
    const h = noteRunStarted(noteTrigger(initialScheduleHistory(true), 'manual', 0), 0);
    expect(nextRunAt(S, h, 1)).toEqual({ kind: 'idle', reason: 'running' });
  });

  it.each(['startup', 'online', 'background-sync', 'manual'] as const)('runs at once on %s', (trigger) => {
    const h = noteTrigger(ranAt(0), trigger, 50_000);
    expect(nextRunAt(S, h, 50_000)).toEqual({ kind: 'run', at: 50_000, trigger });
  });

  it('ignores a timer trigger (the timer only asks again)', () => {
    const h = ranAt(0);
    expect(noteTrigger(h, 'timer', 5)).toBe(h);
  });

  it('debounces local edits: debounceMs after the last edit', () => {
    let h = noteTrigger(ranAt(0), 'local-change', 100_000);
    expect(nextRunAt(S, h, 100_000)).toEqual({ kind: 'run', at: 102_000, trigger: 'local-change' });
    h = noteTrigger(h, 'local-change', 101_500);
    expect(nextRunAt(S, h, 101_500)).toEqual({ kind: 'run', at: 103_500, trigger: 'local-change' });
  });

  it('caps the debounce at maxDebounceMs after the first edit', () => {
    let h = ranAt(0);
    for (let t = 100_000; t <= 140_000; t += 1_000) h = noteTrigger(h, 'local-change', t);
    expect(nextRunAt(S, h, 140_000)).toEqual({ kind: 'run', at: 140_000, trigger: 'local-change' });
    expect(h.localChange).toEqual({ firstAt: 100_000, lastAt: 140_000 });
  });

  it('backs off after consecutive failures, growing, with the stored jitter, capped', () => {
    let h = ranAt(0, 'error', 0.5);
    expect(h.consecutiveFailures).toBe(1);
    expect(nextRunAt(S, h, 0)).toEqual({ kind: 'run', at: 15_000, trigger: 'timer' });
    h = noteRunFinished(noteRunStarted(h, 15_000), 'fatal', 20_000, 0.5);
    expect(h.consecutiveFailures).toBe(2);
    expect(nextRunAt(S, h, 20_000)).toEqual({ kind: 'run', at: 50_000, trigger: 'timer' });
    for (let i = 0; i < 10; i += 1) h = noteRunFinished(noteRunStarted(h, 0), 'error', 100_000, 0.999);
    expect(nextRunAt(S, h, 100_000)).toMatchObject({ at: 100_000 + Math.floor(600_000 * 0.999) });
  });

  it('never retries sooner than retryMinMs, even with a jitter of 0', () => {
    expect(retryDelay(S, 1, 0)).toBe(5_000);
    expect(nextRunAt(S, ranAt(0, 'error', 0), 0)).toMatchObject({ at: 5_000 });
  });

  it('is stable: asking again gives the same answer (the jitter is drawn once)', () => {
    const h = ranAt(0, 'error', 0.37);
    expect(nextRunAt(S, h, 1)).toEqual(nextRunAt(S, h, 2));
  });

  it('resets the failure count after success or warning', () => {
    const failing = ranAt(0, 'error');
    for (const status of ['success', 'warning'] as const) {
      const h = noteRunFinished(noteRunStarted(failing, 1), status, 2, 0.5);
      expect(h.consecutiveFailures).toBe(0);
      expect(nextRunAt(S, h, 2)).toEqual({ kind: 'run', at: 600_002, trigger: 'timer' });
    }
  });

  it('does not let local edits bypass the backoff, but lets manual, online and startup do it', () => {
    const failing = ranAt(0, 'error', 0.5); // retry at 15 s
    const edited = noteTrigger(failing, 'local-change', 1_000);
    expect(nextRunAt(S, edited, 1_000)).toEqual({ kind: 'run', at: 15_000, trigger: 'local-change' });
    const manual = noteTrigger(edited, 'manual', 1_000);
    expect(nextRunAt(S, manual, 1_000)).toEqual({ kind: 'run', at: 1_000, trigger: 'manual' });
  });

  it('a run takes the pending request and edits; edits made during the run stay pending', () => {
    let h = noteTrigger(noteTrigger(ranAt(0), 'manual', 10), 'local-change', 10);
    h = noteRunStarted(h, 20);
    expect(h.request).toBeNull();
    expect(h.localChange).toBeNull();
    h = noteTrigger(h, 'local-change', 30);
    h = noteRunFinished(h, 'success', 40, 0.5);
    expect(nextRunAt(S, h, 40)).toEqual({ kind: 'run', at: 2_030, trigger: 'local-change' });
  });

  it('a request made during a run runs right after it', () => {
    let h = noteRunStarted(ranAt(0), 10);
    h = noteTrigger(h, 'manual', 15);
    h = noteRunFinished(h, 'success', 20, 0.5);
    expect(nextRunAt(S, h, 20)).toEqual({ kind: 'run', at: 20, trigger: 'manual' });
  });

  it.each(['busy', 'cancelled'] as const)('a %s run re-arms the edits it took, debounced from its end, and counts no failure', (status) => {
    let h = noteTrigger(ranAt(0), 'local-change', 10);
    h = noteTrigger(h, 'manual', 10);
    h = noteRunStarted(h, 20);
    h = noteRunFinished(h, status, 25, 0.5);
    expect(h.consecutiveFailures).toBe(0);
    expect(h.request).toBeNull();
    expect(nextRunAt(S, h, 25)).toEqual({ kind: 'run', at: 2_025, trigger: 'local-change' });
  });

  it('a busy or cancelled run with no edits leaves only the timer, from its end', () => {
    const h = noteRunFinished(noteRunStarted(ranAt(0), 10), 'busy', 20, 0.5);
    expect(h.localChange).toBeNull();
    expect(nextRunAt(S, h, 20)).toEqual({ kind: 'run', at: 600_020, trigger: 'timer' });
  });

  it('keeps the earliest request when several arrive', () => {
    const h = noteTrigger(noteTrigger(ranAt(0), 'online', 100), 'manual', 200);
    expect(h.request).toEqual({ trigger: 'online', at: 100 });
  });

  it('lists every trigger and classifies failed statuses', () => {
    expect(SYNC_TRIGGERS).toHaveLength(6);
    expect(['success', 'warning', 'error', 'fatal', 'busy', 'cancelled'].filter((s) => isFailedRun(s as 'error'))).toEqual(['error', 'fatal']);
  });
});
