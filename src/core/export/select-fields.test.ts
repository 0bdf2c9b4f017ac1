import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../model/record.js';
import { encodeS3Xml } from '../s3xml/encode-s3xml.js';
import { buildExportDocument } from './build-export-document.js';
import { type FieldSelection, selectEntryFields, selectFields } from './select-fields.js';

function rec(table: string, uuid: string, fields: LocalRecord['fields'], parent: LocalRecord['parent'] = null): LocalRecord {
  return {
    table, uuid, fields, references: {}, mci: 1, created_on: null, modified_on: '2026-01-01T00:00:00',
    created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null, deleted: false, replaced_by: null, parent,
  };
}

describe('selectFields with cleared text fields', () => {
  it('writes a cleared text field as an empty <data>, only while it holds no value', () => {
    const record = rec('org_organisation', 'o1', { name: 'Org', comments: null, acronym: 'A' });
    const selected = selectFields(record, { fields: ['comments', 'acronym'], empty: ['comments', 'acronym'] });
    expect(selected.fields).toEqual({ comments: '', acronym: 'A' });
    const xml = encodeS3Xml(buildExportDocument({ masters: [{ record: selected, components: [] }] }), { pretty: false });
    expect(xml).toContain('<data field="comments"></data>');
    expect(xml).not.toContain('field="name"');
    // Whole, the absent field is added empty too.
    expect(selectFields(rec('org_organisation', 'o2', { name: 'Org' }), { fields: 'all', empty: ['phone'] }).fields).toEqual({ name: 'Org', phone: '' });
  });

  it('a master with an empty list frames only the components that have a selection', () => {
    const master = rec('org_organisation', 'o1', { name: 'Org', phone: '1' });
    const changed = rec('org_office', 'f1', { name: 'New' }, { table: 'org_organisation', uuid: 'o1', alias: null });
    const unchanged = rec('org_office', 'f2', { name: 'Old' }, { table: 'org_organisation', uuid: 'o1', alias: null });
    const selections = new Map<string, FieldSelection>([
      ['o1', []],
      ['f1', 'all'],
    ]);
    const entry = selectEntryFields({ record: master, components: [changed, unchanged] }, (uuid) => selections.get(uuid));
    expect(entry.record.fields).toEqual({});
    expect(entry.components.map((c) => c.uuid)).toEqual(['f1']);
  });

  it('a whole master narrows a component pending by fields (stale fields would revert other edits)', () => {
    const master = rec('org_organisation', 'o1', { name: 'Org' });
    const office = rec('org_office', 'f1', { name: 'Stale office name', phone1: '123' }, { table: 'org_organisation', uuid: 'o1', alias: null });
    const untouched = rec('org_office', 'f2', { name: 'Whole' }, { table: 'org_organisation', uuid: 'o1', alias: null });
    const selections = new Map<string, FieldSelection>([
      ['o1', 'all'],
      ['f1', ['phone1']],
    ]);
    const entry = selectEntryFields({ record: master, components: [office, untouched] }, (uuid) => selections.get(uuid));
    expect(entry.record.fields).toEqual({ name: 'Org' });
    expect(entry.components.map((c) => c.fields)).toEqual([{ phone1: '123' }, { name: 'Whole' }]);
  });
});
