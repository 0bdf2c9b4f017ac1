import type { Table } from 'dexie';
import Dexie from 'dexie';
import type { ConflictEntry } from '../../core/model/conflict.js';
import { formatEdenDateTime } from '../../core/time/eden-date-time.js';
import type { LocalEdit, LocalRecord } from '../../core/model/record.js';
import type { Repository, SyncConfig, SyncLogEntry, SyncTask } from '../../core/model/sync.js';
import type { Clock } from '../../ports/clock.js';
import type { LocalStore, PendingChange, RecordKey, RecordQuery, StoreReader, StoreWriter } from '../../ports/local-store.js';
import { type EditContext, keepIncomingVersion, removeLocalRecord, restoreLocalRecord, saveLocalRecord } from './local-edits.js';
import { CONFIG_KEY, type EdenSyncDb } from './schema.js';
import { guarded, StoreError } from './store-error.js';
import { createStoreReader } from './store-reader.js';
import { createStoreWriter } from './store-writer.js';
import { addConflictRows, appendLogRow, conflictOfRow, putRepositoryRow, putTaskRow } from './sync-rows.js';

/** The name this device gives itself until the user changes it. */
export const DEFAULT_DEVICE_NAME = 'Eden Sync client';

/**
 * The `LocalStore` port over one Dexie database. Reads outside `write` each run in their own
 * transaction; writes run in one read-write transaction over just the tables they touch.
 * Every failure of Dexie or IndexedDB surfaces as a `StoreError`.
 */
export class DexieLocalStore implements LocalStore {
  readonly name: string;
  readonly #db: EdenSyncDb;
  readonly #clock: Clock;
  readonly #newUuid: () => string;
  readonly #reader: StoreReader;

  constructor(db: EdenSyncDb, clock: Clock, newUuid: () => string) {
    this.name = db.name;
    this.#db = db;
    this.#clock = clock;
    this.#newUuid = newUuid;
    this.#reader = createStoreReader(db);
  }

  #context(): EditContext {
    return { now: formatEdenDateTime(this.#clock.now()), newUuid: this.#newUuid };
  }

  /** The scope is an `async` function on purpose: only then does Dexie keep its zone across awaits. */
  #rw<T>(tables: Table[], work: () => Promise<T>): Promise<T> {
    return guarded(() => this.#db.transaction('rw', tables, async () => work()));
  }

  #read<T>(work: () => Promise<T>): Promise<T> {
    return guarded(work);
  }

  getRecords(keys: readonly RecordKey[]): Promise<readonly (LocalRecord | undefined)[]> {
    return this.#read(() => this.#reader.getRecords(keys));
  }
  componentsOf(master: RecordKey): Promise<readonly LocalRecord[]> {
    return this.#read(() => this.#reader.componentsOf(master));
  }
  componentsOfMany(masters: readonly RecordKey[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>> {
    return this.#read(() => this.#reader.componentsOfMany(masters));
  }
  referrersOf(uuid: string): Promise<readonly LocalRecord[]> {
    return this.#read(() => this.#reader.referrersOf(uuid));
  }
  referrersOfMany(uuids: readonly string[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>> {
    return this.#read(() => this.#reader.referrersOfMany(uuids));
  }
  queryRecords(table: string, query: RecordQuery): Promise<readonly LocalRecord[]> {
    return this.#read(() => this.#reader.queryRecords(table, query));
  }
  countRecords(table: string, query: RecordQuery): Promise<number> {
    return this.#read(() => this.#reader.countRecords(table, query));
  }
  pendingOf(keys: readonly RecordKey[], repositoryId?: string): Promise<readonly (PendingChange | undefined)[]> {
    return this.#read(() => this.#reader.pendingOf(keys, repositoryId));
  }
  listPending(table: string, repositoryId?: string): Promise<readonly PendingChange[]> {
    return this.#read(() => this.#reader.listPending(table, repositoryId));
  }
  listPendingComponents(masterTable: string, repositoryId?: string): Promise<readonly PendingChange[]> {
    return this.#read(() => this.#reader.listPendingComponents(masterTable, repositoryId));
  }
  pending(table: string, repositoryId?: string): Promise<readonly PendingChange[]> {
    return this.listPending(table, repositoryId);
  }
  getTask(id: string): Promise<SyncTask | undefined> {
    return this.#read(() => this.#reader.getTask(id));
  }

  async get(table: string, uuid: string): Promise<LocalRecord | undefined> {
    const [record] = await this.getRecords([{ table, uuid }]);
    return record;
  }
  list(table: string, options: { includeDeleted?: boolean } = {}): Promise<readonly LocalRecord[]> {
    return this.queryRecords(table, { includeDeleted: options.includeDeleted === true });
  }

  saveLocal(table: string, edit: LocalEdit): Promise<LocalRecord> {
    const db = this.#db;
    return this.#rw([db.records, db.pending, db.meta], () => saveLocalRecord(db, table, edit, this.#context()));
  }
  removeLocal(table: string, uuid: string): Promise<void> {
    const db = this.#db;
    return this.#rw([db.records, db.pending, db.meta], () => removeLocalRecord(db, table, uuid, this.#context()));
  }

  /**
   * Runs `work` in one read-write transaction over every table: all of it commits, or (if it throws)
   * none of it. `work` may await only the writer: a network call or timer inside would end the
   * IndexedDB transaction (architecture invariant 4.5), so the writer then refuses to run.
   */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const db = this.#db;
    return guarded(() => db.transaction('rw', db.allTables(), async (tx) => work(createStoreWriter(db, tx))));
  }

  syncConfig(): Promise<SyncConfig> {
    const db = this.#db;
    return this.#rw([db.config], async () => {
      const row = (await db.config.get(CONFIG_KEY)) ?? { key: CONFIG_KEY, uuid: this.#newUuid(), name: DEFAULT_DEVICE_NAME };
      await db.config.put(row);
      return { uuid: row.uuid, name: row.name };
    });
  }

  listRepositories(): Promise<readonly Repository[]> {
    return this.#read(async () => (await this.#db.repositories.orderBy('seq').toArray()).map((row) => row.repository));
  }
  getRepository(id: string): Promise<Repository | undefined> {
    return this.#read(async () => (await this.#db.repositories.get(id))?.repository);
  }
  putRepository(repository: Repository): Promise<void> {
    const db = this.#db;
    return this.#rw([db.repositories, db.meta], () => putRepositoryRow(db, repository));
  }

  listTasks(repositoryId: string): Promise<readonly SyncTask[]> {
    return this.#read(async () => {
      const range = this.#db.tasks.where('[repositoryId+seq]').between([repositoryId, Dexie.minKey], [repositoryId, Dexie.maxKey]);
      return (await range.toArray()).map((row) => row.task);
    });
  }
  putTask(task: SyncTask): Promise<void> {
    const db = this.#db;
    return this.#rw([db.tasks, db.meta], () => putTaskRow(db, task));
  }

  /** Newest first; all entries unless `limit` is given. */
  listLog(options: { limit?: number } = {}): Promise<readonly SyncLogEntry[]> {
    return this.#read(() => {
      const newestFirst = this.#db.log.orderBy(':id').reverse();
      return (options.limit === undefined ? newestFirst : newestFirst.limit(options.limit)).toArray();
    });
  }
  appendLog(entry: SyncLogEntry): Promise<void> {
    const db = this.#db;
    return this.#rw([db.log], () => appendLogRow(db, entry));
  }

  /** Oldest first; unresolved ones only unless `includeResolved`. */
  listConflicts(options: { includeResolved?: boolean } = {}): Promise<readonly ConflictEntry[]> {
    return this.#read(async () => {
      const { conflicts } = this.#db;
      const rows = options.includeResolved === true ? conflicts.toCollection() : conflicts.where('open').equals(1);
      return (await rows.toArray()).map(conflictOfRow);
    });
  }
  /** Adds conflict entries outside a sync run (the engine uses the writer inside one). */
  addConflicts(entries: readonly ConflictEntry[]): Promise<void> {
    const db = this.#db;
    return this.#rw([db.conflicts], () => addConflictRows(db, entries));
  }
  /**
   * Marks a conflict resolved; 'restore-local' first writes the kept local version back as a new
   * pending local write, 'keep-incoming' drops the local edit's fields the import left as they are
   * from the pending mark (see `keepIncomingVersion`). Resolving an already resolved conflict changes nothing.
   */
  resolveConflict(id: number, resolution: 'keep-incoming' | 'restore-local'): Promise<void> {
    const db = this.#db;
    return this.#rw([db.conflicts, db.records, db.pending, db.meta], async () => {
      const row = await db.conflicts.get(id);
      if (row === undefined) throw new StoreError('not-found', `conflict ${id}`);
      if (row.open === 0) return;
      if (resolution === 'restore-local') await restoreLocalRecord(db, row.entry.local, this.#context());
      else if (row.entry.kind !== 'rejected-by-peer') await keepIncomingVersion(db, row.entry);
      await db.conflicts.put({ ...row, open: 0, entry: { ...row.entry, resolved: true } });
    });
  }

  close(): void {
    this.#db.close();
  }
}
