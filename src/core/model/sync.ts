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
  /** Pull checkpoint, naive UTC `YYYY-MM-DDTHH:MM:SS` in the peer's clock domain. */
  readonly lastPull: string | null;
  /** Push checkpoint (our own: largest local mtime pushed + 1 s, spec 8.3). */
  readonly lastPush: string | null;
  readonly components: boolean;
  /** Sync filters as `[table]selector=value` query pairs (spec 2.4). */
  readonly filters: readonly SyncFilter[];
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
