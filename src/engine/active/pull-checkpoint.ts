import { formatEdenDateTime, parseEdenDateTime } from '../../core/time/eden-date-time.js';
import { parseHttpDate } from './http-date.js';

/** The later of two naive UTC times (null counts as "none"). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** The earlier of two naive UTC times (null counts as "no bound"). */
export function earlierOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/**
 * A time, in the peer's clock, no later than the moment the peer ran the first page's query:
 * the response's `Date` minus the round trip (rounded up) minus 1 s for the header's truncation,
 * but never below the newest mtime of that first page (those records existed then). Null when
 * neither is known.
 */
export function snapshotBound(dateHeader: string | undefined, elapsedMs: number, firstPageMtime: string | null): string | null {
  const date = parseHttpDate(dateHeader);
  const ms = date === null ? null : parseEdenDateTime(date);
  const fromDate = ms === null ? null : formatEdenDateTime(ms - Math.ceil(Math.max(0, elapsedMs) / 1000) * 1000 - 1000);
  return laterOf(fromDate, firstPageMtime);
}

/**
 * The pull checkpoint (new `last_pull`), WITHOUT Eden's +1 s (spec 1.10): msince is `>=`, so a
 * record written later in the same second as the newest one is fetched next time instead of being
 * skipped (spec 8.14); the newest record is re-imported, which is harmless.
 *
 * `maxMtime` is the newest `modified_on` the peer sent among the imported records (never the
 * device clock: elements without one do not count, architecture invariant 2). One request is one
 * consistent snapshot: the checkpoint is that newest mtime. A run of several pages is not: a
 * record on an already imported page may change before the last page, and its new mtime can be
 * older than a later page's newest. So a multi-page run caps the checkpoint at the snapshot bound
 * (`snapshotBound`); every change made during the run is then fetched again next time.
 *
 * `rejected` is the oldest `modified_on` of a record the import refused with an error: the
 * checkpoint never passes it, so that record is fetched again by the next pull (unlike Eden,
 * spec 8.14; docs/decisions/0015-checkpoint-not-past-rejected.md). The checkpoint never moves
 * backwards (an incremental pull only fetches records at or after it).
 */
export function pullCheckpoint(input: {
  readonly previous: string | null;
  readonly maxMtime: string | null;
  readonly multiPage: boolean;
  readonly bound: string | null;
  readonly rejected?: string | null;
}): string | null {
  if (input.maxMtime === null) return input.previous;
  const capped = input.multiPage ? earlierOf(input.maxMtime, input.bound) : input.maxMtime;
  return laterOf(input.previous, earlierOf(capped, input.rejected ?? null));
}
