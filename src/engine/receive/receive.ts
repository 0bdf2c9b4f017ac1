import { createLocalSnapshot } from '../../core/import/local-snapshot.js';
import type { ImportReport } from '../../core/import/import-types.js';
import { planPrepared } from '../../core/import/plan-import.js';
import { type PreparedImport, prepareImport } from '../../core/import/prepare-import.js';
import type { LocalRecord } from '../../core/model/record.js';
import { LogResult } from '../../core/model/sync.js';
import { masterKeyString, type PendingChange, type RecordKey, type StoreReader } from '../../ports/local-store.js';
import { decodeS3Xml, type S3XmlDocument } from '../../core/s3xml/index.js';
import { readSource, type ReceiveSource } from './read-source.js';
import type { ReceiveDeps, ReceiveOptions, ReceiveOutcome } from './receive-types.js';

export type { ReceiveSource } from './read-source.js';
export type { ReceiveDeps, ReceiveOptions, ReceiveOutcome } from './receive-types.js';

const MIXED = 'Mixed resource synchronization not supported';

const EMPTY_REPORT: ImportReport = { records: 0, created: [], updated: [], deleted: [], errors: [], mtime: null, conflicts: 0, peerMtime: null, rejectedMtime: null };

function randomUrnUuid(): string {
  const crypto = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
  return `urn:uuid:${crypto.randomUUID()}`;
}

function failure(status: LogResult, message: string): ReceiveOutcome {
  return { status, remote: false, message, response: EMPTY_REPORT };
}

function outcomeOf(report: ImportReport, ignoreErrors: boolean): ReceiveOutcome {
  const last = report.errors[report.errors.length - 1];
  if (last === undefined) return { status: LogResult.SUCCESS, remote: false, message: null, response: report };
  if (!ignoreErrors) return { status: LogResult.ERROR, remote: false, message: last.message, response: report };
  return { status: LogResult.WARNING, remote: false, message: `${last.message} - invalid items ignored`, response: report };
}

/** Sources read and decoded (`decodeSources`): the joined document, or the ERROR outcome of a bad one. */
export type DecodedSources = { readonly ok: true; readonly doc: S3XmlDocument } | { readonly ok: false; readonly outcome: ReceiveOutcome };

/**
 * Reads and decodes every source (the first step of `receive`, nothing written); the documents'
 * resources are joined. A source that fails to read or decode gives the ERROR outcome instead.
 * A pull decodes its next page with this while the page before is being imported.
 */
export async function decodeSources(sources: ReceiveSource | readonly ReceiveSource[]): Promise<DecodedSources> {
  const list: readonly ReceiveSource[] = Array.isArray(sources) ? sources : [sources as ReceiveSource];
  try {
    const docs: S3XmlDocument[] = [];
    for (const source of list) docs.push(decodeS3Xml(await readSource(source)));
    return { ok: true, doc: { attributes: docs[0]?.attributes ?? {}, resources: docs.flatMap((doc) => doc.resources) } };
  } catch (error) {
    return { ok: false, outcome: failure(LogResult.ERROR, error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Imports S3XML into the local store (Eden's `receive`, spec section 4), atomically: all sources
 * are read and decoded first (a bad document changes nothing: ERROR), then one write transaction
 * loads the local state the plan needs in bulk, plans (pure), writes the records, the conflict
 * inbox entries and dropped pending marks, and runs `afterImport`. No network inside.
 * A failure of the local store in that transaction (`StoreError`: a full disk, a closed database)
 * rolls it all back and comes back as an ERROR outcome with the store's message, not as a throw.
 */
export async function receive(
  deps: ReceiveDeps,
  sources: ReceiveSource | readonly ReceiveSource[],
  resource: string,
  options: ReceiveOptions,
): Promise<ReceiveOutcome> {
  if (isMixed(resource, options)) return failure(LogResult.FATAL, MIXED);
  return receiveDecoded(deps, await decodeSources(sources), resource, options);
}

/** `receive` of sources already decoded by `decodeSources` (same checks, same outcomes). */
export async function receiveDecoded(deps: ReceiveDeps, decoded: DecodedSources, resource: string, options: ReceiveOptions): Promise<ReceiveOutcome> {
  if (isMixed(resource, options)) return failure(LogResult.FATAL, MIXED);
  if (!decoded.ok) return decoded.outcome;
  const prepared = prepareImport(decoded.doc, resource, deps.clock.now());
  const ignoreErrors = options.ignoreErrors !== false;
  let report: ImportReport;
  try {
    report = await importPrepared(deps, prepared, options, ignoreErrors);
  } catch (error) {
    if (isStoreError(error)) return failure(LogResult.ERROR, error.message);
    throw error;
  }
  return outcomeOf(report, ignoreErrors);
}

/**
 * The pending marks the plan needs: those of `keys`, and every one of the `wholeTables` (tables
 * loaded whole because an element without uuid is matched to a local record by name there, whose
 * pending edit must be seen too: architecture invariant 4.1). Read as the pending list of each
 * table (a few index reads instead of one get per key: a page of a pull names thousands of
 * records; a device has few pending changes).
 */
async function pendingMarks(
  tx: StoreReader,
  keys: readonly RecordKey[],
  wholeTables: readonly string[],
  repositoryId: string | undefined,
): Promise<readonly PendingChange[]> {
  const whole = new Set(wholeTables);
  const tables = [...new Set([...keys.map((key) => key.table), ...whole])];
  const lists = await Promise.all(tables.map((table) => tx.listPending(table, repositoryId)));
  const marks = lists.flat();
  if (marks.length === 0) return marks;
  const wanted = new Set(keys.map((key) => masterKeyString(key)));
  return marks.filter((mark) => whole.has(mark.table) || wanted.has(masterKeyString(mark)));
}

function isMixed(resource: string, options: ReceiveOptions): boolean {
  return options.mixed === true || resource === 'mixed' || resource === '';
}

/**
 * True for the local store's own failure (`StoreError` of the Dexie adapter: a full disk, a closed
 * database), recognised by name and code as the engine does not import adapters.
 */
function isStoreError(error: unknown): error is Error & { readonly code: string } {
  return error instanceof Error && error.name === 'StoreError' && typeof (error as { code?: unknown }).code === 'string';
}

/** The write transaction of an import: bulk reads, plan (pure), writes, `afterImport`. */
function importPrepared(deps: ReceiveDeps, prepared: PreparedImport, options: ReceiveOptions, ignoreErrors: boolean): Promise<ImportReport> {
  return deps.store.write(async (tx) => {
    const request = prepared.request;
    const [records, pending, components, referrers, tables] = await Promise.all([
      tx.getRecords(request.keys),
      pendingMarks(tx, request.keys, request.dedupeTables, options.repositoryId),
      request.componentMasters.length > 0 ? tx.componentsOfMany(request.componentMasters) : new Map<string, readonly LocalRecord[]>(),
      request.referrerUuids.length > 0 ? tx.referrersOfMany(request.referrerUuids) : new Map<string, readonly LocalRecord[]>(),
      Promise.all(request.dedupeTables.map((table) => tx.queryRecords(table, { includeDeleted: true }))),
    ]);
    const snapshot = createLocalSnapshot({
      records: records.filter((record) => record !== undefined),
      pending,
      components: request.componentMasters.map((master) => ({ master, records: components.get(masterKeyString(master)) ?? [] })),
      referrers: request.referrerUuids.map((uuid) => ({ uuid, records: referrers.get(uuid) ?? [] })),
      tables: request.dedupeTables.map((table, i) => ({ table, records: tables[i] ?? [] })),
    });
    const plan = planPrepared(prepared, snapshot, {
      strategy: options.strategy,
      updatePolicy: options.updatePolicy,
      conflictPolicy: options.conflictPolicy,
      onconflict: options.onconflict,
      lastSync: options.lastSync,
      ignoreErrors,
      source: options.source ?? 'receive',
      newUuid: deps.newUuid ?? randomUrnUuid,
      removalTime: options.removalTime,
    });
    if (plan.writes.length > 0) await tx.putRecords(plan.writes);
    if (plan.conflicts.length > 0) await tx.addConflicts(plan.conflicts);
    if (plan.acknowledge.length > 0) await tx.acknowledge(plan.acknowledge, options.repositoryId);
    const failed = !ignoreErrors && plan.report.errors.length > 0;
    if (!failed && options.afterImport !== undefined) await options.afterImport(tx, plan.report);
    return plan.report;
  });
}
