/** send({ fields }): a push of only what changed (spec 4.10: Eden's UPDATE applies only the fields present). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldSelection } from '../../src/core/export/select-fields.js';
import type { LocalRecord } from '../../src/core/model/record.js';
import { LogResult } from '../../src/core/model/sync.js';
import { decodeS3Xml } from '../../src/core/s3xml/decode-s3xml.js';
import type { S3XmlDocument, S3XmlResource } from '../../src/core/s3xml/types.js';
import { send, type SendOptions } from '../../src/engine/send/send.js';
import type { LocalStore, RecordKey } from '../../src/ports/local-store.js';
import { openSendStore } from './open-store.js';
import { OFFICE, ORG, orgGraph, record, ref } from './records.js';

let store: LocalStore;

beforeEach(async () => {
  store = (await openSendStore('send-fields')).store;
  await store.write((tx) => tx.putRecords(orgGraph()));
});
afterEach(() => store.close());

async function exported(resource: string, options: SendOptions): Promise<S3XmlDocument> {
  const outcome = await send({ store }, resource, options);
  expect(outcome.status).toBe(LogResult.SUCCESS);
  return decodeS3Xml(outcome.response ?? '');
}

const byUuid = (resources: readonly S3XmlResource[], uuid: string): S3XmlResource | undefined =>
  resources.find((r) => r.attributes['uuid'] === uuid);
const fieldsOf = (resource: S3XmlResource | undefined): string[] => [
  ...(resource?.data.map((d) => d.field) ?? []),
  ...(resource?.references.map((r) => r.field) ?? []),
];

describe('send: field selection', () => {
  it('a master selected by a list keeps those fields, its attributes, and only the components that have a selection', async () => {
    const fields = new Map<string, FieldSelection>([
      ['urn:uuid:a', ['acronym']],
      ['urn:uuid:o-a', ['obsolete']],
    ]);
    const doc = await exported(ORG, { uuids: ['urn:uuid:a', 'urn:uuid:b'], fields });
    const alpha = byUuid(doc.resources, 'urn:uuid:a');
    expect(alpha?.data.map((d) => [d.field, d.text])).toEqual([['acronym', 'ARA']]);
    expect(alpha?.attributes).toMatchObject({ uuid: 'urn:uuid:a', mci: '3', modified_on: '2026-11-29T22:05:54', created_on: '2026-11-29T22:05:54' });
    // org_site (unchanged) is left out; the office keeps its one selected field and drops its reference,
    // so the location it references is no dependency any more.
    expect(alpha?.components.map((c) => c.attributes['uuid'])).toEqual(['urn:uuid:o-a']);
    expect(fieldsOf(alpha?.components[0])).toEqual(['obsolete']);
    expect(byUuid(doc.resources, 'urn:uuid:loc-berlin')).toBeUndefined();
    // Beta has no selection: whole, with all its offices.
    const beta = byUuid(doc.resources, 'urn:uuid:b');
    expect(fieldsOf(beta)).toEqual(['name', 'acronym']);
    expect(beta?.components.map((c) => c.attributes['uuid'])).toEqual(['urn:uuid:o-bn', 'urn:uuid:o-bs']);
    expect(doc.attributes['results']).toBe('2');
  });

  it("'all' exports the whole record with all its components, and a new component of a record sent by fields whole", async () => {
    const doc = await exported(ORG, {
      uuids: ['urn:uuid:a', 'urn:uuid:b'],
      fields: new Map<string, FieldSelection>([
        ['urn:uuid:a', 'all'],
        ['urn:uuid:b', []],
        ['urn:uuid:o-bs', 'all'],
      ]),
    });
    const alpha = byUuid(doc.resources, 'urn:uuid:a');
    expect(fieldsOf(alpha)).toEqual(['name', 'acronym']);
    expect(alpha?.components).toHaveLength(2);
    const beta = byUuid(doc.resources, 'urn:uuid:b');
    expect(beta?.data).toEqual([]);
    expect(beta?.attributes['modified_on']).toBe('2026-11-29T22:05:54');
    expect(beta?.components.map((c) => [c.attributes['uuid'], fieldsOf(c)])).toEqual([['urn:uuid:o-bs', ['name']]]);
  });

  it('a selected reference keeps its dependency; a dependency with a selection of its own is narrowed', async () => {
    await store.write((tx) =>
      tx.putRecords([record(OFFICE, 'urn:uuid:o-x', { fields: { name: 'X', phone: '1' }, references: { location_id: ref('gis_location', 'urn:uuid:loc-berlin') } })]),
    );
    const asked: string[][] = [];
    const selections = new Map<string, FieldSelection>([
      ['urn:uuid:o-x', ['location_id']],
      ['urn:uuid:loc-berlin', ['lat']],
    ]);
    const lookup = async (keys: readonly RecordKey[]): Promise<ReadonlyMap<string, FieldSelection>> => {
      asked.push(keys.map((key) => `${key.table} ${key.uuid}`));
      return selections;
    };
    const doc = await exported(OFFICE, { uuids: ['urn:uuid:o-x'], fields: lookup });
    expect(asked).toEqual([['org_office urn:uuid:o-x'], ['gis_location urn:uuid:loc-berlin', 'gis_location urn:uuid:loc-de']]);
    expect(doc.resources.map((r) => r.attributes['uuid'])).toEqual(['urn:uuid:o-x', 'urn:uuid:loc-berlin', 'urn:uuid:loc-de']);
    expect(fieldsOf(doc.resources[0])).toEqual(['location_id']);
    expect(fieldsOf(doc.resources[1])).toEqual(['lat']);
    // Without a selection of its own, a dependency is whole.
    expect(fieldsOf(doc.resources[2])).toEqual(['name']);
  });

  it('a tombstone is whole whatever the selection', async () => {
    const doc = await exported(ORG, { uuids: ['urn:uuid:g'], fields: new Map<string, FieldSelection>([['urn:uuid:g', ['name']]]) });
    expect(doc.resources[0]?.attributes).toEqual({ uuid: 'urn:uuid:g', deleted: 'True', modified_on: '2026-11-29T22:06:02' });
  });

  it('without fields, nothing changes (all components, all fields)', async () => {
    const whole = await send({ store }, ORG, { uuids: ['urn:uuid:a'] });
    const empty = await send({ store }, ORG, { uuids: ['urn:uuid:a'], fields: new Map() });
    expect(empty.response).toBe(whole.response);
    const selected: LocalRecord | undefined = await store.get(ORG, 'urn:uuid:a');
    expect(selected?.fields).toEqual({ name: 'Alpha Relief Agency', acronym: 'ARA' });
  });
});
