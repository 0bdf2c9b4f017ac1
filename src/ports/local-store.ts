import type { ConflictEntry } from '../core/model/conflict.js';
import type { LocalEdit, LocalRecord } from '../core/model/record.js';
import type { Repository, SyncConfig, SyncLogEntry, SyncTask } from '../core/model/sync.js';

/** Identity of a record: Eden table name and uuid. */
export type RecordKey = { readonly table: string; readonly uuid: string };

/** The key of a master in the map `componentsOfMany` returns: `"table|uuid"`. */
export function masterKeyString(master: RecordKey): string {
  return `${master.table}|${master.uuid}`;
}

/**
 * What a pending change must carry to the peer: `'all'` (a record the peer may not have yet: a
 * local create, an undelete, a move to another master, a delete), or the names of the fields and
 * references the local edits changed since the last acknowledged push (Eden's UPDATE applies only
 * the fields present, spec 4.10, so pushing just these cannot revert another device's edit).
 */
export type PendingFields = readonly string[] | 'all';

/**
 * How a pending field was cleared (set to null or removed) by a local edit: `'text'` when it held a
 * string (not a date or time), which a push sends as an empty `<data>` (Eden stores `""`, or NULL
 * for `IS_EMPTY_OR` text fields); `'other'` for any other value or a reference, which Eden cannot
 * clear through S3XML (spec 3.3, 8.8), so such a change stays pending with an error.
 */
export type ClearedKind = 'text' | 'other';

/**
 * A local change waiting to be pushed (architecture invariant 4.1). `revision` grows with every
 * local write of the record, so a push acknowledges exactly the revision it carried: an edit made
 * while the push was in flight stays pending, and so do the fields it changed.
 *
 * Pending is per repository (decision 0014): read for one repository, a change names what that
 * repository has not acknowledged yet; read without one, it names what any repository still lacks.
 */
export type PendingChange = {
  readonly table: string;
  readonly uuid: string;
  readonly op: 'upsert' | 'delete';
  readonly revision: number;
  /** The fields to push: the union over the unacknowledged local edits (see {@link PendingFields}). */
  readonly fields: PendingFields;
  /** Naive UTC time of the first unpushed local write. */
  readonly since: string;
  /** The fields among `fields` (or of the whole record) that the local edits cleared, by kind. */
  readonly cleared: Readonly<Record<string, ClearedKind>>;
  /**
   * The peer's message when it rejected this record in a push; null otherwise. Read for one
   * repository, that repository's message; read without one, the first message of any repository.
   */
  readonly error: string | null;
};

/** Selection of records for export (spec 5.1): `msince` is `modified_on >= msince`. */
export type RecordQuery = {
  readonly includeDeleted?: boolean;
  readonly msince?: string | null;
  /** Components are selected by master, not by this query. */
  readonly mastersOnly?: boolean;
  readonly start?: number;
  readonly limit?: number;
};

/** Reads available inside a transaction (and outside it, each read in its own). */
export interface StoreReader {
  getRecords(keys: readonly RecordKey[]): Promise<readonly (LocalRecord | undefined)[]>;
  /** Records nested under the given master (their `parent` is that key), deleted ones included. */
  componentsOf(master: RecordKey): Promise<readonly LocalRecord[]>;
  /**
   * `componentsOf` for many masters in one read: maps the `masterKeyString` of every given master
   * to its components (insertion order, deleted ones included; an empty list when it has none).
   */
  componentsOfMany(masters: readonly RecordKey[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>>;
  /** Records of any table that reference the given uuid in one of their `references`. */
  referrersOf(uuid: string): Promise<readonly LocalRecord[]>;
  /** `referrersOf` for many uuids in one read: maps every given uuid to its referrers (insertion order). */
  referrersOfMany(uuids: readonly string[]): Promise<ReadonlyMap<string, readonly LocalRecord[]>>;
  /** Records of one table in a stable order (insertion order, or `modified_on` descending with msince). */
  queryRecords(table: string, query: RecordQuery): Promise<readonly LocalRecord[]>;
  countRecords(table: string, query: RecordQuery): Promise<number>;
  /** Pending marks of `keys` (for `repositoryId` when given, see {@link PendingChange}). */
  pendingOf(keys: readonly RecordKey[], repositoryId?: string): Promise<readonly (PendingChange | undefined)[]>;
  /**
   * Pending changes of one table (for `repositoryId` when given: what it has not acknowledged);
   * costs time proportional to their number, not the table size.
   */
  listPending(table: string, repositoryId?: string): Promise<readonly PendingChange[]>;
  /**
   * Pending changes of components of `masterTable` (records of any table whose `parent.table` is
   * `masterTable`), for `repositoryId` when given: a push of that table carries them nested.
   */
  listPendingComponents(masterTable: string, repositoryId?: string): Promise<readonly PendingChange[]>;
  getTask(id: string): Promise<SyncTask | undefined>;
}

/** Writes, only inside `LocalStore.write`. Everything in one `write` commits or fails together. */
export interface StoreWriter extends StoreReader {
  /** Stores records received from a peer (not pending). */
  putRecords(records: readonly LocalRecord[]): Promise<void>;
  /**
   * Repository `repositoryId` acknowledged these revisions: what they carried is no longer pending
   * for it (later edits stay). The mark is removed once every repository with a push-capable task
   * (mode 'push' or 'both') for the record's table, or its master's table, acknowledged its current
   * revision; with no such repository it stays (decision 0014). Without `repositoryId` the local
   * edit up to that revision is settled for every repository (a pull replaced it wholly, 0010).
   */
  acknowledge(changes: readonly Pick<PendingChange, 'table' | 'uuid' | 'revision'>[], repositoryId?: string): Promise<void>;
  /** Attaches repository `repositoryId`'s rejection message to a pending change (it stays pending). */
  markRejected(key: RecordKey, revision: number, message: string, repositoryId: string): Promise<void>;
  addConflicts(entries: readonly ConflictEntry[]): Promise<void>;
  putTask(task: SyncTask): Promise<void>;
  putRepository(repository: Repository): Promise<void>;
  appendLog(entry: SyncLogEntry): Promise<void>;
}

/**
 * The local store behind one narrow interface: one IndexedDB database through Dexie in the
 * browser, fake-indexeddb in Node. The engine depends only on this port.
 */
export interface LocalStore extends StoreReader {
  readonly name: string;
  get(table: string, uuid: string): Promise<LocalRecord | undefined>;
  list(table: string, options?: { includeDeleted?: boolean }): Promise<readonly LocalRecord[]>;
  /** A local create or edit: stamps `modified_on` (and `created_on`, mci 0 on create), marks it pending. */
  saveLocal(table: string, edit: LocalEdit): Promise<LocalRecord>;
  /** A local delete: marks the record deleted (a tombstone) and pending. */
  removeLocal(table: string, uuid: string): Promise<void>;
  /** `listPending` outside a transaction. */
  pending(table: string, repositoryId?: string): Promise<readonly PendingChange[]>;

  /** Runs `work` in one read-write transaction over every table; rolls back if it throws. */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;

  /** This device's identity, made once on first use. */
  syncConfig(): Promise<SyncConfig>;
  listRepositories(): Promise<readonly Repository[]>;
  getRepository(id: string): Promise<Repository | undefined>;
  putRepository(repository: Repository): Promise<void>;
  /** Tasks of a repository in creation order (Eden runs them in id order, spec 1.10). */
  listTasks(repositoryId: string): Promise<readonly SyncTask[]>;
  putTask(task: SyncTask): Promise<void>;
  listLog(options?: { limit?: number }): Promise<readonly SyncLogEntry[]>;
  appendLog(entry: SyncLogEntry): Promise<void>;
  listConflicts(options?: { includeResolved?: boolean }): Promise<readonly ConflictEntry[]>;
  /**
   * Resolves a conflict entry. 'restore-local' writes the kept local version back as a new pending
   * local write. 'keep-incoming' drops the local edit the entry is about: every pending field whose
   * value is still the one the import left (the entry's `incoming`) leaves the pending mark, so it
   * is not pushed; fields edited again since keep their value and stay pending (decision 0014).
   */
  resolveConflict(id: number, resolution: 'keep-incoming' | 'restore-local'): Promise<void>;
  close(): void;
}
