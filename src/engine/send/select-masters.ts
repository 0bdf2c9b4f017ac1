import type { FilterExpression } from '../../core/filter/filter-types.js';
import { matchesFilters, resolveFilterPath } from '../../core/filter/match-filters.js';
import type { LocalRecord } from '../../core/model/record.js';
import { masterKeyString, type StoreReader } from '../../ports/local-store.js';
import { loadComponents } from './load-components.js';

/** Records read per step when filters must be evaluated in memory. */
const SCAN_BATCH = 500;

export type MasterSelection = {
  readonly resource: string;
  readonly includeDeleted: boolean;
  readonly msince: string | null;
  /** The sync filters of the resource's own table. */
  readonly expressions: readonly FilterExpression[] | undefined;
  readonly start: number | undefined;
  readonly limit: number | undefined;
  readonly uuids: readonly string[] | undefined;
};

/** A selected master with all its stored components (before component selection). */
export type SelectedMaster = { readonly record: LocalRecord; readonly components: readonly LocalRecord[] };

type Reader = Pick<StoreReader, 'queryRecords' | 'getRecords' | 'componentsOfMany'>;

function needsComponents(selection: MasterSelection): boolean {
  return (selection.expressions ?? []).some((expression) =>
    expression.paths.some((path) => resolveFilterPath(selection.resource, path)?.kind === 'component'),
  );
}

/** Reads the components of masters, aligned with them. */
type ComponentSource = (masters: readonly LocalRecord[]) => Promise<(readonly LocalRecord[])[]>;

/** Keeps the masters that pass the filters; components are loaded first only when a filter needs them. */
async function filterMasters(
  records: readonly LocalRecord[],
  selection: MasterSelection,
  componentsOf: ComponentSource,
): Promise<SelectedMaster[]> {
  if (needsComponents(selection)) {
    const components = await componentsOf(records);
    return records
      .map((record, index) => ({ record, components: components[index] ?? [] }))
      .filter((entry) => matchesFilters(entry.record, selection.expressions, entry.components.filter((c) => !c.deleted)));
  }
  const passed = records.filter((record) => matchesFilters(record, selection.expressions));
  const components = await componentsOf(passed);
  return passed.map((record, index) => ({ record, components: components[index] ?? [] }));
}

/** Descending `modified_on`, ties in the given order (the sort is stable). */
function newestFirst(a: LocalRecord, b: LocalRecord): number {
  const left = a.modified_on ?? '';
  const right = b.modified_on ?? '';
  return left === right ? 0 : left < right ? 1 : -1;
}

function page<T>(items: readonly T[], start: number | undefined, limit: number | undefined): T[] {
  const from = start ?? 0;
  return items.slice(from, limit === undefined ? undefined : from + limit);
}

/**
 * The masters of the given uuids. Their components are read at the same time as the masters (one
 * round trip instead of two; most asked records are exported), then kept for the selected ones.
 */
async function selectByUuids(store: Reader, uuids: readonly string[], selection: MasterSelection): Promise<SelectedMaster[]> {
  const keys = [...new Set(uuids)].map((uuid) => ({ table: selection.resource, uuid }));
  const [found, components] = await Promise.all([store.getRecords(keys), store.componentsOfMany(keys)]);
  const { msince } = selection;
  let records = found.filter(
    (record): record is LocalRecord =>
      record !== undefined &&
      (selection.includeDeleted || !record.deleted) &&
      (msince === null || (record.modified_on !== null && record.modified_on >= msince)),
  );
  if (msince !== null) records = [...records].sort(newestFirst);
  const preloaded: ComponentSource = async (masters) =>
    masters.map((master) => (master.deleted ? [] : (components.get(masterKeyString(master)) ?? [])));
  return page(await filterMasters(records, selection, preloaded), selection.start, selection.limit);
}

/**
 * Reads the selection from its start in consecutive pages of growing size (500, 1000, 2000, ...
 * records) and filters each: linear in the records read (the store continues a page where the
 * previous one ended), and stops once the page of masters is full.
 */
async function scanFiltered(store: Reader, selection: MasterSelection): Promise<SelectedMaster[]> {
  const selected: SelectedMaster[] = [];
  let skip = selection.start ?? 0;
  const limit = selection.limit;
  if (limit === 0) return selected;
  let read = 0;
  for (let size = SCAN_BATCH; ; size *= 2) {
    const batch = await store.queryRecords(selection.resource, {
      includeDeleted: selection.includeDeleted,
      msince: selection.msince,
      start: read,
      limit: size,
    });
    for (const entry of await filterMasters(batch, selection, (masters) => loadComponents(store, masters))) {
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      selected.push(entry);
      if (limit !== undefined && selected.length >= limit) return selected;
    }
    if (batch.length < size) return selected;
    read += batch.length;
  }
}

/**
 * The primary masters of an export (spec 5.1) with their stored components: every record of the
 * resource's table (components of other masters too, as Eden exports any row of the table), deleted
 * ones with `includeDeleted`, `modified_on >= msince` in descending mtime order (8.5) or insertion
 * order, filtered, then paged. Without filters one page is read with `queryRecords`; with filters
 * the table is read in growing prefixes until the page is full; with `uuids` only those records are read.
 */
export async function selectMasters(store: Reader, selection: MasterSelection): Promise<SelectedMaster[]> {
  if (selection.uuids !== undefined) return selectByUuids(store, selection.uuids, selection);
  if ((selection.expressions ?? []).length > 0) return scanFiltered(store, selection);
  const records = await store.queryRecords(selection.resource, {
    includeDeleted: selection.includeDeleted,
    msince: selection.msince,
    ...(selection.start !== undefined ? { start: selection.start } : {}),
    ...(selection.limit !== undefined ? { limit: selection.limit } : {}),
  });
  return filterMasters(records, selection, (masters) => loadComponents(store, masters));
}
