import type { FieldSelection } from '../../core/export/select-fields.js';
import type { LogResult, SyncFilter } from '../../core/model/sync.js';
import type { RecordKey } from '../../ports/local-store.js';

/** Looks up, by uuid, what to export of the given records (see `SendOptions.fields`); records it leaves out are unselected. */
export type FieldLookup = (keys: readonly RecordKey[]) => Promise<ReadonlyMap<string, FieldSelection>>;

/** Options of {@link send}, Eden's `S3SyncAdapter.send` and `export_xml` parameters (spec 5). */
export type SendOptions = {
  /** Offset into the selected masters; echoed as the root `start` when given. */
  readonly start?: number;
  /** Page size; echoed as the root `limit` when given. */
  readonly limit?: number;
  /** `modified_on >= msince`, strict `YYYY-MM-DDTHH:MM:SS` only (else a full export, spec 8.13). */
  readonly msince?: string | null;
  /** Sync filters as pairs, or a URL query string of `[T]selector=value` pairs (spec 2.4). */
  readonly filters?: readonly SyncFilter[] | string;
  /** Eden's mixed-resource sync, which it refuses (FATAL). */
  readonly mixed?: boolean;
  /** Indented XML for humans (filesync `human_readable`). */
  readonly prettyPrint?: boolean;
  /**
   * Restrict the masters to these uuids of `resource`, read with `getRecords` (no table scan):
   * used by push to export pending changes. msince, filters, includeDeleted and paging still apply.
   */
  readonly uuids?: readonly string[];
  /**
   * Export only what changed (a push, spec 4.10: Eden's UPDATE applies only the fields present):
   * what to export of each record, by uuid, as a map or a lookup (called with the selected masters
   * and their components, then with the dependencies). A record selected by a list keeps only those
   * `<data>`/`<reference>` elements (uuid, mci and meta attributes stay), and a master selected by a
   * list keeps only the components that have a selection (the unchanged ones are left out).
   * A record selected `'all'`, and one without a selection (other than such a component), is
   * exported whole. Tombstones are always whole.
   */
  readonly fields?: ReadonlyMap<string, FieldSelection> | FieldLookup;
  /** Export deleted records as tombstones; default true, as the sync route always sets it. */
  readonly includeDeleted?: boolean;
  /** Root `domain` attribute (Eden's server name). */
  readonly domain?: string;
  /** Root `url` attribute (Eden's base URL). */
  readonly url?: string;
};

/** The result of {@link send}, shaped like Eden's adapter result (spec 1.6, 2.4). */
export type SendOutcome = {
  readonly status: LogResult;
  readonly remote: false;
  readonly message: string | null;
  /** The S3XML text, or null when refused. */
  readonly response: string | null;
  /** Primary masters in the response, deleted ones included (the root `results`). */
  readonly results: number;
  /** Largest `modified_on` over exported masters and components (spec 5.5), or null. */
  readonly mtime: string | null;
};
