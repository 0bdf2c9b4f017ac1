import type { JsonValue } from '../model/json.js';
import type { ComponentLink, LocalRecord, RecordReference } from '../model/record.js';
import { fieldPolicy, isNotFromMaster, isOriginalNewer, policyRefuses, recordPolicy } from '../policy/update-policy.js';
import { formatTime, parseStoredTime } from './codec-bridge.js';
import { type ImportState, type ItemResult, NOTHING_COVERED } from './import-state.js';
import type { IncomingItem } from './incoming-item.js';
import { conflictAllows, done, factsOf, failed, sameJson, sameReference } from './item-helpers.js';
import { META_FIELDS, tableRules, type MetaField } from './known-tables.js';
import { getOwn, setOwn } from '../model/own-property.js';

const comparedByTable = new Map<string, ReadonlySet<string>>();

/** The fields Eden compares before updating (meta and mandatory ones), one set per table. */
function comparedFields(table: string, mandatory: readonly string[]): ReadonlySet<string> {
  let set = comparedByTable.get(table);
  if (set === undefined) {
    set = new Set<string>([...META_FIELDS, ...mandatory]);
    comparedByTable.set(table, set);
  }
  return set;
}

/** The fields and references of `record` that hold the value the item carried (see `WriteEffect.covered`). */
function coveredBy(item: IncomingItem, references: Readonly<Record<string, RecordReference>>, record: LocalRecord): ReadonlySet<string> {
  const covered = new Set<string>();
  for (const [field, value] of item.fields) if (sameJson(getOwn(record.fields, field), value)) covered.add(field);
  for (const [field, reference] of Object.entries(references)) if (sameReference(getOwn(record.references, field), reference)) covered.add(field);
  return covered;
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * UPDATE (spec 4.10, matrix U/UP/UF/UDL/COMP). Order: mandatory check, conflict, the undelete
 * decision (NEWER and MASTER may refuse it, by the record policy), then field by field: a meta or
 * mandatory field equal to the local value is dropped (Eden compares only those: finding 3), the
 * others go through their policy. The record is written when data remains, when it undeletes, or
 * when it is a component or has components. A data write stamps the incoming mtime, even an older
 * one (finding 13); a write forced only by components never moves `modified_on` back
 * (docs/decisions/0004-forced-write-mtime.md). The local mci is kept.
 */
export function commitUpdate(
  state: ImportState,
  item: IncomingItem,
  local: LocalRecord,
  references: Readonly<Record<string, RecordReference>>,
  parent: ComponentLink | null,
): ItemResult {
  const rules = tableRules(item.table);
  const missing = rules.mandatory.filter((field) => !item.fields.has(field) && isBlank(getOwn(local.fields, field)));
  if (missing.length > 0) return failed(item, 'update', `${missing.join(', ')}: value(s) required`, missing[0] ?? null);
  if (!conflictAllows(state, item, local, 'update')) return done('update', local.uuid);

  const policy = state.options.updatePolicy;
  const facts = factsOf(item, local);
  let undelete = false;
  if (local.deleted) {
    const whole = recordPolicy(policy);
    if ((whole === 'NEWER' && isOriginalNewer(facts)) || (whole === 'MASTER' && isNotFromMaster(facts))) {
      return done('update', local.uuid);
    }
    undelete = true;
  }

  const compared = comparedFields(item.table, rules.mandatory);
  const fields: Record<string, JsonValue> = { ...local.fields };
  const refs: Record<string, RecordReference> = { ...local.references };
  const meta: Partial<Record<MetaField, string>> = {};
  let anyData = false;
  for (const [field, value] of item.fields) {
    if (compared.has(field) && sameJson(getOwn(local.fields, field), value)) continue;
    if (policyRefuses(fieldPolicy(policy, field), facts)) continue;
    setOwn(fields, field, value);
    anyData = true;
  }
  for (const [field, value] of item.meta) {
    const same =
      field === 'modified_on' ? parseStoredTime(local.modified_on) === item.mtime : local[field] === value;
    if (same || policyRefuses(fieldPolicy(policy, field), facts)) continue;
    if (field !== 'modified_on') meta[field] = value;
    anyData = true;
  }
  for (const [field, reference] of Object.entries(references)) {
    if (sameReference(getOwn(local.references, field), reference)) continue;
    if (policyRefuses(fieldPolicy(policy, field), facts)) continue;
    setOwn(refs, field, reference);
    anyData = true;
  }

  const forced = parent !== null || item.components.length > 0;
  if (!anyData && !undelete && !forced) return done('update', local.uuid);
  const localMtime = parseStoredTime(local.modified_on);
  const mtime = anyData || undelete || localMtime === null ? item.mtime : Math.max(localMtime, item.mtime);
  const record: LocalRecord = {
    ...local,
    ...meta,
    fields,
    references: refs,
    modified_on: mtime === item.mtime ? (item.meta.get('modified_on') ?? formatTime(mtime)) : formatTime(mtime),
    deleted: false,
    replaced_by: null,
    parent: parent ?? local.parent,
  };
  const pending = state.snapshot.pendingOf(item.table, local.uuid) !== undefined;
  state.write(record, { overwrote: anyData || undelete, covered: pending ? coveredBy(item, references, record) : NOTHING_COVERED });
  return done('update', local.uuid);
}
