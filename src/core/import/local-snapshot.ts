import type { LocalRecord } from '../model/record.js';
import type { ImportKey, LocalSnapshot, PendingMark } from './import-types.js';
import { keyOf } from './prepare-import.js';

/** The loaded local state, as plain lists (what the engine reads from the store in bulk). */
export type SnapshotData = {
  readonly records: readonly LocalRecord[];
  readonly components: readonly { readonly master: ImportKey; readonly records: readonly LocalRecord[] }[];
  readonly referrers: readonly { readonly uuid: string; readonly records: readonly LocalRecord[] }[];
  readonly pending: readonly PendingMark[];
  readonly tables: readonly { readonly table: string; readonly records: readonly LocalRecord[] }[];
};

/** Builds the planner's lookup over loaded data (whole tables included); anything not loaded reads as absent/empty. */
export function createLocalSnapshot(data: SnapshotData): LocalSnapshot {
  const records = new Map(data.records.map((record) => [keyOf(record.table, record.uuid), record]));
  for (const entry of data.tables) {
    for (const record of entry.records) if (!records.has(keyOf(record.table, record.uuid))) records.set(keyOf(record.table, record.uuid), record);
  }
  const components = new Map(data.components.map((entry) => [keyOf(entry.master.table, entry.master.uuid), entry.records]));
  const referrers = new Map(data.referrers.map((entry) => [entry.uuid, entry.records]));
  const pending = new Map(data.pending.map((mark) => [keyOf(mark.table, mark.uuid), mark]));
  const tables = new Map(data.tables.map((entry) => [entry.table, entry.records]));
  return {
    get: (table, uuid) => records.get(keyOf(table, uuid)),
    componentsOf: (table, uuid) => components.get(keyOf(table, uuid)) ?? [],
    referrersOf: (uuid) => referrers.get(uuid) ?? [],
    pendingOf: (table, uuid) => pending.get(keyOf(table, uuid)),
    recordsOf: (table) => tables.get(table) ?? [],
  };
}
