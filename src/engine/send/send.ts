import { buildExportDocument, type ExportEntry } from '../../core/export/build-export-document.js';
import { latestModifiedOn } from '../../core/export/latest-modified-on.js';
import { exportKeyString } from '../../core/export/record-key.js';
import { selectComponents } from '../../core/export/select-components.js';
import { selectEntryFields, selectFields } from '../../core/export/select-fields.js';
import { parseSyncFilters } from '../../core/filter/parse-sync-filters.js';
import type { LocalRecord } from '../../core/model/record.js';
import { LogResult } from '../../core/model/sync.js';
import { encodeS3Xml } from '../../core/s3xml/encode-s3xml.js';
import { isEdenMsince } from '../../core/time/eden-date-time.js';
import type { RecordKey, StoreReader } from '../../ports/local-store.js';
import { resolveDependencies } from './resolve-dependencies.js';
import { selectMasters } from './select-masters.js';
import type { FieldLookup, SendOptions, SendOutcome } from './send-types.js';

export type { FieldLookup, SendOptions, SendOutcome } from './send-types.js';

/** What {@link send} reads: the export-side reads of the local store. */
export type SendDeps = { readonly store: Pick<StoreReader, 'queryRecords' | 'getRecords' | 'componentsOfMany'> };

/** Eden's refusal of `resource=mixed` or a missing resource (spec 2.4, cap 10-errors/12, 17). */
export const MIXED_NOT_SUPPORTED = 'Mixed resource synchronization not supported';

/** A paging number as given, or undefined when it is no usable count (negative, NaN, infinite). */
function pagingNumber(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
}

/** The `fields` option as a lookup, or null without one. */
function fieldLookup(fields: SendOptions['fields']): FieldLookup | null {
  if (fields === undefined) return null;
  if (typeof fields === 'function') return fields;
  return async () => fields;
}

const keyOf = (record: LocalRecord): RecordKey => ({ table: record.table, uuid: record.uuid });

/** Masters and their components under the selections the lookup gives (one lookup for all of them). */
async function selectEntriesFields(entries: readonly ExportEntry[], lookup: FieldLookup): Promise<ExportEntry[]> {
  if (entries.length === 0) return [];
  const selections = await lookup(entries.flatMap((entry) => [entry.record, ...entry.components].map(keyOf)));
  return entries.map((entry) => selectEntryFields(entry, (uuid) => selections.get(uuid)));
}

/** Top-level records (dependencies) under the selections the lookup gives. */
async function selectRecordsFields(records: readonly LocalRecord[], lookup: FieldLookup): Promise<readonly LocalRecord[]> {
  if (records.length === 0) return records;
  const selections = await lookup(records.map(keyOf));
  return records.map((record) => selectFields(record, selections.get(record.uuid)));
}

/**
 * Exports the local records of `resource` as S3XML, as Eden's `S3SyncAdapter.send` answers a pull
 * (spec 5): masters (msince, filters, paging), their components nested, the referenced records as
 * dependencies, tombstones for deleted records. Store errors propagate.
 */
export async function send(deps: SendDeps, resource: string, options: SendOptions = {}): Promise<SendOutcome> {
  if (options.mixed === true || resource === '' || resource === 'mixed') {
    return { status: LogResult.FATAL, remote: false, message: MIXED_NOT_SUPPORTED, response: null, results: 0, mtime: null };
  }
  const includeDeleted = options.includeDeleted ?? true;
  // Only the strict form counts; anything else means a full export, as Eden silently does (spec 8.13).
  const msince = typeof options.msince === 'string' && isEdenMsince(options.msince) ? options.msince : null;
  const filters = parseSyncFilters(options.filters ?? [], resource);
  const start = pagingNumber(options.start);
  const limit = pagingNumber(options.limit);
  const selected = await selectMasters(deps.store, {
    resource,
    includeDeleted,
    msince,
    expressions: filters[resource],
    start,
    limit,
    uuids: options.uuids,
  });
  const whole = selected.map(({ record, components }) => ({
    record,
    components: selectComponents(components, { masterTable: resource, includeDeleted, msince, filters }),
  }));
  const lookup = fieldLookup(options.fields);
  const entries = lookup === null ? whole : await selectEntriesFields(whole, lookup);
  const dependencies = await resolveDependencies(deps.store, entries, filters);
  const dependencyRecords = lookup === null ? dependencies.records : await selectRecordsFields(dependencies.records, lookup);
  const document = buildExportDocument({
    masters: entries,
    dependencies: dependencyRecords,
    dropReference: (table, uuid) => table !== null && dependencies.dropped.has(exportKeyString(table, uuid)),
    start,
    limit,
    domain: options.domain,
    url: options.url,
  });
  const response = encodeS3Xml(document, { pretty: options.prettyPrint === true });
  return {
    status: LogResult.SUCCESS,
    remote: false,
    message: `Data sent to peer (${entries.length} records)`,
    response,
    results: entries.length,
    mtime: latestModifiedOn(entries),
  };
}
