import type { JsonValue } from '../model/json.js';
import type { ImportMethod } from '../model/policy.js';
import type { LocalRecord, RecordReference } from '../model/record.js';
import { isConflict } from '../policy/conflict-detection.js';
import type { PolicyFacts } from '../policy/update-policy.js';
import { parseStoredTime } from './codec-bridge.js';
import type { ImportError } from './import-types.js';
import type { ImportState, ItemResult } from './import-state.js';
import type { IncomingItem } from './incoming-item.js';
import { keyOf } from './prepare-import.js';
import { setOwn } from '../model/own-property.js';

/** The error of an item whose method the task's strategy does not permit (spec 4.4a). */
export const NOT_PERMITTED = 'Operation not permitted';

/** The facts policies decide on, for an item against its local original. */
export function factsOf(item: IncomingItem, local: LocalRecord): PolicyFacts {
  return { localMtime: parseStoredTime(local.modified_on), incomingMtime: item.mtime, localMci: local.mci, incomingMci: item.mci };
}

/** Structural equality of JSON values (field order of objects ignored). */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a);
  const ob = b as Readonly<Record<string, JsonValue>>;
  const oa = a as Readonly<Record<string, JsonValue>>;
  return ka.length === Object.keys(ob).length && ka.every((k) => sameJson(oa[k], ob[k]));
}

/** True when two references point at the same uuids. */
export function sameReference(a: RecordReference | undefined, b: RecordReference | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.uuids.length === b.uuids.length && a.uuids.every((uuid, i) => uuid === b.uuids[i]);
}

/** Fields of the item as a plain object. */
export function fieldsObject(item: IncomingItem): Record<string, JsonValue> {
  return Object.fromEntries(item.fields);
}

/**
 * Conflict detection and resolution (spec 4.8, 4.9): true when the change may proceed, i.e. there
 * is no conflict or the resolver accepted it. Without a resolver every conflict is refused.
 */
export function conflictAllows(state: ImportState, item: IncomingItem, local: LocalRecord, method: ImportMethod): boolean {
  const localMtime = parseStoredTime(local.modified_on);
  if (!isConflict(localMtime, item.mtime, state.lastSync)) return true;
  if (state.resolver === null) return false;
  return (
    state.resolver({
      table: item.table,
      uuid: local.uuid,
      method,
      local,
      localMtime,
      incoming: { fields: fieldsObject(item), mtime: item.mtime, mci: item.mci, deleted: item.deleted, replacedBy: item.replacedBy },
    }) === true
  );
}

/** An error result for an item. */
export function failed(item: IncomingItem, method: ImportMethod | null, message: string, field: string | null = null): ItemResult {
  return { method, listed: null, error: { uuid: item.uuid, table: item.table, field, message } };
}

/** A result without error; `listed` names the local record it concerned, if any. */
export function done(method: ImportMethod, listed: string | null): ItemResult {
  return { method, listed, error: null };
}

/**
 * The item's references as stored (spec 3.4, 3.6): uuids as given, tuids and inline records
 * resolved through the document, unresolvable tuids dropped, absent records kept by uuid. Fails
 * when a referenced element of the document failed ("reference import(s) failed", spec 4.7).
 */
export function resolveReferences(
  state: ImportState,
  item: IncomingItem,
  results: ReadonlyMap<IncomingItem, ItemResult>,
): { readonly ok: true; readonly references: Record<string, RecordReference> } | { readonly ok: false; readonly error: ImportError } {
  const resolved: Record<string, RecordReference> = {};
  for (const reference of item.references) {
    const targets: IncomingItem[] = [];
    let uuids: string[] = [...reference.uuids];
    if (reference.inline !== null) targets.push(reference.inline);
    else if (uuids.length === 0 && reference.tuid !== null && reference.table !== null) {
      const target = state.prepared.byTuid.get(keyOf(reference.table, reference.tuid));
      if (target !== undefined) targets.push(target);
    } else if (reference.table !== null) {
      for (const uuid of uuids) {
        const target = state.prepared.byUuid.get(keyOf(reference.table, uuid));
        if (target !== undefined) targets.push(target);
      }
    }
    if (targets.some((target) => results.get(target)?.error)) {
      const message = `${reference.field}: reference import(s) failed`;
      return { ok: false, error: { uuid: item.uuid, table: item.table, field: reference.field, message } };
    }
    if (reference.inline !== null || (reference.uuids.length === 0 && reference.tuid !== null)) {
      uuids = targets.map((target) => target.uuid).filter((uuid): uuid is string => uuid !== null);
    }
    if (uuids.length === 0) continue;
    setOwn(resolved, reference.field, { table: reference.table ?? targets[0]?.table ?? null, uuids, multiple: reference.multiple });
  }
  return { ok: true, references: resolved };
}
