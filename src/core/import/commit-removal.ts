import type { LocalRecord } from '../model/record.js';
import { isNotFromMaster, isOriginalNewer, recordPolicy } from '../policy/update-policy.js';
import { parseStoredTime } from './codec-bridge.js';
import { effectOf, type ImportState, type ItemResult } from './import-state.js';
import type { IncomingItem } from './incoming-item.js';
import { conflictAllows, done, factsOf, failed } from './item-helpers.js';
import { tableRules } from './known-tables.js';

const INTEGRITY = 'Integrity error: record can not be deleted while it is referenced by other records';

/** The DELETE/MERGE skip rules of spec 4.10 by the record policy (`__default__` of a map, else THIS). */
function policyRefusesRemoval(state: ImportState, item: IncomingItem, local: LocalRecord): boolean {
  const policy = recordPolicy(state.options.updatePolicy);
  const facts = factsOf(item, local);
  return policy === 'THIS' || (policy === 'NEWER' && isOriginalNewer(facts)) || (policy === 'MASTER' && isNotFromMaster(facts));
}

/**
 * The `modified_on` a removal stamps (decision 0017): now, as Eden does; with `removalTime: 'peer'`
 * the incoming tombstone's own `modified_on` (the peer's deletion time), now when it has none.
 */
function removalTime(state: ImportState, item: IncomingItem): string {
  return state.options.removalTime === 'peer' ? (item.meta.get('modified_on') ?? state.nowText) : state.nowText;
}

/**
 * A record moved by a merge: stamped like the removal (Eden: now); with the peer's time, never
 * earlier than its own `modified_on` (a link moved, no data).
 */
function movedTime(state: ImportState, record: LocalRecord, stamp: string): string {
  if (state.options.removalTime !== 'peer') return stamp;
  const own = parseStoredTime(record.modified_on);
  const at = parseStoredTime(stamp);
  return own !== null && at !== null && own > at && record.modified_on !== null ? record.modified_on : stamp;
}

/**
 * DELETE (spec 4.10): skipped when the local record is already deleted, on a refused conflict, or
 * by policy; refused with an integrity error while live restricting components exist (DEL-028).
 * The record becomes a tombstone (fields kept) whose `modified_on` is the deletion time: now, or
 * the tombstone's own `modified_on` with `removalTime: 'peer'` (decision 0017).
 * Skipped deletions are still reported under `deleted` (finding 7).
 */
export function commitDelete(state: ImportState, item: IncomingItem, local: LocalRecord): ItemResult {
  if (local.deleted) return done('delete', local.uuid);
  if (!conflictAllows(state, item, local, 'delete') || policyRefusesRemoval(state, item, local)) return done('delete', local.uuid);
  const restricting = tableRules(local.table).restrictingComponents;
  const blockers = state.componentsOf(local.table, local.uuid).filter((c) => !c.deleted && restricting.includes(c.table));
  if (blockers.length > 0) return failed(item, 'delete', INTEGRITY);
  state.write({ ...local, deleted: true, modified_on: removalTime(state, item) }, effectOf(true));
  return done('delete', local.uuid);
}

/**
 * MERGE (spec 4.10, matrix MRG): the DELETE skip rules, then the survivor (`replaced_by`) is looked
 * up as it stands after earlier items of this import. Absent: skipped without error (MRG-005,
 * STRAT-028). Deleted, or the notice's own uuid: an error for this item only, where Eden rolls
 * back the whole transaction (finding 4; docs/decisions/0007-failed-merge.md). Otherwise the
 * duplicate's components and referrers move to the survivor, and the duplicate becomes a tombstone
 * with `replaced_by`, all stamped with now (Eden), or with `removalTime: 'peer'` the notice's
 * `modified_on`, never moving a moved record's back (decision 0017). The survivor is not touched.
 */
export function commitMerge(state: ImportState, item: IncomingItem, local: LocalRecord, survivorUuid: string): ItemResult {
  if (local.deleted) return done('merge', local.uuid);
  if (!conflictAllows(state, item, local, 'merge') || policyRefusesRemoval(state, item, local)) return done('merge', local.uuid);
  if (survivorUuid === local.uuid) return failed(item, 'merge', `Record not found: ${local.table}.${survivorUuid} (a record cannot replace itself)`);
  const survivor = state.current(local.table, survivorUuid);
  if (survivor === undefined) return done('merge', local.uuid);
  if (survivor.deleted) return failed(item, 'merge', `Record not found: ${local.table}.${survivorUuid} (the replacing record is deleted)`);

  const stamp = removalTime(state, item);
  for (const component of state.componentsOf(local.table, local.uuid)) {
    if (component.parent === null) continue;
    const parent = { ...component.parent, uuid: survivor.uuid };
    state.write({ ...component, parent, modified_on: movedTime(state, component, stamp) }, effectOf(false));
  }
  for (const referrer of state.referrersOf(local.uuid)) {
    if (referrer.table === local.table && referrer.uuid === local.uuid) continue;
    const references = Object.fromEntries(
      Object.entries(referrer.references).map(([field, reference]) => [
        field,
        { ...reference, uuids: [...new Set(reference.uuids.map((uuid) => (uuid === local.uuid ? survivor.uuid : uuid)))] },
      ]),
    );
    state.write({ ...referrer, references, modified_on: movedTime(state, referrer, stamp) }, effectOf(false));
  }
  const duplicate = state.current(local.table, local.uuid) ?? local;
  state.write({ ...duplicate, deleted: true, replaced_by: survivor.uuid, modified_on: stamp }, effectOf(true));
  return done('merge', local.uuid);
}
