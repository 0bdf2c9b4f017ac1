import type { LogResult } from '../model/sync.js';

/**
 * The overall outcome of one sync run: a log result (spec 1.6) when it ran to the end,
 * `busy` when another run held the lock (spec 1.2), `cancelled` when it was aborted.
 */
export type RunStatus = LogResult | 'busy' | 'cancelled';

/** Whether the run failed in a way that should back off the schedule (`error` or `fatal`). */
export function isFailedRun(status: RunStatus): boolean {
  return status === 'error' || status === 'fatal';
}
