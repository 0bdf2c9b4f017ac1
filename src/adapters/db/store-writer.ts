import Dexie, { type Transaction } from 'dexie';
import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange, RecordKey, StoreWriter } from '../../ports/local-store.js';
import { nextSeq } from './next-seq.js';
import { toRecordRow } from './record-row.js';
import type { EdenSyncDb, RecordRow } from './schema.js';
import { StoreError } from './store-error.js';
import { createStoreReader } from './store-reader.js';
import { addConflictRows, appendLogRow, putRepositoryRow, putTaskRow } from './sync-rows.js';

const keyOf = (table: string, uuid: string): string => `${table}\u0000${uuid}`;

function checkRecord(record: LocalRecord): void {
  if (typeof record.table !== 'string' || record.table === '' || typeof record.uuid !== 'string' || record.uuid === '') {
    throw new StoreError('invalid', 'a record needs a table and a uuid');
  }
}

/**
 * Stores peer records with one bulkGet and one bulkPut: existing records keep their insertion
 * counter and local revision, new ones get consecutive counters. Pending marks are left alone.
 */
async function putPeerRecords(db: EdenSyncDb, records: readonly LocalRecord[]): Promise<void> {
  if (records.length === 0) return;
  records.forEach(checkRecord);
  const existing = await db.records.bulkGet(records.map((record): [string, string] => [record.table, record.uuid]));
  const known = new Map<string, Pick<RecordRow, 'seq' | 'localRevision'>>();
  const fresh: string[] = [];
  records.forEach((record, index) => {
    const key = keyOf(record.table, record.uuid);
    const row = existing[index];
    if (row !== undefined) known.set(key, row);
    else if (!known.has(key)) {
      known.set(key, { seq: -1, localRevision: 0 });
      fresh.push(key);
    }
  });
  if (fresh.length > 0) {
    const first = await nextSeq(db, 'records', fresh.length);
    fresh.forEach((key, offset) => known.set(key, { seq: first + offset, localRevision: 0 }));
  }
  const rows = records.map((record) => {
    const { seq, localRevision } = known.get(keyOf(record.table, record.uuid)) ?? { seq: -1, localRevision: 0 };
    return toRecordRow(record, seq, localRevision);
  });
  await db.records.bulkPut(rows);
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
  return {
    getRecords: inside(reader.getRecords),
    componentsOf: inside(reader.componentsOf),
    referrersOf: inside(reader.referrersOf),
    queryRecords: inside(reader.queryRecords),
    countRecords: inside(reader.countRecords),
    pendingOf: inside(reader.pendingOf),
    listPending: inside(reader.listPending),
    getTask: inside(reader.getTask),
    putRecords: inside((records: readonly LocalRecord[]) => putPeerRecords(db, records)),
    acknowledge: inside(async (changes: readonly Pick<PendingChange, 'table' | 'uuid' | 'revision'>[]) => {
      const rows = await db.pending.bulkGet(changes.map((change): [string, string] => [change.table, change.uuid]));
      const done = changes
        .filter((change, index) => rows[index]?.revision === change.revision)
        .map((change): [string, string] => [change.table, change.uuid]);
      await db.pending.bulkDelete(done);
    }),
    markRejected: inside(async (key: RecordKey, revision: number, message: string) => {
      const row = await db.pending.get([key.table, key.uuid]);
      if (row?.revision === revision) await db.pending.put({ ...row, error: message });
    }),
    addConflicts: inside((entries) => addConflictRows(db, entries)),
    putTask: inside((task) => putTaskRow(db, task)),
    putRepository: inside((repository) => putRepositoryRow(db, repository)),
    appendLog: inside((entry) => appendLogRow(db, entry)),
  };
}
