import Dexie, { type Collection } from 'dexie';
import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange, RecordKey, RecordQuery, StoreReader } from '../../ports/local-store.js';
import { parentKeyOf, scopeOf } from './record-row.js';
import type { EdenSyncDb, RecordRow } from './schema.js';
import { StoreError } from './store-error.js';

const bySeq = (a: RecordRow, b: RecordRow): number => a.seq - b.seq;

function checkPaging(query: RecordQuery): void {
  for (const value of [query.start, query.limit]) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new StoreError('invalid', `start and limit must be whole numbers >= 0, got ${String(value)}`);
    }
  }
}

/**
 * The records of `table` a query selects, as one range of one index (see `RecordRow`): insertion
 * order, or with `msince` the range `modified_on >= msince` in descending order (spec 5.1, 8.5).
 */
export function selectRecords(db: EdenSyncDb, table: string, query: RecordQuery): Collection<RecordRow> {
  const scope = scopeOf(query);
  const msince = query.msince ?? '';
  if (msince === '') {
    return db.records.where(`[${scope}+seq]`).between([table, Dexie.minKey], [table, Dexie.maxKey], true, true);
  }
  return db.records
    .where(`[${scope}+mo+seq]`)
    .between([table, msince, Dexie.minKey], [table, Dexie.maxKey, Dexie.maxKey], true, true)
    .reverse();
}

/** One page of {@link selectRecords}; `start`/`limit` use the cursor, the page alone is loaded. */
export async function queryRecordRows(db: EdenSyncDb, table: string, query: RecordQuery): Promise<RecordRow[]> {
  checkPaging(query);
  if (query.limit === 0) return [];
  let selection = selectRecords(db, table, query);
  if (query.start !== undefined && query.start > 0) selection = selection.offset(query.start);
  if (query.limit !== undefined) selection = selection.limit(query.limit);
  return selection.toArray();
}

/**
 * The reads of the port over one database. Inside `LocalStore.write` Dexie binds every call to that
 * write's transaction; outside, each call runs in its own read-only transaction.
 */
export function createStoreReader(db: EdenSyncDb): StoreReader {
  return {
    async getRecords(keys: readonly RecordKey[]): Promise<(LocalRecord | undefined)[]> {
      const rows = await db.records.bulkGet(keys.map((key): [string, string] => [key.table, key.uuid]));
      return rows.map((row) => row?.record);
    },
    async componentsOf(master: RecordKey): Promise<LocalRecord[]> {
      const rows = await db.records.where('parentKey').equals(parentKeyOf(master.table, master.uuid)).toArray();
      return rows.sort(bySeq).map((row) => row.record);
    },
    async referrersOf(uuid: string): Promise<LocalRecord[]> {
      const rows = await db.records.where('refUuids').equals(uuid).distinct().toArray();
      return rows.sort(bySeq).map((row) => row.record);
    },
    async queryRecords(table: string, query: RecordQuery): Promise<LocalRecord[]> {
      const rows = await queryRecordRows(db, table, query);
      return rows.map((row) => row.record);
    },
    /** Counts every record the query selects; `start` and `limit` are ignored. */
    async countRecords(table: string, query: RecordQuery): Promise<number> {
      return selectRecords(db, table, query).count();
    },
    async pendingOf(keys: readonly RecordKey[]): Promise<(PendingChange | undefined)[]> {
      return db.pending.bulkGet(keys.map((key): [string, string] => [key.table, key.uuid]));
    },
    /** Reads the `pending` table through its `table` index only: cost follows the pending count. */
    async listPending(table: string): Promise<PendingChange[]> {
      return db.pending.where('table').equals(table).toArray();
    },
    async getTask(id: string) {
      return (await db.tasks.get(id))?.task;
    },
  };
}
