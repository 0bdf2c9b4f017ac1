import { isFailedRun, type RunStatus } from './run-status.js';
import type { SyncTrigger } from './sync-trigger.js';

/** Local edits not yet taken by a run: the first and the last edit time (epoch ms). */
export type LocalChangeWindow = { readonly firstAt: number; readonly lastAt: number };

/** An explicit request to run as soon as possible (every trigger but `timer` and `local-change`). */
export type RunRequest = { readonly trigger: SyncTrigger; readonly at: number };

/**
 * What the schedule remembers (plain data, epoch ms; persist it if runs should survive restarts).
 * Change it only through the `note*` functions below; {@link nextRunAt} reads it.
 */
export type ScheduleHistory = {
  readonly online: boolean;
  readonly running: boolean;
  readonly lastRunStartedAt: number | null;
  readonly lastRunFinishedAt: number | null;
  /** Runs in a row that ended `error` or `fatal`; 0 after a `success` or `warning`. */
  readonly consecutiveFailures: number;
  /** Random draw in [0, 1) made when the last failure was noted; fixes the retry delay. */
  readonly retryJitter: number;
  readonly request: RunRequest | null;
  readonly localChange: LocalChangeWindow | null;
  /** Local edits the current run took; they come back if it ends `busy` or `cancelled`. */
  readonly inFlightLocalChange: LocalChangeWindow | null;
};

/** A history with no run yet. */
export function initialScheduleHistory(online: boolean): ScheduleHistory {
  return {
    online,
    running: false,
    lastRunStartedAt: null,
    lastRunFinishedAt: null,
    consecutiveFailures: 0,
    retryJitter: 0,
    request: null,
    localChange: null,
    inFlightLocalChange: null,
  };
}

/**
 * Notes a trigger at `now`. `local-change` extends the debounce window; `online` and
 * `background-sync` also mark the device online; `timer` changes nothing (the timer only asks
 * {@link nextRunAt} again); the others request a run now, the earliest request winning.
 */
export function noteTrigger(history: ScheduleHistory, trigger: SyncTrigger, now: number): ScheduleHistory {
  switch (trigger) {
    case 'timer':
      return history;
    case 'local-change':
      return { ...history, localChange: { firstAt: history.localChange?.firstAt ?? now, lastAt: now } };
    case 'online':
    case 'background-sync':
    case 'startup':
    case 'manual': {
      const online = trigger === 'online' || trigger === 'background-sync' ? true : history.online;
      return { ...history, online, request: history.request ?? { trigger, at: now } };
    }
  }
}

/** Notes that the device went offline: nothing runs until an `online` trigger. */
export function noteOffline(history: ScheduleHistory): ScheduleHistory {
  return { ...history, online: false };
}

/** Notes a run starting at `now`: it takes the pending request and local edits. */
export function noteRunStarted(history: ScheduleHistory, now: number): ScheduleHistory {
  return {
    ...history,
    running: true,
    lastRunStartedAt: now,
    request: null,
    localChange: null,
    inFlightLocalChange: history.localChange,
  };
}

/**
 * Notes the end of a run. `error`/`fatal` count a failure and keep `random` (in [0, 1)) as the
 * jitter of the next retry; `success`/`warning` reset the count. A `busy` or `cancelled` run did
 * not push the edits it took: they are re-armed, debounced again from `now`.
 */
export function noteRunFinished(history: ScheduleHistory, status: RunStatus, now: number, random: number): ScheduleHistory {
  const base = { ...history, running: false, lastRunFinishedAt: now, inFlightLocalChange: null };
  if (status === 'busy' || status === 'cancelled') {
    const unserved = history.inFlightLocalChange !== null || history.localChange !== null;
    return { ...base, localChange: unserved ? { firstAt: now, lastAt: now } : null };
  }
  if (isFailedRun(status)) {
    return { ...base, consecutiveFailures: history.consecutiveFailures + 1, retryJitter: random };
  }
  return { ...base, consecutiveFailures: 0 };
}
