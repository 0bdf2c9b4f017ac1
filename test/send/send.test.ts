import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../src/core/model/record.js';
import { LogResult } from '../../src/core/model/sync.js';
import { decodeS3Xml } from '../../src/core/s3xml/decode-s3xml.js';
import type { S3XmlDocument, S3XmlResource } from '../../src/core/s3xml/types.js';
import { send } from '../../src/engine/send/send.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { openSendStore } from './open-store.js';
import { OFFICE, ORG, componentOf, orgGraph, record, ref } from './records.js';

let store: LocalStore;

beforeEach(async () => {
  store = (await openSendStore('send')).store;
});
afterEach(() => store.close());

async function put(records: readonly LocalRecord[]): Promise<void> {
  await store.write((tx) => tx.putRecords(records));
}

async function exported(resource: string, options: Parameters<typeof send>[2] = {}): Promise<S3XmlDocument> {
  const outcome = await send({ store }, resource, options);
  expect(outcome.status).toBe(LogResult.SUCCESS);
  return decodeS3Xml(outcome.response ?? '');
}

const uuids = (resources: readonly S3XmlResource[]): (string | undefined)[] => resources.map((r) => r.attributes['uuid']);

describe('send: full export', () => {
  it('exports masters with nested components, tombstones and dependencies up to depth', async () => {
    await put(orgGraph());
    const outcome = await send({ store }, ORG, { url: 'http://127.0.0.1:8000/eden', domain: 'vm' });
    expect(outcome).toMatchObject({ status: 'success', remote: false, message: 'Data sent to peer (4 records)', results: 4 });
    expect(outcome.mtime).toBe('2026-11-29T22:06:02');
    const doc = decodeS3Xml(outcome.response ?? '');
    expect(Object.entries(doc.attributes)).toEqual([
      ['success', 'true'],
      ['results', '4'],
      ['domain', 'vm'],
      ['url', 'http://127.0.0.1:8000/eden'],
    ]);
    expect(doc.resources.map((r) => `${r.name} ${r.attributes['uuid']}`)).toEqual([
      'org_organisation urn:uuid:a',
      'org_organisation urn:uuid:b',
      'org_organisation urn:uuid:g',
      'org_organisation urn:uuid:d',
      'gis_location urn:uuid:loc-berlin',
      'gis_location urn:uuid:loc-de',
    ]);
    const [alpha, beta, gamma] = doc.resources;
    expect(alpha?.components.map((c) => `${c.name} ${c.attributes['uuid']}`)).toEqual([
      'org_site urn:uuid:s-a',
      'org_office urn:uuid:o-a',
    ]);
    expect(uuids(beta?.components ?? [])).toEqual(['urn:uuid:o-bn', 'urn:uuid:o-bs']);
    expect(gamma).toEqual({
      name: ORG,
      attributes: { uuid: 'urn:uuid:g', deleted: 'True', modified_on: '2026-11-29T22:06:02' },
      data: [],
      references: [],
      components: [],
    });
    expect(alpha?.attributes['mci']).toBe('3');
    const office = alpha?.components[1];
    expect(office?.references).toEqual([
      expect.objectContaining({ field: 'location_id', resource: 'gis_location', uuid: 'urn:uuid:loc-berlin' }),
    ]);
    expect(office?.data.map((d) => [d.field, d.value, d.text])).toEqual([
      ['name', null, 'Alpha HQ'],
      ['obsolete', 'false', 'False'],
    ]);
  });

  it('gives the empty export success="false" results="0"', async () => {
    const outcome = await send({ store }, ORG, { url: 'http://x/eden' });
    expect(outcome.results).toBe(0);
    expect(outcome.mtime).toBeNull();
    expect(outcome.response).toBe('<?xml version="1.0" encoding="utf-8"?>\n<s3xml success="false" results="0" url="http://x/eden"/>');
  });

  it('follows references at most 10 levels deep', async () => {
    const chain: LocalRecord[] = [];
    for (let i = 0; i <= 12; i++) {
      chain.push(record('gis_location', `urn:uuid:l${i}`, i < 12 ? { references: { parent: ref('gis_location', `urn:uuid:l${i + 1}`) } } : {}));
    }
    await put([record(OFFICE, 'urn:uuid:o', { references: { location_id: ref('gis_location', 'urn:uuid:l0') } }), ...chain]);
    const doc = await exported(OFFICE);
    expect(uuids(doc.resources)).toEqual(['urn:uuid:o', ...chain.slice(0, 10).map((r) => r.uuid)]);
    expect(doc.resources[10]?.references[0]?.uuid).toBe('urn:uuid:l10');
  });

  it('keeps references to unknown records, drops those to deleted ones, and does not export deleted dependencies', async () => {
    await put([
      record(OFFICE, 'urn:uuid:o', {
        references: { location_id: ref('gis_location', 'urn:uuid:gone'), organisation_id: ref(ORG, 'urn:uuid:elsewhere') },
      }),
      record('gis_location', 'urn:uuid:gone', { deleted: true }),
    ]);
    const doc = await exported(OFFICE);
    expect(doc.resources).toHaveLength(1);
    expect(doc.resources[0]?.references.map((r) => r.field)).toEqual(['organisation_id']);
  });

  it('exports masters of a table that are components elsewhere, and other masters they reference as dependencies', async () => {
    const graph = orgGraph();
    await put([...graph, record(OFFICE, 'urn:uuid:o-x', { references: { organisation_id: ref(ORG, 'urn:uuid:b') } })]);
    const doc = await exported(OFFICE);
    expect(doc.attributes['results']).toBe('5');
    expect(uuids(doc.resources)).toEqual([
      'urn:uuid:o-a',
      'urn:uuid:o-bn',
      'urn:uuid:o-bs',
      'urn:uuid:o-d',
      'urn:uuid:o-x',
      'urn:uuid:loc-berlin',
      'urn:uuid:b',
      'urn:uuid:loc-de',
    ]);
    expect(doc.resources.find((r) => r.attributes['uuid'] === 'urn:uuid:b')?.components).toEqual([]);
  });

  it('honours includeDeleted: false', async () => {
    await put(orgGraph());
    const doc = await exported(ORG, { includeDeleted: false });
    expect(uuids(doc.resources.filter((r) => r.name === ORG))).toEqual(['urn:uuid:a', 'urn:uuid:b', 'urn:uuid:d']);
  });
});

describe('send: merged records (spec 7.1.1 ExportMergeTests)', () => {
  it('exports the replaced duplicate as a tombstone with replaced_by and pulls in the survivor', async () => {
    const org = record(ORG, 'TESTSYNCORGANISATION', { fields: { name: 'TestSyncOrganisation' } });
    await put([
      org,
      record(OFFICE, 'TESTSYNCOFFICE1', { fields: { name: 'TestSyncOffice1' }, references: { organisation_id: ref(ORG, org.uuid) } }),
      record(OFFICE, 'TESTSYNCOFFICE2', { deleted: true, replaced_by: 'TESTSYNCOFFICE1', modified_on: '2026-11-30T00:00:00' }),
    ]);
    const doc = await exported(OFFICE, { uuids: ['TESTSYNCOFFICE2'] });
    const hits = doc.resources.filter((r) => r.name === OFFICE && r.attributes['uuid'] === 'TESTSYNCOFFICE2');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.attributes['deleted']?.toLowerCase()).toBe('true');
    expect(hits[0]?.attributes['replaced_by']).toBe('TESTSYNCOFFICE1');
    expect(hits[0]?.attributes['mci']).toBeUndefined();
    expect(doc.attributes['results']).toBe('1');
    expect(uuids(doc.resources)).toEqual(['TESTSYNCOFFICE2', 'TESTSYNCOFFICE1', 'TESTSYNCORGANISATION']);
  });
});

describe('send: msince', () => {
  const times = ['2026-11-29T22:05:00', '2026-11-29T22:07:00', '2026-11-29T22:06:00', '2026-11-29T22:05:59'];
  beforeEach(async () => {
    const master = record(ORG, 'urn:uuid:m0', { modified_on: times[0] ?? null });
    await put([
      master,
      componentOf(master, OFFICE, 'urn:uuid:c-old', { modified_on: '2026-11-29T22:00:00' }),
      componentOf(master, 'org_site', 'urn:uuid:c-none', { modified_on: null }),
      record(ORG, 'urn:uuid:m1', { modified_on: times[1] ?? null }),
      record(ORG, 'urn:uuid:m2', { modified_on: times[2] ?? null }),
      record(ORG, 'urn:uuid:m3', { modified_on: times[3] ?? null }),
    ]);
  });

  it('selects modified_on >= msince, newest first (spec 8.5), and filters components by msince', async () => {
    const outcome = await send({ store }, ORG, { msince: '2026-11-29T22:05:59' });
    const doc = decodeS3Xml(outcome.response ?? '');
    expect(uuids(doc.resources)).toEqual(['urn:uuid:m1', 'urn:uuid:m2', 'urn:uuid:m3']);
    expect(outcome.mtime).toBe('2026-11-29T22:07:00');
    const all = await exported(ORG, { msince: '2026-11-29T21:00:00' });
    expect(uuids(all.resources)).toEqual(['urn:uuid:m1', 'urn:uuid:m2', 'urn:uuid:m3', 'urn:uuid:m0']);
    expect(uuids(all.resources[3]?.components ?? [])).toEqual(['urn:uuid:c-old', 'urn:uuid:c-none']);
    const picked = await exported(ORG, { msince: '2026-11-29T21:00:00', uuids: ['urn:uuid:m0', 'urn:uuid:m1', 'urn:uuid:m3'] });
    expect(uuids(picked.resources)).toEqual(['urn:uuid:m1', 'urn:uuid:m3', 'urn:uuid:m0']);
    const later = await exported(ORG, { msince: '2026-11-29T22:01:00', uuids: ['urn:uuid:m0'] });
    expect(uuids(later.resources[0]?.components ?? [])).toEqual(['urn:uuid:c-none']);
  });

  it('ignores a non-strict msince (full export in insertion order, spec 8.13)', async () => {
    for (const msince of ['2026-11-29T22:05:59Z', '2026-11-29T22:05:59.000', 'garbage']) {
      const doc = await exported(ORG, { msince });
      expect(uuids(doc.resources)).toEqual(['urn:uuid:m0', 'urn:uuid:m1', 'urn:uuid:m2', 'urn:uuid:m3']);
    }
  });

  it('gives an empty export for a future msince', async () => {
    const outcome = await send({ store }, ORG, { msince: '2030-01-01T00:00:00' });
    expect(outcome.results).toBe(0);
    expect(decodeS3Xml(outcome.response ?? '').attributes['success']).toBe('false');
  });
});

describe('send: paging (spec 7.4.1, cap 03-pull-full/08)', () => {
  it('pages masters with start/limit and echoes exactly success/start/limit/results/url', async () => {
    await put(orgGraph());
    const queried = vi.spyOn(store, 'queryRecords');
    const doc = await exported(ORG, { start: 1, limit: 2, url: 'http://127.0.0.1:8000/eden' });
    expect(Object.entries(doc.attributes)).toEqual([
      ['success', 'true'],
      ['start', '1'],
      ['limit', '2'],
      ['results', '2'],
      ['url', 'http://127.0.0.1:8000/eden'],
    ]);
    expect(uuids(doc.resources.filter((r) => r.name === ORG))).toEqual(['urn:uuid:b', 'urn:uuid:g']);
    expect(queried).toHaveBeenCalledWith(ORG, expect.objectContaining({ start: 1, limit: 2 }));
    const single = await exported(ORG, { start: 0, limit: 1 });
    expect(Object.keys(single.attributes)).toEqual(['success', 'start', 'limit', 'results']);
    expect(single.attributes['results']).toBe('1');
    const beyond = await exported(ORG, { start: 10, limit: 5 });
    expect(beyond.attributes).toEqual({ success: 'false', start: '10', limit: '5', results: '0' });
  });
});

describe('send: sync filters (spec 2.4, 7.4.4, cap 06-pull-url-filter)', () => {
  beforeEach(async () => put(orgGraph()));

  it('[~]~.name__like=Beta* exports only Beta, with all its components', async () => {
    const doc = await exported(ORG, { filters: [{ table: '~', selector: '~.name__like', value: 'Beta*' }] });
    expect(doc.attributes['results']).toBe('1');
    expect(uuids(doc.resources)).toEqual(['urn:uuid:b']);
    expect(uuids(doc.resources[0]?.components ?? [])).toEqual(['urn:uuid:o-bn', 'urn:uuid:o-bs']);
  });

  it('[~]~.acronym=ARA (as a URL query string) exports only Alpha', async () => {
    const doc = await exported(ORG, { filters: '%5B~%5D~.acronym=ARA' });
    expect(uuids(doc.resources.filter((r) => r.name === ORG))).toEqual(['urn:uuid:a']);
  });

  it('[org_office]~.name__like=*North keeps every master but only matching offices', async () => {
    const doc = await exported(ORG, { filters: '[org_office]~.name__like=*North' });
    expect(uuids(doc.resources.filter((r) => r.name === ORG))).toEqual(['urn:uuid:a', 'urn:uuid:b', 'urn:uuid:g', 'urn:uuid:d']);
    const [alpha, beta, , delta] = doc.resources;
    expect(uuids(beta?.components ?? [])).toEqual(['urn:uuid:o-bn']);
    expect(alpha?.components.map((c) => c.name)).toEqual(['org_site']);
    expect(delta?.components).toEqual([]);
    expect(uuids(doc.resources.filter((r) => r.name === 'gis_location'))).toEqual([]);
  });

  it('[~]office.name__like=*North keeps masters with a matching office, and only that office', async () => {
    const doc = await exported(ORG, { filters: [{ table: ORG, selector: 'office.name__like', value: '*North' }] });
    expect(uuids(doc.resources)).toEqual(['urn:uuid:b']);
    expect(uuids(doc.resources[0]?.components ?? [])).toEqual(['urn:uuid:o-bn']);
  });

  it('an unbracketed filter is ignored (cap 06/04)', async () => {
    const doc = await exported(ORG, { filters: '~.acronym=ARA' });
    expect(doc.attributes['results']).toBe('4');
  });

  it('filters dependencies by their own table and drops references to filtered-out ones', async () => {
    const doc = await exported(ORG, { filters: '[gis_location]~.name=Berlin' });
    expect(uuids(doc.resources.filter((r) => r.name === 'gis_location'))).toEqual(['urn:uuid:loc-berlin']);
    expect(doc.resources.find((r) => r.attributes['uuid'] === 'urn:uuid:loc-berlin')?.references).toEqual([]);
    const none = await exported(ORG, { filters: '[gis_location]~.name=Paris' });
    expect(none.resources.filter((r) => r.name === 'gis_location')).toEqual([]);
    expect(none.resources[0]?.components[1]?.references).toEqual([]);
  });

  it('pages after filtering', async () => {
    const doc = await exported(ORG, { filters: '[~]~.name__like=*a*', start: 1, limit: 1 });
    expect(doc.attributes).toMatchObject({ start: '1', limit: '1', results: '1' });
    expect(uuids(doc.resources.filter((r) => r.name === ORG))).toEqual(['urn:uuid:b']);
  });
});

describe('send: filtered scan over many records', () => {
  it('pages filtered masters across read batches, in insertion order', async () => {
    const many = Array.from({ length: 1700 }, (_, i) => record(ORG, `urn:uuid:n${i}`, { fields: { name: i % 3 === 0 ? `Keep ${i}` : `Drop ${i}` } }));
    await put(many);
    const doc = await exported(ORG, { filters: '[~]~.name__like=keep*', start: 160, limit: 20 });
    const expected = many.filter((_, i) => i % 3 === 0).slice(160, 180).map((r) => r.uuid);
    expect(uuids(doc.resources)).toEqual(expected);
    const tail = await exported(ORG, { filters: '[~]~.name__like=keep*', start: 560 });
    expect(uuids(tail.resources)).toEqual(many.filter((_, i) => i % 3 === 0).slice(560).map((r) => r.uuid));
  });
});

describe('send: options', () => {
  it('refuses mixed resources with FATAL (cap 10-errors/12, 17)', async () => {
    for (const [resource, options] of [[ORG, { mixed: true }], ['mixed', {}], ['', {}]] as const) {
      expect(await send({ store }, resource, options)).toEqual({
        status: LogResult.FATAL,
        remote: false,
        message: 'Mixed resource synchronization not supported',
        response: null,
        results: 0,
        mtime: null,
      });
    }
  });

  it('pretty-prints on request, with the same content', async () => {
    await put(orgGraph());
    const plain = await send({ store }, ORG, {});
    const pretty = await send({ store }, ORG, { prettyPrint: true });
    expect(plain.response?.split('\n')).toHaveLength(2);
    expect(pretty.response).toContain('\n  <resource name="org_organisation"');
    expect(pretty.response).toContain('\n    <resource name="org_site"');
    expect(decodeS3Xml(pretty.response ?? '')).toEqual(decodeS3Xml(plain.response ?? ''));
  });

  it('exports exactly the given uuids without scanning the table', async () => {
    await put(orgGraph());
    const queried = vi.spyOn(store, 'queryRecords');
    const doc = await exported(ORG, { uuids: ['urn:uuid:d', 'urn:uuid:missing', 'urn:uuid:g', 'urn:uuid:d'] });
    expect(queried).not.toHaveBeenCalled();
    expect(uuids(doc.resources)).toEqual(['urn:uuid:d', 'urn:uuid:g']);
    expect(uuids(doc.resources[0]?.components ?? [])).toEqual(['urn:uuid:o-d']);
    expect(doc.attributes['results']).toBe('2');
  });
});
