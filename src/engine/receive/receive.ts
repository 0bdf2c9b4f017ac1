import { createLocalSnapshot } from '../../core/import/local-snapshot.js';
import type { ImportReport } from '../../core/import/import-types.js';
import { planPrepared } from '../../core/import/plan-import.js';
import { type PreparedImport, prepareImport } from '../../core/import/prepare-import.js';
import type { LocalRecord } from '../../core/model/record.js';
import { LogResult } from '../../core/model/sync.js';
import { masterKeyString } from '../../ports/local-store.js';
import { decodeS3Xml, type S3XmlDocument } from '../../core/s3xml/index.js';
import { readSource, type ReceiveSource } from './read-source.js';
import type { ReceiveDeps, ReceiveOptions, ReceiveOutcome } from './receive-types.js';

export type { ReceiveSource } from './read-source.js';
export type { ReceiveDeps, ReceiveOptions, ReceiveOutcome } from './receive-types.js';

const MIXED = 'Mixed resource synchronization not supported';

const EMPTY_REPORT: ImportReport = { records: 0, created: [], updated: [], deleted: [], errors: [], mtime: null, conflicts: 0 };

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

/** Reads and decodes every source before anything is written; the documents' resources are joined. */
async function decodeAll(sources: readonly ReceiveSource[]): Promise<S3XmlDocument> {
  const docs: S3XmlDocument[] = [];
  for (const source of sources) docs.push(decodeS3Xml(await readSource(source)));
  return { attributes: docs[0]?.attributes ?? {}, resources: docs.flatMap((doc) => doc.resources) };
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
  if (options.mixed === true || resource === 'mixed' || resource === '') return failure(LogResult.FATAL, MIXED);
  const list: readonly ReceiveSource[] = Array.isArray(sources) ? sources : [sources as ReceiveSource];
  let doc: S3XmlDocument;
  try {
    doc = await decodeAll(list);
  } catch (error) {
    return failure(LogResult.ERROR, error instanceof Error ? error.message : String(error));
  }
  const prepared = prepareImport(doc, resource, deps.clock.now());
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
      tx.pendingOf(request.keys),
      request.componentMasters.length > 0 ? tx.componentsOfMany(request.componentMasters) : new Map<string, readonly LocalRecord[]>(),
      request.referrerUuids.length > 0 ? tx.referrersOfMany(request.referrerUuids) : new Map<string, readonly LocalRecord[]>(),
      Promise.all(request.dedupeTables.map((table) => tx.queryRecords(table, { includeDeleted: true }))),
    ]);
    const snapshot = createLocalSnapshot({
      records: records.filter((record) => record !== undefined),
      pending: pending.filter((mark) => mark !== undefined),
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
    });
    if (plan.writes.length > 0) await tx.putRecords(plan.writes);
    if (plan.conflicts.length > 0) await tx.addConflicts(plan.conflicts);
    if (plan.acknowledge.length > 0) await tx.acknowledge(plan.acknowledge);
    const failed = !ignoreErrors && plan.report.errors.length > 0;
    if (!failed && options.afterImport !== undefined) await options.afterImport(tx, plan.report);
    return plan.report;
  });
}
