import Dexie, { type Transaction } from 'dexie';
import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange, RecordKey, StoreWriter } from '../../ports/local-store.js';
import { nextSeq } from './next-seq.js';
import { toRecordRow } from './record-row.js';
import { noteRecordWrite, recordWriteCount } from './record-writes.js';
import { sameValue } from './same-value.js';
import { pendingAfterAcknowledge } from './pending-marks.js';
import type { EdenSyncDb, PendingRow, RecordRow } from './schema.js';
import { StoreError } from './store-error.js';
import { BULK_BATCH, createStoreReader, getRecordRows } from './store-reader.js';
import { addConflictRows, appendLogRow, putRepositoryRow, putTaskRow } from './sync-rows.js';

const keyOf = (table: string, uuid: string): string => `${table}\u0000${uuid}`;

function checkRecord(record: LocalRecord): void {
  if (typeof record.table !== 'string' || record.table === '' || typeof record.uuid !== 'string' || record.uuid === '') {
    throw new StoreError('invalid', 'a record needs a table and a uuid');
  }
}

/**
 * Rows this writer has read or written, valid while the store-wide count of record writes is the
 * one noted: any write to `records` not made through the memo (a nested local edit) changes the
 * count and empties it. Inside one read-write transaction nothing else can write.
 */
type RowMemo = { writes: number; readonly rows: Map<string, RecordRow | undefined> };

async function freshMemo(db: EdenSyncDb, memo: RowMemo): Promise<void> {
  const writes = await recordWriteCount(db);
  if (memo.writes === writes) return;
  memo.rows.clear();
  memo.writes = writes;
}

/** A stored row that a new row would not change. */
function unchanged(before: RecordRow | undefined, after: RecordRow): boolean {
  return before !== undefined && before.seq === after.seq && before.localRevision === after.localRevision && sameValue(before.record, after.record);
}

/**
 * Stores peer records with one bulk read (skipped for rows this writer already read) and one
 * bulkPut of the rows that change: existing records keep their insertion counter and local
 * revision, new ones get consecutive counters (first appearance order); the last of repeated keys wins. Pending marks are
 * left alone.
 */
async function putPeerRecords(db: EdenSyncDb, memo: RowMemo, records: readonly LocalRecord[]): Promise<void> {
  if (records.length === 0) return;
  records.forEach(checkRecord);
  await freshMemo(db, memo);
  const missing = new Map<string, RecordKey>();
  for (const { table, uuid } of records) {
    const key = keyOf(table, uuid);
    if (!memo.rows.has(key)) missing.set(key, { table, uuid });
  }
  const loaded = await getRecordRows(db, [...missing.values()]);
  [...missing.keys()].forEach((key, index) => memo.rows.set(key, loaded[index]));
  const latest = new Map<string, LocalRecord>();
  for (const record of records) {
    const key = keyOf(record.table, record.uuid);
    latest.set(key, record);
  }
  const fresh = [...latest.keys()].filter((key) => memo.rows.get(key) === undefined);
  const first = fresh.length > 0 ? await nextSeq(db, 'records', fresh.length) : 0;
  const seqOf = new Map(fresh.map((key, offset) => [key, first + offset]));
  const changed: RecordRow[] = [];
  for (const [key, record] of latest) {
    const before = memo.rows.get(key);
    const row = toRecordRow(record, before?.seq ?? seqOf.get(key) ?? -1, before?.localRevision ?? 0);
    if (!unchanged(before, row)) changed.push(row);
  }
  if (changed.length === 0) return;
  // In batches: a queue of hundreds of thousands of requests makes some IndexedDB engines
  // (fake-indexeddb shifts its request array) slow down quadratically.
  for (let from = 0; from < changed.length; from += BULK_BATCH) await db.records.bulkPut(changed.slice(from, from + BULK_BATCH));
  await noteRecordWrite(db);
  memo.writes += 1;
  for (const row of changed) memo.rows.set(keyOf(row.table, row.uuid), row);
}

/** The repositories with a push-capable task (mode 'push' or 'both'), by the task's table. */
async function pushRepositoriesByTable(db: EdenSyncDb): Promise<Map<string, Set<string>>> {
  const byTable = new Map<string, Set<string>>();
  for (const { task } of await db.tasks.toArray()) {
    if (task.mode !== 'push' && task.mode !== 'both') continue;
    const set = byTable.get(task.resourceName) ?? new Set<string>();
    set.add(task.repositoryId);
    byTable.set(task.resourceName, set);
  }
  return byTable;
}

/**
 * Acknowledges pushed revisions, for one repository or (without one) for all: see
 * `pendingAfterAcknowledge`. A record is pushed by the tasks of its own table and, as a component,
 * by those of its master's table, so the repositories of both must acknowledge it before its mark
 * goes. Keys without a mark are left alone.
 */
async function acknowledgePending(
  db: EdenSyncDb,
  changes: readonly Pick<PendingChange, 'table' | 'uuid' | 'revision'>[],
  repositoryId: string | undefined,
): Promise<void> {
  if (changes.length === 0) return;
  const rows = await db.pending.bulkGet(changes.map((change): [string, string] => [change.table, change.uuid]));
  const byTable = repositoryId === undefined ? new Map<string, Set<string>>() : await pushRepositoriesByTable(db);
  const done: [string, string][] = [];
  const kept: PendingRow[] = [];
  changes.forEach((change, index) => {
    const row = rows[index];
    if (row === undefined) return;
    const repositories = new Set([...(byTable.get(row.table) ?? []), ...(byTable.get(row.masterTable) ?? [])]);
    const after = pendingAfterAcknowledge(row, change.revision, repositoryId, [...repositories]);
    if (after === null) done.push([change.table, change.uuid]);
    else if (after !== row) kept.push(after);
  });
  if (done.length > 0) await db.pending.bulkDelete(done);
  if (kept.length > 0) await db.pending.bulkPut(kept);
}

/**
 * The writer handed to `LocalStore.write`. Every call first checks that it still runs inside that
 * write's transaction: awaiting anything but the store (a fetch, a timer) ends an IndexedDB
 * transaction, and a write outside it would silently lose atomicity.
 */
export function createStoreWriter(db: EdenSyncDb, tx: Transaction): StoreWriter {
  const inside = <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (Dexie.currentTransaction !== tx || !tx.active) {
        throw new StoreError('invalid', 'the writer was used outside its transaction (no network or timers inside write)');
      }
      return method(...args);
    };
  const reader = createStoreReader(db);
  const memo: RowMemo = { writes: -1, rows: new Map() };
  return {
    getRecords: inside(async (keys: readonly RecordKey[]) => {
      await freshMemo(db, memo);
      const rows = await getRecordRows(db, keys);
      keys.forEach((key, index) => memo.rows.set(keyOf(key.table, key.uuid), rows[index]));
      return rows.map((row) => row?.record);
    }),
    componentsOf: inside(reader.componentsOf),
    componentsOfMany: inside(reader.componentsOfMany),
    referrersOf: inside(reader.referrersOf),
    referrersOfMany: inside(reader.referrersOfMany),
    queryRecords: inside(reader.queryRecords),
    countRecords: inside(reader.countRecords),
    pendingOf: inside(reader.pendingOf),
    listPending: inside(reader.listPending),
    listPendingComponents: inside(reader.listPendingComponents),
    getTask: inside(reader.getTask),
    putRecords: inside((records: readonly LocalRecord[]) => putPeerRecords(db, memo, records)),
    acknowledge: inside((changes: readonly Pick<PendingChange, 'table' | 'uuid' | 'revision'>[], repositoryId?: string) =>
      acknowledgePending(db, changes, repositoryId),
    ),
    markRejected: inside(async (key: RecordKey, revision: number, message: string, repositoryId: string) => {
      const row = await db.pending.get([key.table, key.uuid]);
      if (row?.revision === revision) await db.pending.put({ ...row, errors: { ...row.errors, [repositoryId]: message } });
    }),
    addConflicts: inside((entries) => addConflictRows(db, entries)),
    putTask: inside((task) => putTaskRow(db, task)),
    putRepository: inside((repository) => putRepositoryRow(db, repository)),
    appendLog: inside((entry) => appendLogRow(db, entry)),
  };
}
