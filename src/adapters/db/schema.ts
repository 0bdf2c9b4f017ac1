import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ConflictEntry } from '../../core/model/conflict.js';
import type { LocalRecord } from '../../core/model/record.js';
import type { Repository, SyncConfig, SyncLogEntry, SyncTask } from '../../core/model/sync.js';
import type { ClearedKind, PendingChange } from '../../ports/local-store.js';

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
 * The stored pending mark of a record (one per record, shared by every repository).
 * `fieldRevisions` maps each field or reference a local edit changed to the revision of its latest
 * change; `wholeAt` is the revision of the latest write that needs the whole record pushed (see
 * `PendingFields`), or null; `cleared` the fields a local edit cleared (kind and revision).
 * `acknowledged` maps each repository id to the revision it acknowledged: what is pending for a
 * repository is what changed after that revision (decision 0014). `errors` holds each repository's
 * rejection message. `masterTable` is the table of the record's master (`""` for a master), indexed
 * so that a push of that table finds its pending components.
 */
export type PendingRow = {
  readonly table: string;
  readonly uuid: string;
  readonly op: PendingChange['op'];
  readonly revision: number;
  readonly since: string;
  readonly fieldRevisions: Readonly<Record<string, number>>;
  readonly wholeAt: number | null;
  readonly cleared: Readonly<Record<string, ClearedMark>>;
  readonly acknowledged: Readonly<Record<string, number>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly masterTable: string;
};

/** A field cleared by a local write: its kind and the revision of that write. */
export type ClearedMark = { readonly kind: ClearedKind; readonly at: number };

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
/** Version 1 of the stores, frozen: later versions change the schema only by adding versions. */
export const SCHEMA_V1: Readonly<Record<string, string>> = {
  records: '[table+uuid],[table+seq],[table+desc+nseq],parentKey,*refUuids',
  pending: '[table+uuid],table',
  config: 'key',
  repositories: 'id,seq',
  tasks: 'id,[repositoryId+seq]',
  log: '++id',
  conflicts: '++id,open',
  meta: 'name',
};

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
    this.version(1).stores(SCHEMA_V1);
    // Version 2: pending marks per repository (decision 0014), indexed by their master's table.
    this.version(2)
      .stores({ pending: '[table+uuid],table,masterTable' })
      .upgrade(async (tx) => {
        const pending = tx.table<PendingRow & { error?: unknown }, [string, string]>('pending');
        const rows = await pending.toArray();
        const records = await tx.table<RecordRow, [string, string]>('records').bulkGet(rows.map((row): [string, string] => [row.table, row.uuid]));
        await pending.bulkPut(
          rows.map((row, index) => {
            const { error: _dropped, ...rest } = row;
            return { ...rest, ...upgradedPendingRow(rest, records[index]?.record.parent?.table ?? '') };
          }),
        );
      });
  }

  /** Every table, for a transaction that spans the whole store. */
  allTables(): Table[] {
    return [this.records, this.pending, this.config, this.repositories, this.tasks, this.log, this.conflicts, this.meta];
  }
}

/** A version-1 pending row in the version-2 shape (its device-wide error is dropped: re-sent once). */
function upgradedPendingRow(row: Partial<PendingRow>, masterTable: string): Omit<PendingRow, 'table' | 'uuid' | 'op' | 'revision' | 'since'> {
  return {
    fieldRevisions: row.fieldRevisions ?? {},
    wholeAt: row.wholeAt ?? null,
    cleared: row.cleared ?? {},
    acknowledged: row.acknowledged ?? {},
    errors: row.errors ?? {},
    masterTable,
  };
}
