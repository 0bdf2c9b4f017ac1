import type { ExportEntry } from '../../core/export/build-export-document.js';
import { exportKeyString, referencedKeys, type ExportKey } from '../../core/export/record-key.js';
import type { ParsedSyncFilters } from '../../core/filter/filter-types.js';
import { matchesFilters } from '../../core/filter/match-filters.js';
import type { LocalRecord } from '../../core/model/record.js';
import type { StoreReader } from '../../ports/local-store.js';

/** Eden's `MAXDEPTH` of dependency rounds (spec 3.6). */
export const MAX_DEPENDENCY_DEPTH = 10;

export type Dependencies = {
  /** Referenced records to export top-level, in round order. */
  readonly records: readonly LocalRecord[];
  /** Keys (see `exportKeyString`) of referenced records that exist locally but must not be referenced. */
  readonly dropped: ReadonlySet<string>;
};

/**
 * The dependencies of an export (spec 3.6, 5.4): records referenced from the document (and the
 * `replaced_by` targets of merged tombstones, 3.8) that are not in it yet, in rounds up to
 * depth 10. They ignore msince and paging and carry no components. A referenced record that is
 * deleted, or fails the sync filters of its table, is not exported and its references are dropped
 * (Eden cannot resolve them and omits the element). A reference to a record we do not hold is
 * kept: it may resolve on the peer (Eden would omit it; we keep unresolved references, see record.ts).
 */
export async function resolveDependencies(
  store: Pick<StoreReader, 'getRecords'>,
  entries: readonly ExportEntry[],
  filters: ParsedSyncFilters,
): Promise<Dependencies> {
  const inDocument = new Set<string>();
  let frontier: ExportKey[] = [];
  for (const entry of entries) {
    for (const record of [entry.record, ...entry.components]) {
      inDocument.add(exportKeyString(record.table, record.uuid));
      frontier.push(...referencedKeys(record));
    }
  }
  const records: LocalRecord[] = [];
  const dropped = new Set<string>();
  const unknown = new Set<string>();
  for (let depth = 1; depth <= MAX_DEPENDENCY_DEPTH; depth++) {
    const wanted = new Map<string, ExportKey>();
    for (const key of frontier) {
      const id = exportKeyString(key.table, key.uuid);
      if (!inDocument.has(id) && !dropped.has(id) && !unknown.has(id)) wanted.set(id, key);
    }
    if (wanted.size === 0) break;
    const found = await store.getRecords([...wanted.values()]);
    const next: ExportKey[] = [];
    [...wanted.keys()].forEach((id, index) => {
      const record = found[index];
      if (record === undefined) unknown.add(id);
      else if (record.deleted || !matchesFilters(record, filters[record.table])) dropped.add(id);
      else {
        inDocument.add(id);
        records.push(record);
        next.push(...referencedKeys(record));
      }
    });
    frontier = next;
  }
  return { records, dropped };
}
