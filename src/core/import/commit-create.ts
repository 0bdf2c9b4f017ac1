import type { ComponentLink, LocalRecord, RecordReference } from '../model/record.js';
import { fieldPolicy, mentionsMaster } from '../policy/update-policy.js';
import { formatTime } from './codec-bridge.js';
import { effectOf, type ImportState, type ItemResult } from './import-state.js';
import type { IncomingItem } from './incoming-item.js';
import { done, failed } from './item-helpers.js';
import { tableRules } from './known-tables.js';

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * CREATE (spec 4.10): mandatory fields must be present; the incoming mci is stored (2 when
 * absent, 0 kept: finding 16); created_on and modified_on are the incoming ones (now when absent).
 * Under MASTER, fields whose policy is MASTER are dropped when the sender is not the master
 * (incoming mci != 1); if that leaves no data or drops a mandatory field, nothing is created.
 * This is what Eden intends where it crashes (finding 5; docs/decisions/0003-master-create.md).
 */
export function commitCreate(
  state: ImportState,
  item: IncomingItem,
  uuid: string,
  references: Readonly<Record<string, RecordReference>>,
  parent: ComponentLink | null,
): ItemResult {
  const mandatory = tableRules(item.table).mandatory;
  const missing = mandatory.filter((field) => isBlank(item.fields.get(field)));
  if (missing.length > 0) return failed(item, 'create', `${missing.join(', ')}: value(s) required`, missing[0] ?? null);

  const policy = state.options.updatePolicy;
  const fields = new Map(item.fields);
  const refs: Record<string, RecordReference> = { ...references };
  if (item.mci !== 1 && mentionsMaster(policy)) {
    for (const field of [...fields.keys()]) if (fieldPolicy(policy, field) === 'MASTER') fields.delete(field);
    for (const field of Object.keys(refs)) if (fieldPolicy(policy, field) === 'MASTER') delete refs[field];
    const lostMandatory = mandatory.some((field) => !fields.has(field));
    if (lostMandatory || (fields.size === 0 && Object.keys(refs).length === 0)) return done('create', null);
  }
  const meta = item.meta;
  const record: LocalRecord = {
    table: item.table,
    uuid,
    fields: Object.fromEntries(fields),
    references: refs,
    mci: item.mci,
    created_on: meta.get('created_on') ?? state.nowText,
    modified_on: item.meta.get('modified_on') ?? formatTime(item.mtime),
    created_by: meta.get('created_by') ?? null,
    modified_by: meta.get('modified_by') ?? null,
    owned_by_user: meta.get('owned_by_user') ?? null,
    owned_by_group: meta.get('owned_by_group') ?? null,
    deleted: false,
    replaced_by: null,
    parent,
  };
  state.write(record, effectOf(false));
  return done('create', uuid);
}
