/**
 * Public entry of Eden Sync. Runs unchanged in a service worker, a page and Node >= 20: nothing
 * here touches DOM or Node globals at import time (IndexedDB is read when a store is opened).
 */
import type { Clock } from './ports/clock.js';
import { systemClock } from './adapters/system-clock.js';
import {
  EdenSyncAdapter as EngineEdenSyncAdapter,
  type EdenSyncAdapterOptions as EngineEdenSyncAdapterOptions,
} from './engine/eden-sync-adapter.js';

export { decodeS3Xml } from './core/s3xml/decode-s3xml.js';
export { encodeS3Xml } from './core/s3xml/encode-s3xml.js';
export { S3XmlError } from './core/s3xml/s3xml-error.js';
export type { S3XmlDocument, S3XmlResource, S3XmlData, S3XmlReference } from './core/s3xml/types.js';

export { openLocalStore, type OpenLocalStoreOptions } from './adapters/db/open-local-store.js';
export { StoreError } from './adapters/db/store-error.js';
export { systemClock } from './adapters/system-clock.js';

export { receive, type ReceiveOptions, type ReceiveOutcome, type ReceiveSource } from './engine/receive/receive.js';
export { send, type SendOptions, type SendOutcome } from './engine/send/send.js';

export { synchronize, type SynchronizeDeps, type SynchronizeOptions } from './engine/synchronize.js';
export type { RunEvent, RunReport } from './engine/runner/run-report.js';
export type { ActiveExtras } from './engine/active/active-context.js';

export { createHttpTransport, type HttpTransportOptions } from './adapters/http/http-transport.js';
export { TransportError, isTransportError, type Transport, type TransportErrorCode } from './ports/transport.js';
export { InProcessLock } from './adapters/lock/in-process-lock.js';
export { WebLocksLock, webLocksFrom } from './adapters/lock/web-locks-lock.js';
export { selectSyncLock } from './adapters/lock/select-sync-lock.js';
export type { SyncLock } from './ports/lock.js';

export { formatSyncFilters } from './core/filter/format-sync-filters.js';
export { parseSyncFilters, parseSyncFilterQuery } from './core/filter/parse-sync-filters.js';

export { LogResult } from './core/model/sync.js';
export { ALL_METHODS } from './core/model/policy.js';
export type {
  Repository,
  SyncConfig,
  SyncFilter,
  SyncLogEntry,
  SyncTask,
  TaskMode,
  LogMode,
  LogTransmission,
} from './core/model/sync.js';
export type { ImportMethod, PolicyName, UpdatePolicy } from './core/model/policy.js';
export type { ComponentLink, LocalEdit, LocalRecord, RecordReference } from './core/model/record.js';
export type { ConflictEntry } from './core/model/conflict.js';
export type { JsonValue } from './core/model/json.js';
export type { Clock } from './ports/clock.js';
export type { Logger } from './ports/logger.js';
export type { LocalStore, PendingChange, RecordKey, RecordQuery } from './ports/local-store.js';

/** Options of the public {@link EdenSyncAdapter}: as the engine's, with the clock optional. */
export type EdenSyncAdapterOptions = Omit<EngineEdenSyncAdapterOptions, 'clock'> & { readonly clock?: Clock };

/** The engine's adapter with the device clock as default (the engine itself never reads it). */
export class EdenSyncAdapter extends EngineEdenSyncAdapter {
  constructor(options: EdenSyncAdapterOptions) {
    super({ ...options, clock: options.clock ?? systemClock });
  }
}
