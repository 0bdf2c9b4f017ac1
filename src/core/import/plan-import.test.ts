import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../model/record.js';
import type { S3XmlDocument, S3XmlReference, S3XmlResource } from '../s3xml/types.js';
import type { ImportOptions, PendingMark } from './import-types.js';
import { createLocalSnapshot } from './local-snapshot.js';
import { planImport } from './plan-import.js';

const NOW = Date.UTC(2030, 0, 1);
const ORG = 'org_organisation';

function element(name: string, attributes: Record<string, string>, data: Record<string, string> = {}, more: Partial<S3XmlResource> = {}): S3XmlResource {
  return {
    name,
    attributes,
    data: Object.entries(data).map(([field, text]) => ({ field, value: null, text, attributes: {} })),
    references: [],
    components: [],
    ...more,
  };
}

function ref(field: string, resource: string, id: { uuid?: string; tuid?: string }): S3XmlReference {
  return { field, resource, uuid: id.uuid ?? null, tuid: id.tuid ?? null, text: null, attributes: {}, inline: null };
}

const doc = (...resources: S3XmlResource[]): S3XmlDocument => ({ attributes: {}, resources });

function record(table: string, uuid: string, fields: Record<string, string>, more: Partial<LocalRecord> = {}): LocalRecord {
  return {
    table, uuid, fields, references: {}, mci: 2, created_on: '2024-01-01T00:00:00', modified_on: '2024-01-10T10:00:00',
    created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null, deleted: false, replaced_by: null, parent: null,
    ...more,
  };
}

let counter = 0;
const options = (more: Partial<ImportOptions> = {}): ImportOptions => ({ updatePolicy: 'OTHER', newUuid: () => `urn:uuid:new-${++counter}`, ...more });

function snapshot(records: LocalRecord[], pending: PendingMark[] = [], extra: { components?: LocalRecord[]; referrers?: LocalRecord[] } = {}) {
  return createLocalSnapshot({
    records,
    pending,
    components: records.map((master) => ({
      master: { table: master.table, uuid: master.uuid },
      records: (extra.components ?? []).filter((c) => c.parent?.uuid === master.uuid),
    })),
    referrers: records.map((target) => ({
      uuid: target.uuid,
      records: (extra.referrers ?? []).filter((r) => Object.values(r.references).some((x) => x.uuids.includes(target.uuid))),
    })),
    tables: [],
  });
}

const newer = { modified_on: '2024-01-30T10:00:00' };

describe('planImport: the conflict inbox (architecture invariant 4.1)', () => {
  const local = record(ORG, 'u1', { name: 'Local', acronym: 'LOC' });
  const pending: PendingMark = { table: ORG, uuid: 'u1', revision: 3 };

  it('keeps an overwritten pending version and drops the pending mark when it was wholly replaced', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote', acronym: 'REM' })), ORG, snapshot([local], [pending]), options(), NOW);
    expect(plan.writes.map((w) => w.fields)).toEqual([{ name: 'Remote', acronym: 'REM' }]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ kind: 'overwritten', local, incoming: { fields: { name: 'Remote', acronym: 'REM' } }, resolved: false });
    expect(plan.acknowledge).toEqual([pending]);
    expect(plan.report.conflicts).toBe(1);
  });

  it('keeps the pending mark when local values survive (a field the peer did not send)', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote' })), ORG, snapshot([local], [pending]), options(), NOW);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.acknowledge).toEqual([]);
  });

  it('keeps the pending mark when the policy refused some field', () => {
    const policy = { name: 'OTHER', __default__: 'THIS' };
    const plan = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote', acronym: 'REM' })), ORG, snapshot([local], [pending]), options({ updatePolicy: policy }), NOW);
    expect(plan.writes[0]?.fields).toEqual({ name: 'Remote', acronym: 'LOC' });
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.acknowledge).toEqual([]);
  });

  it('records a deletion by the peer and no entry when nothing was overwritten', () => {
    const tombstone = planImport(doc(element(ORG, { uuid: 'u1', deleted: 'True', ...newer })), ORG, snapshot([local], [pending]), options(), NOW);
    expect(tombstone.conflicts[0]).toMatchObject({ kind: 'deleted-by-peer', incoming: null });
    expect(tombstone.acknowledge).toEqual([pending]);
    const refused = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote' })), ORG, snapshot([local], [pending]), options({ updatePolicy: 'THIS' }), NOW);
    expect(refused.writes).toEqual([]);
    expect(refused.conflicts).toEqual([]);
    const notPending = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote' })), ORG, snapshot([local]), options(), NOW);
    expect(notPending.conflicts).toEqual([]);
  });
});

describe('planImport: references and dependencies', () => {
  it('resolves a tuid to a later element, imports it first, and keeps references to absent records by uuid', () => {
    const office = element('org_office', { uuid: 'o1', ...newer }, { name: 'Office' }, {
      references: [ref('organisation_id', ORG, { tuid: 'T1' }), ref('location_id', 'gis_location', { uuid: 'loc-absent' })],
    });
    const org = element(ORG, { tuid: 'T1', uuid: 'org-new', ...newer }, { name: 'Org' });
    const plan = planImport(doc(office, org), 'org_office', snapshot([]), options(), NOW);
    expect(plan.writes.map((w) => w.uuid)).toEqual(['org-new', 'o1']);
    expect(plan.writes[1]?.references).toEqual({
      organisation_id: { table: ORG, uuids: ['org-new'], multiple: false },
      location_id: { table: 'gis_location', uuids: ['loc-absent'], multiple: false },
    });
    expect(plan.report).toMatchObject({ records: 1, created: ['o1'] });
  });

  it('fails a record whose referenced element failed', () => {
    const office = element('org_office', { uuid: 'o1', ...newer }, { name: 'Office' }, { references: [ref('organisation_id', ORG, { uuid: 'bad' })] });
    const org = element(ORG, { uuid: 'bad', ...newer }, { acronym: 'NO NAME' });
    const plan = planImport(doc(office, org), 'org_office', snapshot([]), options(), NOW);
    expect(plan.writes).toEqual([]);
    expect(plan.report.errors.map((e) => e.message)).toEqual(['name: value(s) required', 'organisation_id: reference import(s) failed']);
    expect(plan.report.records).toBe(0);
  });
});

describe('planImport: merges, components, errors', () => {
  it('moves components and referrers of the duplicate to the survivor', () => {
    const dup = record(ORG, 'dup', { name: 'Dup' });
    const survivor = record(ORG, 'surv', { name: 'Survivor' });
    const office = record('org_office', 'off', { name: 'Office' }, { parent: { table: ORG, uuid: 'dup', alias: null } });
    const person = record('pr_person', 'p', { first_name: 'A' }, { references: { organisation_id: { table: ORG, uuids: ['dup'], multiple: false } } });
    const plan = planImport(
      doc(element(ORG, { uuid: 'dup', deleted: 'True', replaced_by: 'surv', ...newer })),
      ORG,
      snapshot([dup, survivor], [], { components: [office], referrers: [person] }),
      options(),
      NOW,
    );
    const byUuid = new Map(plan.writes.map((w) => [w.uuid, w]));
    expect(byUuid.get('off')?.parent?.uuid).toBe('surv');
    expect(byUuid.get('p')?.references['organisation_id']?.uuids).toEqual(['surv']);
    expect(byUuid.get('dup')).toMatchObject({ deleted: true, replaced_by: 'surv', modified_on: '2030-01-01T00:00:00' });
    expect(byUuid.has('surv')).toBe(false);
    expect(plan.report.deleted).toEqual(['dup']);
  });

  it('does not move modified_on back for a write forced only by a component (decision 0004)', () => {
    const local = record(ORG, 'u1', { name: 'Local' }, { modified_on: '2024-01-30T10:00:00' });
    const office = element('org_office', { uuid: 'o2', modified_on: '2024-01-10T10:00:00' }, { name: 'New office' });
    const plan = planImport(doc(element(ORG, { uuid: 'u1', modified_on: '2024-01-10T10:00:00' }, { name: 'Remote' }, { components: [office] })), ORG, snapshot([local]), options({ updatePolicy: 'NEWER' }), NOW);
    const org = plan.writes.find((w) => w.uuid === 'u1');
    expect(org).toMatchObject({ fields: { name: 'Local' }, modified_on: '2024-01-30T10:00:00' });
    expect(plan.writes.find((w) => w.uuid === 'o2')?.parent).toEqual({ table: ORG, uuid: 'u1', alias: null });
  });

  it('creates nothing under MASTER from a non-master sender (decision 0003)', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'n', mci: '2', ...newer }, { name: 'New' })), ORG, snapshot([]), options({ updatePolicy: 'MASTER' }), NOW);
    expect(plan.writes).toEqual([]);
    expect(plan.report).toMatchObject({ records: 1, created: [], errors: [] });
  });

  it('discards the whole plan on any error when ignoreErrors is false', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'a', ...newer }, { name: 'A' }), element(ORG, { uuid: 'b', ...newer }, { acronym: 'B' })), ORG, snapshot([]), options({ ignoreErrors: false }), NOW);
    expect(plan.writes).toEqual([]);
    expect(plan.report.records).toBe(0);
    expect(plan.report.errors).toEqual([{ uuid: 'b', table: ORG, field: 'name', message: 'name: value(s) required' }]);
  });
});

describe('planImport: peer times for a pull checkpoint (decision 0015)', () => {
  const at = (day: number): string => `2024-01-${String(day).padStart(2, '0')}T10:00:00`;

  it('peerMtime counts only modified_on values the peer sent; mtime is Eden\'s (now for an element without one)', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'a', modified_on: at(12) }, { name: 'A' }), element(ORG, { uuid: 'b' }, { name: 'B' })), ORG, snapshot([]), options(), NOW);
    expect(plan.report).toMatchObject({ records: 2, mtime: '2030-01-01T00:00:00', peerMtime: at(12), rejectedMtime: null });
    const none = planImport(doc(element(ORG, { uuid: 'b' }, { name: 'B' })), ORG, snapshot([]), options(), NOW);
    expect(none.report).toMatchObject({ mtime: '2030-01-01T00:00:00', peerMtime: null });
  });

  it('rejectedMtime is the oldest master refused with an error, its own or a nested component\'s', () => {
    const badOffice = element('org_office', { uuid: 'o1', modified_on: at(20) }, { phone1: 'no name' });
    const plan = planImport(
      doc(
        element(ORG, { uuid: 'ok', modified_on: at(25) }, { name: 'OK' }),
        element(ORG, { uuid: 'late', modified_on: at(18) }, { acronym: 'no name' }),
        element(ORG, { uuid: 'parent', modified_on: at(15) }, { name: 'Parent' }, { components: [badOffice] }),
        element(ORG, { uuid: 'nomtime' }, { acronym: 'no name' }),
      ),
      ORG,
      snapshot([]),
      options(),
      NOW,
    );
    expect(plan.report.errors.map((e) => e.uuid)).toEqual(['late', 'o1', 'nomtime']);
    expect(plan.report).toMatchObject({ records: 2, peerMtime: at(25), rejectedMtime: at(15) });
  });

  it('a refusal by the strategy does not count as rejected', () => {
    const plan = planImport(doc(element(ORG, { uuid: 'new', modified_on: at(5) }, { name: 'New' })), ORG, snapshot([]), options({ strategy: ['update'] }), NOW);
    expect(plan.report.errors.map((e) => e.message)).toEqual(['Operation not permitted']);
    expect(plan.report).toMatchObject({ peerMtime: null, rejectedMtime: null });
  });
});

describe('planImport: pending marks per field (decision 0010)', () => {
  const local = record(ORG, 'u1', { name: 'Local', acronym: 'LOC' }, {
    references: { organisation_type_id: { table: 'org_organisation_type', uuids: ['t1'], multiple: false } },
  });

  it('drops the mark when every pending field came in, although other local values survive', () => {
    const pending: PendingMark = { table: ORG, uuid: 'u1', revision: 2, fields: ['name'] };
    const plan = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote' })), ORG, snapshot([local], [pending]), options(), NOW);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.acknowledge).toEqual([{ table: ORG, uuid: 'u1', revision: 2 }]);
  });

  it('keeps the mark while a pending reference (or field) did not come in', () => {
    const pending: PendingMark = { table: ORG, uuid: 'u1', revision: 2, fields: ['name', 'organisation_type_id'] };
    const plan = planImport(doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote', acronym: 'REM' })), ORG, snapshot([local], [pending]), options(), NOW);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.acknowledge).toEqual([]);
  });

  it('with the whole record pending, a local reference the element lacks keeps the mark', () => {
    const plan = planImport(
      doc(element(ORG, { uuid: 'u1', ...newer }, { name: 'Remote', acronym: 'REM' })),
      ORG,
      snapshot([local], [{ table: ORG, uuid: 'u1', revision: 2, fields: 'all' }]),
      options(),
      NOW,
    );
    expect(plan.acknowledge).toEqual([]);
  });
});
