import type { ConflictEntry } from '../model/conflict.js';
import type { UpdatePolicy } from '../model/policy.js';
import type { LocalRecord } from '../model/record.js';
import type { OnConflict } from '../policy/conflict-item.js';

/** Identity of a record (same shape as the store port's `RecordKey`). */
export type ImportKey = { readonly table: string; readonly uuid: string };

/**
 * The pending mark of a local change (same shape as the store port's `PendingChange`, reduced).
 * `fields` names the fields and references the local edits changed; `'all'` or absent: the whole record.
 */
export type PendingMark = {
  readonly table: string;
  readonly uuid: string;
  readonly revision: number;
  readonly fields?: readonly string[] | 'all';
};

/** One record the import refused with an error (Eden's error tree entry). */
export type ImportError = {
  readonly uuid: string | null;
  readonly table: string;
  readonly field: string | null;
  readonly message: string;
};

/**
 * What an import did, in Eden's terms (spec 4.12): `records` counts the items of the main table
 * without an error (skipped and refused ones included); `created`/`updated`/`deleted` list their
 * uuids by method (refused updates and deletions are listed too, as Eden does); `mtime` is the
 * newest item mtime among them (naive UTC; now for an element without `modified_on`);
 * `conflicts` is the number of local versions put in the conflict inbox.
 *
 * `peerMtime` and `rejectedMtime` are ours, for a pull checkpoint (architecture invariant 2,
 * docs/decisions/0015-checkpoint-not-past-rejected.md): they count only `modified_on` values the
 * peer sent, never the device clock.
 */
export type ImportReport = {
  readonly records: number;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
  readonly errors: readonly ImportError[];
  readonly mtime: string | null;
  readonly conflicts: number;
  /** Newest `modified_on` the peer sent among the masters counted in `records`; null if none sent one. */
  readonly peerMtime: string | null;
  /**
   * Oldest `modified_on` the peer sent among the masters refused with an error of their own or of a
   * nested component ("Operation not permitted" of the strategy excepted); null if none.
   */
  readonly rejectedMtime: string | null;
};

/** Parameters of one import (Eden's `import_xml` arguments, spec 4.1). */
export type ImportOptions = {
  /** Permitted methods; null/undefined = all four. */
  readonly strategy?: string | readonly string[] | null;
  /** null/undefined/"" = OTHER (Eden's job default). */
  readonly updatePolicy?: UpdatePolicy;
  readonly conflictPolicy?: string | null;
  /** undefined = `defaultResolver(conflictPolicy)`; null = no resolver, every conflict is refused. */
  readonly onconflict?: OnConflict | null;
  /** Naive UTC; conflict detection is active only when set. */
  readonly lastSync?: string | null;
  /** Default true (as sync does). When false, any error discards the whole plan. */
  readonly ignoreErrors?: boolean;
  /** Label stored on conflict inbox entries. */
  readonly source?: string;
  /** Makes a uuid for an element that has none and matches no local record. */
  readonly newUuid: () => string;
  /**
   * The `modified_on` a DELETE or MERGE stamps (docs/decisions/0017-removal-time.md): `'now'`
   * (default, Eden's: right for a peer that others pull from with msince) or `'peer'`: the incoming
   * tombstone's `modified_on` (now when it has none), for a client's pull.
   */
  readonly removalTime?: RemovalTime;
};

/** See `ImportOptions.removalTime`. */
export type RemovalTime = 'now' | 'peer';

/**
 * The local state an import needs, pre-loaded by the engine (see `snapshotRequest`): records by
 * key, the components of tombstone/merge targets, the referrers of merge duplicates, pending marks,
 * and whole tables only where an element without uuid must be deduplicated by name.
 */
export interface LocalSnapshot {
  get(table: string, uuid: string): LocalRecord | undefined;
  componentsOf(table: string, uuid: string): readonly LocalRecord[];
  referrersOf(uuid: string): readonly LocalRecord[];
  pendingOf(table: string, uuid: string): PendingMark | undefined;
  recordsOf(table: string): readonly LocalRecord[];
}

/** The result of planning: what to write, in one transaction. */
export type ImportPlan = {
  /** Final versions of every record the import changes, each key once. */
  readonly writes: readonly LocalRecord[];
  /** Local pending versions the import overwrote or deleted (architecture invariant 4.1). */
  readonly conflicts: readonly ConflictEntry[];
  /** Pending marks to drop: the local edit was wholly replaced and now lives in the inbox. */
  readonly acknowledge: readonly PendingMark[];
  readonly report: ImportReport;
};
