import type { ConflictEntry } from '../model/conflict.js';
import type { LocalRecord } from '../model/record.js';
import type { S3XmlDocument } from '../s3xml/types.js';
import { formatTime } from './codec-bridge.js';
import { commitTree } from './commit-item.js';
import { ImportState, type ItemResult } from './import-state.js';
import type { ImportOptions, ImportPlan, ImportReport, LocalSnapshot, PendingMark } from './import-types.js';
import type { IncomingItem } from './incoming-item.js';
import { NOT_PERMITTED, sameJson } from './item-helpers.js';
import { settleIdentities } from './settle-identities.js';
import { orderItems } from './order-items.js';
import { prepareImport, type PreparedImport } from './prepare-import.js';

/** Plans the import of a decoded S3XML document into `resource` (pure; see `planPrepared`). */
export function planImport(doc: S3XmlDocument, resource: string, local: LocalSnapshot, options: ImportOptions, nowMs: number): ImportPlan {
  return planPrepared(prepareImport(doc, resource, nowMs), local, options);
}

function changed(before: LocalRecord, after: LocalRecord): boolean {
  return (
    before.deleted !== after.deleted ||
    !sameJson(before.fields, after.fields) ||
    JSON.stringify(before.references) !== JSON.stringify(after.references)
  );
}

/** The item's peer-sent mtime (epoch ms), null when its element had no `modified_on` (the item mtime is then now). */
function peerMtimeOf(item: IncomingItem): number | null {
  return item.meta.has('modified_on') ? item.mtime : null;
}

/** True when the item or a nested component was refused with an error other than the strategy's. */
function treeRejected(item: IncomingItem, results: ReadonlyMap<IncomingItem, ItemResult>): boolean {
  const error = results.get(item)?.error ?? null;
  if (error !== null && error.message !== NOT_PERMITTED) return true;
  return item.components.some((component) => treeRejected(component, results));
}

const later = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
const earlier = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const timeOrNull = (ms: number | null): string | null => (ms === null ? null : formatTime(ms));

function buildReport(prepared: PreparedImport, results: ReadonlyMap<IncomingItem, ItemResult>, conflicts: number): ImportReport {
  const lists = { create: new Set<string>(), update: new Set<string>(), delete: new Set<string>() };
  let records = 0;
  let mtime: number | null = null;
  let peerMtime: number | null = null;
  let rejectedMtime: number | null = null;
  for (const master of prepared.masters) {
    const result = results.get(master);
    if (result === undefined) continue;
    if (treeRejected(master, results)) rejectedMtime = earlier(rejectedMtime, peerMtimeOf(master));
    if (result.error !== null) continue;
    records += 1;
    mtime = later(mtime, master.mtime);
    peerMtime = later(peerMtime, peerMtimeOf(master));
    if (result.listed !== null && result.method !== null) lists[result.method === 'merge' ? 'delete' : result.method].add(result.listed);
  }
  const errors = [...results.values()].flatMap((result) => (result.error === null ? [] : [result.error]));
  return {
    records,
    created: [...lists.create],
    updated: [...lists.update],
    deleted: [...lists.delete],
    errors,
    mtime: timeOrNull(mtime),
    conflicts,
    peerMtime: timeOrNull(peerMtime),
    rejectedMtime: timeOrNull(rejectedMtime),
  };
}

/**
 * True when part of a pending local edit is still in the written record, so that it must stay
 * pending (decision 0010): not when the record ends deleted; otherwise when a field or reference
 * the edit changed (`PendingMark.fields`; every local one for `'all'`) does not hold an incoming value.
 */
function editSurvives(original: LocalRecord, record: LocalRecord, pending: PendingMark, covered: ReadonlySet<string>): boolean {
  if (record.deleted) return false;
  const names = pending.fields === undefined || pending.fields === 'all' ? [...Object.keys(original.fields), ...Object.keys(original.references)] : pending.fields;
  return names.some((name) => !covered.has(name));
}

/**
 * Plans an import (spec section 4 as refined by the import matrix): settles identities, commits
 * items in dependency order against a working copy of the local state, and returns the final
 * records to write, the conflict inbox entries for pending local versions that were overwritten
 * or deleted, the pending marks to drop (local edit wholly replaced), and Eden's report.
 * With `ignoreErrors: false`, any error empties the plan (nothing is written).
 */
export function planPrepared(prepared: PreparedImport, local: LocalSnapshot, options: ImportOptions): ImportPlan {
  const state = new ImportState(prepared, local, options);
  settleIdentities(prepared, local, options.newUuid);
  const results = new Map<IncomingItem, ItemResult>();
  for (const item of orderItems(prepared)) commitTree(state, item, null, results);

  const conflicts: ConflictEntry[] = [];
  const acknowledge: PendingMark[] = [];
  const writes: LocalRecord[] = [];
  for (const { record, effect } of state.written()) {
    writes.push(record);
    const original = local.get(record.table, record.uuid);
    const pending = local.pendingOf(record.table, record.uuid);
    if (original === undefined || pending === undefined || !effect.overwrote || !changed(original, record)) continue;
    conflicts.push({
      table: record.table,
      uuid: record.uuid,
      kind: record.deleted ? 'deleted-by-peer' : 'overwritten',
      local: original,
      incoming: record.deleted ? null : record,
      detectedAt: state.nowText,
      source: options.source ?? 'receive',
      resolved: false,
    });
    if (!editSurvives(original, record, pending, effect.covered)) acknowledge.push({ table: pending.table, uuid: pending.uuid, revision: pending.revision });
  }
  const report = buildReport(prepared, results, conflicts.length);
  if (options.ignoreErrors === false && report.errors.length > 0) {
    const empty = { records: 0, created: [], updated: [], deleted: [], mtime: null, conflicts: 0, peerMtime: null, rejectedMtime: null };
    return { writes: [], conflicts: [], acknowledge: [], report: { ...empty, errors: report.errors } };
  }
  return { writes, conflicts, acknowledge, report };
}
