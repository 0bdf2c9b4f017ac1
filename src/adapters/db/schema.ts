import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ConflictEntry } from '../../core/model/conflict.js';
import type { LocalRecord } from '../../core/model/record.js';
import type { Repository, SyncConfig, SyncLogEntry, SyncTask } from '../../core/model/sync.js';
import type { PendingChange } from '../../ports/local-store.js';

/**
 * One record with the fields its indexes need. Only three indexes serve every read (each costs
 * write time): `[table+seq]` (insertion order), `[table+desc+nseq]` (`modified_on` descending,
 * read forwards) and `parentKey`, plus the multi-entry `refUuids`. Every index field is present on
 * every row (a missing key costs a caught exception per row in fake-indexeddb); deleted records and
 * components are filtered in memory when a query leaves them out (see `record-query.ts`).
 */
export type RecordRow = {
  readonly table: string;
  readonly uuid: string;
  /** Store-wide insertion counter, kept when the record is updated (Eden's id order). */
  readonly seq: number;
  /** `-seq`: within one `modified_on`, the later insertion first. */
  readonly nseq: number;
  /** Revision of the latest local write; pending revisions continue from it and are never reused. */
  readonly localRevision: number;
  /**
   * `modified_on` mapped so that ascending order is descending `modified_on` (see `descendingKey`);
   * a record without `modified_on` gets `NO_MODIFIED_ON`, after every msince range (spec 5.1).
   */
  readonly desc: string;
  /** `"table|uuid"` of the master on components, `""` on masters. */
  readonly parentKey: string;
  /** Every uuid named in `record.references`, without repeats. */
  readonly refUuids: readonly string[];
  readonly record: LocalRecord;
};

/**
 * The stored pending mark of a record. `fieldRevisions` maps each field or reference a local edit
 * changed (since the last acknowledged push) to the revision of its latest change; `wholeAt` is
 * the revision of the latest write that needs the whole record pushed (see `PendingFields`), or null. Keeping
 * revisions per field lets an acknowledge clear exactly what the acknowledged revision carried.
 */
export type PendingRow = Omit<PendingChange, 'fields'> & {
  readonly fieldRevisions: Readonly<Record<string, number>>;
  readonly wholeAt: number | null;
};

/** The single config row has key {@link CONFIG_KEY}. */
export type ConfigRow = SyncConfig & { readonly key: string };
export const CONFIG_KEY = 'device';

export type RepositoryRow = { readonly id: string; readonly seq: number; readonly repository: Repository };
export type TaskRow = {
  readonly id: string;
  readonly repositoryId: string;
  /** Creation counter; tasks run in creation order (spec 1.10). */
  readonly seq: number;
  readonly task: SyncTask;
};
export type LogRow = SyncLogEntry & { readonly id?: number };
export type ConflictRow = {
  readonly id?: number;
  /** 1 while unresolved (booleans are not valid IndexedDB keys). */
  readonly open: 0 | 1;
  readonly entry: ConflictEntry;
};
/** Named counters: see {@link SeqName}. */
export type MetaRow = { readonly name: string; value: number };
/** `recordWrites` counts write transactions that changed `records` (see `record-generation.ts`). */
export type SeqName = 'records' | 'tasks' | 'repositories' | 'recordWrites';

/** The Dexie database of one local store: the only place that knows tables, indexes and versions. */
export class EdenSyncDb extends Dexie {
  records!: Table<RecordRow, [string, string]>;
  pending!: Table<PendingRow, [string, string]>;
  config!: EntityTable<ConfigRow, 'key'>;
  repositories!: EntityTable<RepositoryRow, 'id'>;
  tasks!: EntityTable<TaskRow, 'id'>;
  log!: EntityTable<LogRow, 'id'>;
  conflicts!: EntityTable<ConflictRow, 'id'>;
  meta!: EntityTable<MetaRow, 'name'>;

  constructor(name: string, options: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange });
    this.version(1).stores({
      records: '[table+uuid],[table+seq],[table+desc+nseq],parentKey,*refUuids',
      pending: '[table+uuid],table',
      config: 'key',
      repositories: 'id,seq',
      tasks: 'id,[repositoryId+seq]',
      log: '++id',
      conflicts: '++id,open',
      meta: 'name',
    });
  }

  /** Every table, for a transaction that spans the whole store. */
  allTables(): Table[] {
    return [this.records, this.pending, this.config, this.repositories, this.tasks, this.log, this.conflicts, this.meta];
  }
}
