import type { LogResult, SyncFilter } from '../../core/model/sync.js';

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
