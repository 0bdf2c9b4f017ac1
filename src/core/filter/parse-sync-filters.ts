import type { SyncFilter } from '../model/sync.js';
import type { FilterExpression, ParsedSyncFilters } from './filter-types.js';
import { parseFilterKey } from './parse-filter-key.js';
import { parseFilterValue } from './parse-filter-value.js';

function decodeQueryPart(part: string): string {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The sync filters in a URL query string (`[T]selector=value&...`, with or without a leading `?`,
 * URL-encoded or not). Keys without the `[T]` prefix are ignored, as the sync controller drops
 * them (spec 2.3, cap 06-pull-url-filter/04); so are keys with an empty selector.
 */
export function parseSyncFilterQuery(query: string): SyncFilter[] {
  const filters: SyncFilter[] = [];
  for (const pair of query.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
    const close = key.indexOf(']');
    if (!key.startsWith('[') || close === -1) continue;
    const selector = key.slice(close + 1);
    if (selector === '') continue;
    filters.push({ table: key.slice(1, close), selector, value });
  }
  return filters;
}

/**
 * Parses sync filters into expressions by table (spec 2.4, `S3Sync.__send` then
 * `S3URLQuery.parse`). A table `~` or `''` is `resource`. Keys Eden ignores (no `.`, unknown
 * operator) are dropped. Repeated keys are ANDed, as `S3URLQuery.parse` does for list values
 * (Eden's sync controller would first glue them with `&` into one value: not reproduced).
 */
export function parseSyncFilters(input: readonly SyncFilter[] | string, resource: string): ParsedSyncFilters {
  const filters = typeof input === 'string' ? parseSyncFilterQuery(input) : input;
  const byTable: Record<string, FilterExpression[]> = {};
  for (const filter of filters) {
    const key = parseFilterKey(filter.selector);
    if (key === null) continue;
    const table = filter.table === '' || filter.table === '~' ? resource : filter.table;
    const expressions = byTable[table] ?? (byTable[table] = []);
    expressions.push({ ...key, values: parseFilterValue(filter.value) });
  }
  return byTable;
}
