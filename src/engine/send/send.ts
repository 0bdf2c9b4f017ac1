import { buildExportDocument } from '../../core/export/build-export-document.js';
import { latestModifiedOn } from '../../core/export/latest-modified-on.js';
import { exportKeyString } from '../../core/export/record-key.js';
import { selectComponents } from '../../core/export/select-components.js';
import { strictMsince } from '../../core/export/strict-msince.js';
import { parseSyncFilters } from '../../core/filter/parse-sync-filters.js';
import { LogResult } from '../../core/model/sync.js';
import { encodeS3Xml } from '../../core/s3xml/encode-s3xml.js';
import type { StoreReader } from '../../ports/local-store.js';
import { resolveDependencies } from './resolve-dependencies.js';
import { selectMasters } from './select-masters.js';
import type { SendOptions, SendOutcome } from './send-types.js';

export type { SendOptions, SendOutcome } from './send-types.js';

/** What {@link send} reads: the export-side reads of the local store. */
export type SendDeps = { readonly store: Pick<StoreReader, 'queryRecords' | 'getRecords' | 'componentsOfMany'> };

/** Eden's refusal of `resource=mixed` or a missing resource (spec 2.4, cap 10-errors/12, 17). */
export const MIXED_NOT_SUPPORTED = 'Mixed resource synchronization not supported';

/** A paging number as given, or undefined when it is no usable count (negative, NaN, infinite). */
function pagingNumber(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
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
  const msince = strictMsince(options.msince);
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
  const entries = selected.map(({ record, components }) => ({
    record,
    components: selectComponents(components, { masterTable: resource, includeDeleted, msince, filters }),
  }));
  const dependencies = await resolveDependencies(deps.store, entries, filters);
  const document = buildExportDocument({
    masters: entries,
    dependencies: dependencies.records,
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
