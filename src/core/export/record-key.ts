import type { LocalRecord } from '../model/record.js';

/** A record's identity in the export: table and uuid. */
export type ExportKey = { readonly table: string; readonly uuid: string };

/** One string per (table, uuid), for sets and maps. */
export function exportKeyString(table: string, uuid: string): string {
  return `${table}\u0000${uuid}`;
}

/**
 * The records an exported record needs in the document (spec 3.6, 3.8): a live record's
 * references (those whose table is known; we cannot look up a uuid without its table), a
 * deleted record's `replaced_by` (a merge stays within one table). In first-seen order, each once.
 */
export function referencedKeys(record: LocalRecord): ExportKey[] {
  const keys = new Map<string, ExportKey>();
  const add = (table: string, uuid: string): void => {
    const key = exportKeyString(table, uuid);
    if (!keys.has(key)) keys.set(key, { table, uuid });
  };
  if (record.deleted) {
    if (record.replaced_by !== null) add(record.table, record.replaced_by);
    return [...keys.values()];
  }
  for (const reference of Object.values(record.references)) {
    if (reference.table === null) continue;
    for (const uuid of reference.uuids) add(reference.table, uuid);
  }
  return [...keys.values()];
}
