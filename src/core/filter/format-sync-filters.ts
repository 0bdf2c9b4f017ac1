import type { SyncFilter } from '../model/sync.js';

/**
 * The URL query pairs `[T]selector` / value for a pull (spec 2.4). `T` is `~` for the pulled
 * resource (when `resource` is given and equal, or when the table is empty or `~`). Keys are
 * returned as is (Eden's client does not quote them); the HTTP layer URL-encodes the values.
 */
export function formatSyncFilters(filters: readonly SyncFilter[], resource?: string): [string, string][] {
  return filters.map((filter) => {
    const table = filter.table === '' || filter.table === '~' || filter.table === resource ? '~' : filter.table;
    return [`[${table}]${filter.selector}`, filter.value];
  });
}
