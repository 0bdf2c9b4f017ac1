import type { LocalRecord } from '../../src/core/model/record.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { receive, type ReceiveOutcome } from '../../src/engine/receive/receive.js';
import type { MatrixCase, OutcomeOffice, OutcomeRecord, RecordSpec } from './matrix-case.js';

export const ORG = 'org_organisation';
export const OFFICE = 'org_office';
/** The fixed "now" of every replay; Eden's `NOW` placeholder stands for it. */
export const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0);
export const NOW = '2030-01-01T12:00:00';
const GENERATED_PREFIX = 'urn:uuid:generated-';

/** The local records a case starts from (org records and their offices), as peer records. */
export function localRecords(c: MatrixCase): LocalRecord[] {
  const specs = [c.local?.target, c.local?.survivor, c.local?.name_twin].filter((s): s is RecordSpec => s !== null && s !== undefined);
  const base = { references: {}, created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null, replaced_by: null };
  return specs.flatMap((spec) => {
    const fields: Record<string, string> = { name: spec.name };
    if (spec.acronym !== null) fields['acronym'] = spec.acronym;
    if (spec.comments !== null) fields['comments'] = spec.comments;
    const org: LocalRecord = {
      ...base,
      table: ORG,
      uuid: spec.uuid,
      fields,
      mci: spec.mci,
      created_on: spec.created_on,
      modified_on: spec.modified_on,
      deleted: spec.deleted,
      parent: null,
    };
    if (spec.office === null) return [org];
    const office: LocalRecord = {
      ...base,
      table: OFFICE,
      uuid: spec.office.uuid,
      fields: { name: spec.office.name },
      mci: 2,
      created_on: spec.created_on,
      modified_on: spec.office.modified_on,
      deleted: false,
      parent: { table: ORG, uuid: spec.uuid, alias: null },
    };
    return [org, office];
  });
}

const time = (value: string | null): string | null => (value === 'NOW' ? NOW : value === null ? null : value.slice(0, 19));

function fieldOf(record: LocalRecord, field: string): unknown {
  return record.fields[field] ?? null;
}

function compareRecord(label: string, expected: OutcomeRecord | null, actual: LocalRecord | undefined, out: string[]): void {
  if (expected === null || actual === undefined) {
    if ((expected === null) !== (actual === undefined)) out.push(`${label}: expected ${expected === null ? 'none' : 'a record'}, got ${actual === undefined ? 'none' : 'a record'}`);
    return;
  }
  const pairs: [string, unknown, unknown][] = [
    ['name', expected.name, fieldOf(actual, 'name')],
    ['acronym', expected.acronym, fieldOf(actual, 'acronym')],
    ['comments', expected.comments, fieldOf(actual, 'comments')],
    ['created_on', time(expected.created_on), actual.created_on],
    ['modified_on', time(expected.modified_on), actual.modified_on],
    ['mci', expected.mci, actual.mci],
    ['deleted', expected.deleted, actual.deleted],
    ['replaced_by', expected.deleted_rb, actual.replaced_by],
  ];
  for (const [name, want, got] of pairs) if (want !== got) out.push(`${label}.${name}: expected ${String(want)}, got ${String(got)}`);
}

function compareOffices(expected: readonly OutcomeOffice[], actual: readonly LocalRecord[], out: string[]): void {
  const want = [...expected].map((o) => o.uuid).sort();
  const got = actual.map((o) => o.uuid).sort();
  if (want.join() !== got.join()) out.push(`offices: expected [${want.join(', ')}], got [${got.join(', ')}]`);
  for (const office of expected) {
    const record = actual.find((o) => o.uuid === office.uuid);
    if (record === undefined) continue;
    const pairs: [string, unknown, unknown][] = [
      ['name', office.name, fieldOf(record, 'name')],
      ['organisation', office.organisation, record.parent?.uuid ?? null],
      ['deleted', office.deleted, record.deleted],
      ['mci', office.mci, record.mci],
      ['modified_on', time(office.modified_on), record.modified_on],
    ];
    for (const [name, w, g] of pairs) if (w !== g) out.push(`office ${office.uuid}.${name}: expected ${String(w)}, got ${String(g)}`);
  }
}

function compareList(name: string, expected: readonly string[] | undefined, actual: readonly string[], out: string[]): void {
  const want = [...(expected ?? [])].sort();
  const got = actual.map((uuid) => (uuid.startsWith(GENERATED_PREFIX) ? '<generated>' : uuid)).sort();
  if (want.join() !== got.join()) out.push(`${name}: expected [${want.join(', ')}], got [${got.join(', ')}]`);
}

/** The record a case's subject had before the import (what a rolled-back import must leave). */
function preState(c: MatrixCase): OutcomeRecord | null {
  const spec = [c.local?.target, c.local?.survivor, c.local?.name_twin].find((s) => s?.uuid === c.subject_uuid);
  if (spec === undefined || spec === null) return null;
  return { ...spec, deleted_rb: null };
}

/**
 * Replays one case through `receive` on the given (fresh) store and lists every difference from
 * Eden's recorded outcome. Interpretations: Eden's XML parse error (crash) is our ERROR with
 * nothing changed; a `failed` import (ignore_errors=False) is our ERROR with nothing changed, the
 * local state as before the import (Eden's harness lost its setup in that documented rollback).
 */
export async function runMatrixCase(c: MatrixCase, store: LocalStore): Promise<{ outcome: ReceiveOutcome; mismatches: string[] }> {
  const setup = localRecords(c);
  if (setup.length > 0) await store.write((tx) => tx.putRecords(setup));
  let generated = 0;
  const outcome = await receive(
    { store, clock: { now: () => NOW_MS }, newUuid: () => `${GENERATED_PREFIX}${++generated}` },
    c.incoming_xml,
    ORG,
    {
      strategy: c.params.strategy,
      updatePolicy: c.params.update_policy,
      conflictPolicy: c.params.conflict_policy,
      lastSync: c.params.last_sync,
      onconflict: c.params.onconflict === 'none' ? null : undefined,
      ignoreErrors: c.params.ignore_errors,
    },
  );
  const out: string[] = [];
  const o = c.outcome;
  const parseCrash = o.crashed?.startsWith('SyntaxError') ?? false;
  const failedImport = o.import_result?.status === 'failed';
  const rolledBack = parseCrash || failedImport;

  const expectedStatus = rolledBack ? 'error' : o.crashed !== null ? 'crash' : o.error !== null ? 'warning' : 'success';
  if (outcome.status !== expectedStatus) out.push(`status: expected ${expectedStatus}, got ${outcome.status}`);
  const report = outcome.response;
  const expectedRecords = o.import_result?.records ?? o.import_count;
  if (report.records !== expectedRecords) out.push(`records: expected ${expectedRecords}, got ${report.records}`);
  if (!rolledBack && o.import_result !== null) {
    compareList('created', o.import_result.created, report.created, out);
    compareList('updated', o.import_result.updated, report.updated, out);
    compareList('deleted', o.import_result.deleted, report.deleted, out);
    if (time(o.mtime) !== report.mtime) out.push(`mtime: expected ${String(o.mtime)}, got ${String(report.mtime)}`);
  }

  if (c.subject_uuid !== null) {
    const expected = failedImport ? preState(c) : o.record;
    compareRecord('record', expected, await store.get(ORG, c.subject_uuid), out);
  }
  const survivor = c.local?.survivor?.uuid ?? '';
  if (o.related.survivor !== undefined && !rolledBack) {
    const uuid = o.related.survivor?.uuid ?? (c.incoming_xml.includes('000000000002') ? 'urn:uuid:9e0c0000-0000-4000-8000-000000000002' : survivor);
    compareRecord('survivor', o.related.survivor ?? null, await store.get(ORG, uuid), out);
  }
  if (o.related.name_twin) compareRecord('name_twin', o.related.name_twin, await store.get(ORG, o.related.name_twin.uuid), out);
  for (const other of o.related.other_new_orgs ?? []) {
    const all = await store.list(ORG, { includeDeleted: true });
    const uuid = other.uuid === '<generated>' ? all.find((r) => r.uuid.startsWith(GENERATED_PREFIX))?.uuid : other.uuid;
    compareRecord(`new ${other.uuid}`, other, uuid === undefined ? undefined : await store.get(ORG, uuid), out);
  }
  if (!rolledBack) compareOffices(o.related.offices ?? [], await store.list(OFFICE, { includeDeleted: true }), out);
  return { outcome, mismatches: out };
}
