import { describe, expect, it } from 'vitest';
import { S3XmlError, dataValue, decodeS3Xml, encodeS3Xml, readResourceMeta, referenceUuids } from '../../src/core/s3xml/index.js';
import type { S3XmlDocument, S3XmlResource } from '../../src/core/s3xml/index.js';
import { fixturePaths, fixtureText } from '../support/fixtures.js';

const xmlFixtures = fixturePaths().filter((path) => path.endsWith('.xml'));

/** Fixtures that are not S3XML documents, with the code decodeS3Xml must refuse them with. */
const NOT_S3XML: Readonly<Record<string, string>> = {
  '10-errors/13-push-malformed-xml.request.xml': 'truncated',
  '10-errors/14-push-not-xml-at-all.request.xml': 'malformed',
  '10-errors/15-push-wrong-root-element.request.xml': 'not-s3xml',
  '12-schema/org_office.fields.response.xml': 'not-s3xml',
  '12-schema/org_organisation.fields.response.xml': 'not-s3xml',
  '12-schema/pr_person.fields.response.xml': 'not-s3xml',
};

type MatrixCase = { readonly id: string; readonly incoming_xml: string };
const matrix: MatrixCase[] = fixtureText('15-import-matrix/cases.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as MatrixCase);

/** Matrix documents that are not well-formed S3XML (CNT-008 has a <data> root, CNT-009 is cut). */
const MATRIX_REFUSED: Readonly<Record<string, string>> = { 'CNT-008': 'not-s3xml', 'CNT-009': 'truncated' };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof S3XmlError) return error.code;
    throw error;
  }
  return 'accepted';
}

function roundTrip(text: string): void {
  const first = decodeS3Xml(text);
  expect(decodeS3Xml(encodeS3Xml(first))).toEqual(first);
  expect(decodeS3Xml(encodeS3Xml(first, { pretty: true }))).toEqual(first);
}

function countResources(resources: readonly S3XmlResource[]): number {
  return resources.reduce((n, r) => n + 1 + countResources(r.components), 0);
}

describe('every recorded XML fixture', () => {
  it('finds the fixtures', () => {
    expect(xmlFixtures.length).toBeGreaterThan(60);
  });

  it.each(xmlFixtures)('%s: decode -> encode -> decode is stable, or the document is refused', (path) => {
    const text = fixtureText(path);
    const refusal = NOT_S3XML[path];
    if (refusal !== undefined) {
      expect(codeOf(() => decodeS3Xml(text))).toBe(refusal);
      return;
    }
    roundTrip(text);
    const doc = decodeS3Xml(text);
    // Every <resource> start tag of the document is in the model (nothing silently dropped).
    expect(countResources(doc.resources) + countInline(doc)).toBe(text.split('<resource ').length - 1);
  });
});

function countInline(doc: S3XmlDocument): number {
  const walk = (rs: readonly S3XmlResource[]): number =>
    rs.reduce((n, r) => n + walk(r.components) + r.references.filter((x) => x.inline !== null).length, 0);
  return walk(doc.resources);
}

describe('every incoming_xml of the import matrix', () => {
  it('has the recorded number of cases', () => {
    expect(matrix.length).toBe(263);
  });

  it.each(matrix.map((c) => [c.id, c.incoming_xml] as const))('%s round-trips', (id, xml) => {
    const refusal = MATRIX_REFUSED[id];
    if (refusal !== undefined) expect(codeOf(() => decodeS3Xml(xml))).toBe(refusal);
    else roundTrip(xml);
  });
});

describe('03-pull-full/01-pull-org_organisation', () => {
  const doc = decodeS3Xml(fixtureText('03-pull-full/01-pull-org_organisation.response.xml'));
  const alpha = doc.resources[0];

  it('keeps root attributes raw and in order', () => {
    expect(Object.entries(doc.attributes)).toEqual([
      ['success', 'true'],
      ['results', '4'],
      ['domain', 'vm'],
      ['url', 'http://127.0.0.1:8000/eden'],
    ]);
    expect(doc.resources.map((r) => r.name)).toEqual(Array(4).fill('org_organisation'));
  });

  it('keeps resource attributes in document order, name apart', () => {
    expect(alpha?.name).toBe('org_organisation');
    expect(Object.keys(alpha?.attributes ?? {})).toEqual([
      'uuid', 'mci', 'created_on', 'modified_on', 'url', 'created_by', 'modified_by', 'owned_by_user',
    ]);
    expect(alpha?.attributes['mci']).toBe('3');
    expect(readResourceMeta(alpha!)).toMatchObject({
      uuid: 'urn:uuid:0a000000-0000-4000-8000-000000000001',
      mci: 3,
      deleted: false,
      modified_on: '2026-11-29T22:05:54',
      created_by: 'admin@example.com',
      owned_by_group: null,
    });
  });

  it('separates value and text', () => {
    expect(alpha?.data.map((d) => [d.field, d.value, d.text])).toEqual([
      ['name', null, 'Alpha Relief Agency'],
      ['acronym', '"ARA"', 'ARA'],
      ['website', '"http://alpha.example.org"', 'http://alpha.example.org'],
      ['comments', '"Seeded via CRUD POST"', 'Seeded via CRUD POST'],
    ]);
    expect(alpha?.data.map(dataValue)).toEqual(['Alpha Relief Agency', 'ARA', 'http://alpha.example.org', 'Seeded via CRUD POST']);
  });

  it('nests org_site, org_office and pr_role as components', () => {
    expect(alpha?.components.map((c) => c.name)).toEqual(['org_site', 'org_office', 'pr_role']);
    const site = alpha?.components[0];
    expect(site?.data.map((d) => [d.field, dataValue(d)])).toEqual([
      ['site_id', 1], ['instance_type', 'org_office'], ['code', 'ALPHHQ9DWW'], ['name', 'Alpha HQ'], ['obsolete', false],
    ]);
    const phone = alpha?.components[1]?.data.find((d) => d.field === 'phone1');
    expect(phone).toEqual({ field: 'phone1', value: '"+1 555 0101"', text: '\u200E+1 555 0101', attributes: {} });
    expect(dataValue(phone!)).toBe('+1 555 0101');
  });

  it('reads references by uuid with their representation', () => {
    expect(alpha?.references).toEqual([
      {
        field: 'root_organisation', resource: 'org_organisation', uuid: 'urn:uuid:0a000000-0000-4000-8000-000000000001',
        tuid: null, text: 'Alpha Relief Agency', attributes: {}, inline: null,
      },
    ]);
    expect(referenceUuids(alpha!.references[0]!)).toEqual(['urn:uuid:0a000000-0000-4000-8000-000000000001']);
  });
});

describe('08-push request bodies', () => {
  it('01: pretty-printed body, Z times, a nested office, whitespace between elements ignored', () => {
    const doc = decodeS3Xml(fixtureText('08-push/01-push-create-POST.request.xml'));
    expect(doc.attributes).toEqual({});
    expect(doc.resources.map((r) => r.attributes['uuid'])).toEqual([
      'urn:uuid:0a000000-0000-4000-8000-000000000005',
      'urn:uuid:0a000000-0000-4000-8000-000000000006',
      'urn:uuid:0a000000-0000-4000-8000-000000000007',
    ]);
    expect(doc.resources[0]?.attributes['modified_on']).toBe('2026-11-29T22:06:09Z');
    expect(doc.resources[0]?.data.map((d) => d.text)).toEqual(['Epsilon Food Bank', 'EFB']);
    expect(doc.resources[0]?.components[0]?.name).toBe('org_office');
  });

  it('05: a tombstone', () => {
    const doc = decodeS3Xml(fixtureText('08-push/05-push-delete.request.xml'));
    const meta = doc.resources.map(readResourceMeta);
    expect(meta.some((m) => m.deleted)).toBe(true);
  });

  it('08: a reference written before the data', () => {
    const office = decodeS3Xml(fixtureText('08-push/08-push-org_office-with-reference.request.xml')).resources[0];
    expect(office?.references[0]).toMatchObject({ field: 'organisation_id', resource: 'org_organisation', text: null });
    expect(office?.data[0]).toEqual({ field: 'name', value: null, text: 'Epsilon Distribution Point', attributes: {} });
  });

  it('13: the empty document', () => {
    expect(decodeS3Xml(fixtureText('08-push/13-push-empty-s3xml.request.xml'))).toEqual({ attributes: {}, resources: [] });
  });

  it('encodes a request body in the shape Eden accepted', () => {
    const doc = decodeS3Xml(fixtureText('08-push/08-push-org_office-with-reference.request.xml'));
    expect(encodeS3Xml(doc)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<s3xml><resource name="org_office" uuid="urn:uuid:0b000000-0000-4000-8000-000000000006" ' +
        'modified_on="2026-11-29T22:06:13" mci="1"><data field="name">Epsilon Distribution Point</data>' +
        '<reference field="organisation_id" resource="org_organisation" uuid="urn:uuid:0a000000-0000-4000-8000-000000000005"/>' +
        '</resource></s3xml>',
    );
  });
});

describe('truncation of a real fixture', () => {
  const text = fixtureText('03-pull-full/01-pull-org_organisation.response.xml');
  const end = text.lastIndexOf('</s3xml>') + '</s3xml>'.length;

  it('refuses every cut, never returning a partial model', () => {
    const cuts = new Set<number>();
    for (let at = 0; at < end; at += 37) cuts.add(at);
    for (let at = end - 12; at < end; at += 1) cuts.add(at);
    for (const tag of ['</resource>', '</data>', '">', '&quot;']) {
      for (let at = text.indexOf(tag); at !== -1; at = text.indexOf(tag, at + 1)) cuts.add(at + tag.length);
    }
    expect(cuts.size).toBeGreaterThan(200);
    for (const at of cuts) {
      expect([at, codeOf(() => decodeS3Xml(text.slice(0, at)))]).not.toEqual([at, 'accepted']);
    }
  });
});
