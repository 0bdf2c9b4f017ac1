import type { ImportReport, RemovalTime } from '../../core/import/import-types.js';
import type { LogResult } from '../../core/model/sync.js';
import type { UpdatePolicy } from '../../core/model/policy.js';
import type { OnConflict } from '../../core/policy/conflict-item.js';
import type { Clock } from '../../ports/clock.js';
import type { LocalStore, StoreWriter } from '../../ports/local-store.js';

/** What `receive` works with. `newUuid` names elements without uuid (default `urn:uuid:` + random v4). */
export type ReceiveDeps = {
  readonly store: LocalStore;
  readonly clock: Clock;
  readonly newUuid?: () => string;
};

/** Import parameters (Eden's `import_xml` arguments, spec 4.1; see `ImportOptions`). */
export type ReceiveOptions = {
  readonly strategy?: string | readonly string[] | null;
  readonly updatePolicy?: UpdatePolicy;
  readonly conflictPolicy?: string | null;
  /** undefined: the default resolver over `conflictPolicy`; null: every conflict refused (Eden's onconflict=None). */
  readonly onconflict?: OnConflict | null;
  readonly lastSync?: string | null;
  /** A mixed-resource import: refused with FATAL, as Eden does. */
  readonly mixed?: boolean;
  /** Default true (as sync). false: any item error discards the whole import (status ERROR). */
  readonly ignoreErrors?: boolean;
  /** Label of conflict inbox entries (e.g. the repository name); default "receive". */
  readonly source?: string;
  /**
   * The repository the document comes from (a pull). Pending marks are then read and settled for
   * that repository only (decision 0014): an edit it already acknowledged is no conflict with a
   * later edit made there, and an edit another repository is still owed stays pending for it.
   */
  readonly repositoryId?: string;
  /**
   * The `modified_on` of records a DELETE or MERGE removes or moves: `'now'` (default, as Eden, for
   * a peer others pull from) or `'peer'`, the tombstone's own time (a pull; decision 0017).
   */
  readonly removalTime?: RemovalTime;
  /**
   * Runs inside the import's write transaction after the records are written, unless the import
   * failed (ERROR): pull writes its checkpoint here so that both commit together. No network here.
   */
  readonly afterImport?: (tx: StoreWriter, report: ImportReport) => Promise<void>;
};

/**
 * The result of `receive`, shaped like Eden's adapter results: SUCCESS; WARNING when some records
 * were refused with errors (the rest imported); ERROR when a document failed to decode, with
 * `ignoreErrors: false` when any record failed, or when the local store failed (a full disk);
 * nothing changed in any of these cases; FATAL for a mixed resource. `response` is the import
 * report (empty unless the import ran).
 */
export type ReceiveOutcome = {
  readonly status: LogResult;
  readonly remote: false;
  readonly message: string | null;
  readonly response: ImportReport;
};
