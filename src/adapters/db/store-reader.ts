import Dexie from 'dexie';
import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange, RecordKey, StoreReader } from '../../ports/local-store.js';
import { type RecordIndex, rowsPerIndexKey } from './index-reads.js';
import { countRecordRows, queryRecordRows } from './record-query.js';
import { parentKeyOf } from './record-row.js';
import { pendingChangeOf } from './pending-marks.js';
import type { EdenSyncDb, PendingRow, RecordRow } from './schema.js';

export { queryRecordRows } from './record-query.js';

const bySeq = (a: RecordRow, b: RecordRow): number => a.seq - b.seq;

/** From this many keys on, a whole small table may be cheaper to read than one get per key. */
const BULK_THRESHOLD = 64;

/** Keys per bulk request: a queue of hundreds of thousands of requests is slow in some engines. */
export const BULK_BATCH = 2000;

const tableKey = (table: string, uuid: string): string => `${table}\u0000${uuid}`;

/**
 * The rows of `keys`, aligned with them. A table holding no more records than are asked of it is
 * read whole with one `getAll` (an import into an empty or same-sized store); others key by key.
 */
export function getRecordRows(db: EdenSyncDb, keys: readonly RecordKey[]): Promise<(RecordRow | undefined)[]> {
  if (keys.length < BULK_THRESHOLD) return db.records.bulkGet(keys.map((key): [string, string] => [key.table, key.uuid]));
  return db.transaction('r', [db.records], async () => {
    const asked = new Map<string, number>();
    for (const key of keys) asked.set(key.table, (asked.get(key.table) ?? 0) + 1);
    const found = new Map<string, RecordRow | undefined>();
    const single: RecordKey[] = [];
    for (const [table, count] of asked) {
      const tableRange = db.records.where('[table+uuid]').between([table, Dexie.minKey], [table, Dexie.maxKey], true, true);
      // Primary keys only, and at most one more than asked: a cost in line with the gets it saves.
      if ((await tableRange.limit(count + 1).primaryKeys()).length <= count) {
        for (const row of await tableRange.toArray()) found.set(tableKey(row.table, row.uuid), row);
      } else {
        single.push(...keys.filter((key) => key.table === table));
      }
    }
    for (let from = 0; from < single.length; from += BULK_BATCH) {
      const batch = single.slice(from, from + BULK_BATCH);
      const rows = await db.records.bulkGet(batch.map((key): [string, string] => [key.table, key.uuid]));
      batch.forEach((key, index) => found.set(tableKey(key.table, key.uuid), rows[index]));
    }
    return keys.map((key) => found.get(tableKey(key.table, key.uuid)));
  });
}

/** Records under each distinct key of one index, in insertion order, by key. */
async function recordsByIndexKey(db: EdenSyncDb, index: RecordIndex, keys: readonly string[]): Promise<Map<string, LocalRecord[]>> {
  const unique = [...new Set(keys)];
  const lists = await rowsPerIndexKey(db, index, unique);
  const result = new Map<string, LocalRecord[]>();
  unique.forEach((key, i) => result.set(key, (lists[i] ?? []).sort(bySeq).map((row) => row.record)));
  return result;
}

/** Pending marks of `keys`: the whole (usually small) pending table when it is smaller than the ask. */
function pendingRows(db: EdenSyncDb, keys: readonly RecordKey[]): Promise<(PendingRow | undefined)[]> {
  const bulkGet = async () => {
    const marks: (PendingRow | undefined)[] = [];
    for (let from = 0; from < keys.length; from += BULK_BATCH) {
      marks.push(...(await db.pending.bulkGet(keys.slice(from, from + BULK_BATCH).map((key): [string, string] => [key.table, key.uuid]))));
    }
    return marks;
  };
  if (keys.length < BULK_THRESHOLD) return bulkGet();
  return db.transaction('r', [db.pending], async () => {
    if ((await db.pending.limit(keys.length + 1).primaryKeys()).length > keys.length) return bulkGet();
    const marks = new Map((await db.pending.toArray()).map((row) => [tableKey(row.table, row.uuid), row]));
    return keys.map((key) => marks.get(tableKey(key.table, key.uuid)));
  });
}

/** The changes of the rows that are pending for the repository (for any, without one). */
function pendingList(rows: readonly PendingRow[], repositoryId: string | undefined): PendingChange[] {
  const changes: PendingChange[] = [];
  for (const row of rows) {
    const change = pendingChangeOf(row, repositoryId);
    if (change !== undefined) changes.push(change);
  }
  return changes;
}

/**
 * The reads of the port over one database. Inside `LocalStore.write` Dexie binds every call to that
 * write's transaction; outside, each call runs in its own read-only transaction.
 */
export function createStoreReader(db: EdenSyncDb): StoreReader {
  return {
    async getRecords(keys: readonly RecordKey[]): Promise<(LocalRecord | undefined)[]> {
      return (await getRecordRows(db, keys)).map((row) => row?.record);
    },
    async componentsOf(master: RecordKey): Promise<LocalRecord[]> {
      const rows = await db.records.where('parentKey').equals(parentKeyOf(master.table, master.uuid)).toArray();
      return rows.sort(bySeq).map((row) => row.record);
    },
    async componentsOfMany(masters: readonly RecordKey[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>> {
      return recordsByIndexKey(db, 'parentKey', masters.map((master) => parentKeyOf(master.table, master.uuid)));
    },
    async referrersOf(uuid: string): Promise<LocalRecord[]> {
      // refUuids holds each uuid once per row, so an exact key never yields a row twice.
      const rows = await db.records.where('refUuids').equals(uuid).toArray();
      return rows.sort(bySeq).map((row) => row.record);
    },
    async referrersOfMany(uuids: readonly string[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>> {
      return recordsByIndexKey(db, 'refUuids', uuids);
    },
    async queryRecords(table, query): Promise<LocalRecord[]> {
      return (await queryRecordRows(db, table, query)).map((row) => row.record);
    },
    /** Counts every record the query selects; `start` and `limit` are ignored. */
    countRecords: (table, query) => countRecordRows(db, table, query),
    async pendingOf(keys: readonly RecordKey[], repositoryId?: string): Promise<(PendingChange | undefined)[]> {
      return (await pendingRows(db, keys)).map((row) => (row === undefined ? undefined : pendingChangeOf(row, repositoryId)));
    },
    /** Reads the `pending` table through its `table` index only: cost follows the pending count. */
    async listPending(table: string, repositoryId?: string): Promise<PendingChange[]> {
      return pendingList(await db.pending.where('table').equals(table).toArray(), repositoryId);
    },
    /** Reads the `pending` table through its `masterTable` index only. */
    async listPendingComponents(masterTable: string, repositoryId?: string): Promise<PendingChange[]> {
      if (masterTable === '') return [];
      return pendingList(await db.pending.where('masterTable').equals(masterTable).toArray(), repositoryId);
    },
    async getTask(id: string) {
      return (await db.tasks.get(id))?.task;
    },
  };
}
