import { ALL_METHODS, type ImportMethod } from '../../src/core/model/policy.js';
import type { SyncFilter } from '../../src/core/model/sync.js';

const STRICT_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/**
 * `msince` as Eden parses it: only `%Y-%m-%dT%H:%M:%S` (no zone, no fraction) with a valid
 * calendar date; anything else is null, which means a full export [spec 2.4, cap 05-pull-msince].
 */
export function parseStrictMsince(value: string | null): string | null {
  if (value === null) return null;
  const match = STRICT_DATETIME.exec(value);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? value : null;
}

/**
 * Sync filters from the query (spec 2.4): keys `[T]selector` where `T` empty or `~` is the
 * requested table. With `plainFilters` (direct route only, where Eden keeps REST URL filters),
 * unbracketed keys containing a `.` (`~.acronym=ARA`) filter the requested table too.
 */
export function syncFiltersOf(params: URLSearchParams, tablename: string, plainFilters: boolean): SyncFilter[] {
  const filters: SyncFilter[] = [];
  for (const [key, value] of params) {
    const bracketed = /^\[([^\]]*)\](.+)$/.exec(key);
    if (bracketed !== null) {
      const table = bracketed[1] ?? '';
      filters.push({ table: table === '' || table === '~' ? tablename : table, selector: bracketed[2] ?? '', value });
    } else if (plainFilters && key.includes('.')) {
      filters.push({ table: tablename, selector: key, value });
    }
  }
  return filters;
}

/**
 * A policy from the pushing peer's URL, seen from the receiver (spec 2.5 step 4): THIS and
 * OTHER swap, NEWER and MASTER pass, anything else falls back to `fallback`.
 */
export function swapPeerPolicy(value: string | null, fallback: string): string {
  switch (value) {
    case 'THIS':
      return 'OTHER';
    case 'OTHER':
      return 'THIS';
    case 'NEWER':
    case 'MASTER':
      return value;
    default:
      return fallback;
  }
}

/**
 * The `strategy` URL parameter (spec 2.5 step 4): absent or empty means all methods; otherwise
 * only the known names, so `strategy=foo` permits nothing.
 */
export function parseStrategy(value: string | null): ImportMethod[] {
  if (value === null || value.trim() === '') return [...ALL_METHODS];
  const names = value.split(',').map((name) => name.trim());
  return ALL_METHODS.filter((method) => names.includes(method));
}

/** A non-negative integer parameter, or undefined when absent or not an integer. */
export function parseCount(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
