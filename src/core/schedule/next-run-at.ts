import { backoffDelay } from './backoff.js';
import type { ScheduleHistory } from './schedule-history.js';
import type { ScheduleSettings } from './schedule-settings.js';
import type { SyncTrigger } from './sync-trigger.js';

/** When the next run should start: `at <= now` means now. `idle`: nothing runs until an event. */
export type NextRun =
  | { readonly kind: 'run'; readonly at: number; readonly trigger: SyncTrigger }
  | { readonly kind: 'idle'; readonly reason: 'offline' | 'running' };

/** Delay before retry after `failures` (>= 1) failed runs in a row, with the stored jitter draw. */
export function retryDelay(settings: ScheduleSettings, failures: number, jitter: number): number {
  const policy = { baseMs: settings.retryBaseMs, capMs: settings.retryCapMs, maxAttempts: Number.POSITIVE_INFINITY };
  return Math.max(settings.retryMinMs, backoffDelay(failures - 1, policy, jitter));
}

/**
 * The next run, from plain numbers only (no clock, no timers):
 * * offline, or a run in progress: idle;
 * * an explicit request (startup, online, background-sync, manual): at its time, even in backoff;
 * * local edits: `debounceMs` after the last one, at most `maxDebounceMs` after the first,
 *   but never before the retry time while failing;
 * * otherwise the timer: `intervalMs` after the last run, or the retry delay after a failure;
 *   at once if no run ever finished.
 * The earliest wins; `at` is never before `now`.
 */
export function nextRunAt(settings: ScheduleSettings, history: ScheduleHistory, now: number): NextRun {
  if (!history.online) return { kind: 'idle', reason: 'offline' };
  if (history.running) return { kind: 'idle', reason: 'running' };

  const last = history.lastRunFinishedAt;
  const failing = history.consecutiveFailures > 0;
  const retryAt = last !== null && failing ? last + retryDelay(settings, history.consecutiveFailures, history.retryJitter) : null;

  const candidates: { at: number; trigger: SyncTrigger }[] = [];
  if (history.request !== null) candidates.push(history.request);
  const edits = history.localChange;
  if (edits !== null) {
    const debounced = Math.min(edits.lastAt + settings.debounceMs, edits.firstAt + settings.maxDebounceMs);
    candidates.push({ at: Math.max(debounced, retryAt ?? debounced), trigger: 'local-change' });
  }
  if (last === null) candidates.push({ at: now, trigger: 'startup' });
  else candidates.push({ at: retryAt ?? last + settings.intervalMs, trigger: 'timer' });

  // Stable: on equal times the earlier candidate (request, then edits, then timer) wins.
  const best = candidates.reduce((a, b) => (b.at < a.at ? b : a));
  return { kind: 'run', at: Math.max(best.at, now), trigger: best.trigger };
}
