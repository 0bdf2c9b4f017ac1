import type { ImportMethod, UpdatePolicy } from './policy.js';

/** This device's sync identity (Eden's `sync_config`, spec 1.1). Exactly one, made once. */
export type SyncConfig = {
  readonly uuid: string;
  readonly name: string;
};

/** A peer Eden server (Eden's `sync_repository`, spec 1.3). Credentials are not stored here. */
export type Repository = {
  readonly id: string;
  readonly name: string;
  /** Base URL including the application path, e.g. `/eden` or `https://host/eden`. */
  readonly url: string;
  readonly username: string | null;
  /** The peer's own sync uuid, learnt from `sender` at registration. */
  readonly peerUuid: string | null;
  readonly registered: boolean;
  readonly lastConnected: string | null;
};

/** Task modes as Eden numbers them (spec 1.4). */
export type TaskMode = 'pull' | 'push' | 'both' | 'none';

/** One resource synchronized with one repository (Eden's `sync_task`, spec 1.4). */
export type SyncTask = {
  readonly id: string;
  readonly repositoryId: string;
  readonly resourceName: string;
  readonly mode: TaskMode;
  readonly strategy: readonly ImportMethod[] | readonly string[];
  readonly updatePolicy: UpdatePolicy;
  readonly conflictPolicy: string;
  /**
   * Pull checkpoint, naive UTC `YYYY-MM-DDTHH:MM:SS` in the peer's clock domain: the newest
   * `modified_on` imported, stored as is. Unlike Eden (spec 1.10) no +1 s is added: the peer's
   * `msince` filter is `>=`, so re-importing the records of the boundary second is harmless,
   * whereas a +1 s would miss a record written later in that same second (spec 8.14).
   */
  readonly lastPull: string | null;
  /**
   * Push checkpoint, naive UTC: the newest local `modified_on` pushed and acknowledged, stored as is
   * (no +1 s, for the same reason as `lastPull`). Eden never advances its own (spec 8.3); here
   * changes are selected by their pending mark, not by this time; it is only sent as the push's
   * `msince` parameter, as Eden's client does (spec 2.5).
   */
  readonly lastPush: string | null;
  readonly components: boolean;
  /** Sync filters as `[table]selector=value` query pairs (spec 2.4). */
  readonly filters: readonly SyncFilter[];
  /**
   * Where an interrupted paged pull resumes; absent or null when no paged pull is under way.
   * Written by the pull in the transaction of each committed page, cleared with the last page.
   */
  readonly pullCursor?: PullCursor | null;
};

/**
 * The resume point of a paged full pull (our own, Eden has none). Valid only while the task's
 * `msince` and filters are unchanged; otherwise the pull starts again from the first page.
 */
export type PullCursor = {
  /** The msince the paged pull was started with (null: a full pull). */
  readonly msince: string | null;
  /** The task's filters when the pull started, as a canonical JSON key. */
  readonly filters: string;
  /** Record offset (`start`) of the next page: a changed page size does not invalidate it. */
  readonly nextStart: number;
  /** Newest `modified_on` imported by the committed pages (naive UTC), null if none. */
  readonly maxMtime: string | null;
  /** Snapshot bound of the run (naive UTC, peer clock): the checkpoint never goes past it. */
  readonly bound: string | null;
};

export type SyncFilter = { readonly table: string; readonly selector: string; readonly value: string };

/** Eden's S3SyncLog constants (spec 1.6). */
export const LogResult = {
  SUCCESS: 'success',
  WARNING: 'warning',
  ERROR: 'error',
  FATAL: 'fatal',
} as const;
export type LogResult = (typeof LogResult)[keyof typeof LogResult];

export type LogTransmission = 'incoming' | 'outgoing' | 'none';
export type LogMode = 'pull' | 'push' | 'login' | 'register' | 'none';

/** One sync log entry, with the fields of Eden's `sync_log`. */
export type SyncLogEntry = {
  readonly id?: number;
  readonly timestmp: string;
  readonly repositoryId: string | null;
  readonly resourceName: string | null;
  readonly transmission: LogTransmission;
  readonly mode: LogMode;
  readonly action: string;
  readonly result: LogResult;
  readonly remote: boolean;
  readonly message: string;
};
