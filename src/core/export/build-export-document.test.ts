import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../model/record.js';
import { buildExportDocument } from './build-export-document.js';
import { encodeData } from './encode-data.js';
import { encodeRecord } from './encode-record.js';

function rec(table: string, uuid: string, extra: Partial<LocalRecord> = {}): LocalRecord {
  return {
    table,
    uuid,
    fields: {},
    references: {},
    mci: 2,
    created_on: '2026-11-29T22:05:54',
    modified_on: '2026-11-29T22:05:54',
    created_by: 'admin@example.com',
    modified_by: 'admin@example.com',
    owned_by_user: 'admin@example.com',
    owned_by_group: null,
    deleted: false,
    replaced_by: null,
    parent: null,
    ...extra,
  };
}

describe('encodeData', () => {
  it('writes strings as text only, other values as Python-style JSON value plus text', () => {
    expect(encodeData('name', 'Alpha HQ')).toEqual({ field: 'name', value: null, text: 'Alpha HQ', attributes: {} });
    expect(encodeData('name', '')).toEqual({ field: 'name', value: null, text: '', attributes: {} });
    expect(encodeData('gender', 2)).toMatchObject({ value: '2', text: '2' });
    expect(encodeData('lat', 52.52)).toMatchObject({ value: '52.52' });
    expect(encodeData('obsolete', false)).toMatchObject({ value: 'false', text: 'False' });
    expect(encodeData('tags', ['a', 'b'])).toMatchObject({ value: '["a", "b"]' });
    expect(encodeData('json', { k: [1, { x: null }] })).toMatchObject({ value: '{"k": [1, {"x": null}]}' });
    expect(encodeData('gone', null)).toBeNull();
    expect(encodeData('nan', Number.NaN)).toBeNull();
  });
});

describe('encodeRecord', () => {
  it('writes a live record with mci + 1, meta attributes in Eden order, data then references', () => {
    const record = rec('org_office', 'urn:uuid:o1', {
      fields: { name: 'Alpha HQ', obsolete: false, comments: null, uuid: 'dup', modified_on: 'dup' },
      references: {
        organisation_id: { table: 'org_organisation', uuids: ['urn:uuid:a'], multiple: false },
        tags: { table: 'org_tag', uuids: ['urn:uuid:t1', 'urn:uuid:t2'], multiple: true },
        one: { table: 'org_tag', uuids: ['urn:uuid:t1'], multiple: true },
        none: { table: 'org_tag', uuids: [], multiple: true },
      },
      owned_by_group: 'Admin',
    });
    const element = encodeRecord(record);
    expect(element.name).toBe('org_office');
    expect(Object.entries(element.attributes)).toEqual([
      ['uuid', 'urn:uuid:o1'],
      ['mci', '3'],
      ['created_on', '2026-11-29T22:05:54'],
      ['modified_on', '2026-11-29T22:05:54'],
      ['created_by', 'admin@example.com'],
      ['modified_by', 'admin@example.com'],
      ['owned_by_user', 'admin@example.com'],
      ['owned_by_group', 'Admin'],
    ]);
    expect(element.data.map((d) => [d.field, d.value, d.text])).toEqual([
      ['name', null, 'Alpha HQ'],
      ['obsolete', 'false', 'False'],
    ]);
    expect(element.references.map((r) => [r.field, r.resource, r.uuid])).toEqual([
      ['organisation_id', 'org_organisation', 'urn:uuid:a'],
      ['tags', 'org_tag', '["urn:uuid:t1", "urn:uuid:t2"]'],
      ['one', 'org_tag', '["urn:uuid:t1"]'],
    ]);
  });

  it('writes a deleted record as a bare tombstone with replaced_by (spec 3.8, 7.1.1)', () => {
    const record = rec('org_office', 'TESTSYNCOFFICE2', {
      deleted: true,
      replaced_by: 'TESTSYNCOFFICE1',
      modified_on: '2026-11-29T22:06:02',
      fields: { name: 'x' },
      references: { organisation_id: { table: 'org_organisation', uuids: ['u'], multiple: false } },
    });
    const element = encodeRecord(record);
    expect(element).toEqual({
      name: 'org_office',
      attributes: { uuid: 'TESTSYNCOFFICE2', deleted: 'True', modified_on: '2026-11-29T22:06:02', replaced_by: 'TESTSYNCOFFICE1' },
      data: [],
      references: [],
      components: [],
    });
    expect(Object.keys(element.attributes)).toEqual(['uuid', 'deleted', 'modified_on', 'replaced_by']);
  });
});

describe('buildExportDocument', () => {
  const org = rec('org_organisation', 'urn:uuid:a', { fields: { name: 'Alpha' } });
  const link = { table: 'org_organisation', uuid: 'urn:uuid:a', alias: null };
  const site = rec('org_site', 'urn:uuid:s1', { parent: link });
  const office1 = rec('org_office', 'urn:uuid:o1', { parent: link });
  const office2 = rec('org_office', 'urn:uuid:o2', { parent: link });
  const branch = rec('org_organisation_branch', 'urn:uuid:b', { parent: { ...link, alias: 'branch' } });

  it('nests components grouped by table/alias and counts masters only', () => {
    const doc = buildExportDocument({
      masters: [
        { record: org, components: [office1, site, office2, branch] },
        { record: rec('org_organisation', 'urn:uuid:g', { deleted: true }), components: [office1] },
      ],
      dependencies: [rec('gis_location', 'urn:uuid:l')],
      url: 'http://x/eden',
    });
    expect(doc.attributes).toEqual({ success: 'true', results: '2', url: 'http://x/eden' });
    expect(doc.resources.map((r) => r.name)).toEqual(['org_organisation', 'org_organisation', 'gis_location']);
    const [first, second] = doc.resources;
    expect(first?.components.map((c) => c.attributes['uuid'])).toEqual([
      'urn:uuid:o1',
      'urn:uuid:o2',
      'urn:uuid:s1',
      'urn:uuid:b',
    ]);
    expect(first?.components[3]?.attributes).toMatchObject({ alias: 'branch' });
    expect(Object.keys(first?.components[3]?.attributes ?? {})[0]).toBe('alias');
    expect(second?.components).toEqual([]);
  });

  it('writes root attributes in Eden order, start/limit only when given (spec 7.4.1)', () => {
    const doc = buildExportDocument({ masters: [{ record: org, components: [] }], start: 0, limit: 1, url: 'u', domain: 'vm' });
    expect(Object.entries(doc.attributes)).toEqual([
      ['success', 'true'],
      ['start', '0'],
      ['limit', '1'],
      ['results', '1'],
      ['domain', 'vm'],
      ['url', 'u'],
    ]);
    expect(buildExportDocument({ masters: [] }).attributes).toEqual({ success: 'false', results: '0' });
  });

  it('drops references the caller marks', () => {
    const office = rec('org_office', 'urn:uuid:o', {
      references: { organisation_id: { table: 'org_organisation', uuids: ['urn:uuid:gone'], multiple: false } },
    });
    const doc = buildExportDocument({ masters: [{ record: office, components: [] }], dropReference: (_t, uuid) => uuid === 'urn:uuid:gone' });
    expect(doc.resources[0]?.references).toEqual([]);
  });
});
