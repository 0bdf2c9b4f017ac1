/**
 * Contract over every recorded S3XML document (responses and request bodies under
 * fixtures/eden, except the import matrix): decode -> `receive` into a fresh store (resource = the
 * table of the document's first top-level element) -> `send` the same resource -> decode. What
 * went in must come out: every imported master (by uuid), the raw values of its data fields (the
 * reader rule `dataValue`), its references (uuids), its components nested under the same master,
 * tombstones as tombstones; and the import counts `records` as the document's root `results`.
 *
 * A tombstone only applies to a record we hold (spec 4.3: otherwise it is ignored), so the store
 * is first given an old live copy of every record the document deletes; the tombstone must then
 * come back as a tombstone. Expected differences, by the import rules (not by our export): `value=""` is a no-op on import and
 * null is never exported (spec 8.8); an empty `comments` is stored as null (import-matrix finding
 * 12); super-entity components are skipped on import (spec 3.5); records refused with an error
 * (e.g. a missing mandatory name) are not imported. Runs in Node and Chromium.
 */
import { describe, expect, it } from 'vitest';
import { dataValue, decodeS3Xml, referenceUuids, S3XmlError } from '../../src/core/s3xml/index.js';
import type { S3XmlDocument, S3XmlResource } from '../../src/core/s3xml/index.js';
import type { JsonValue } from '../../src/core/model/json.js';
import { openTestStore, peerRecord as peer } from '../../src/adapters/db/test-store.js';
import { receive } from '../../src/engine/receive/receive.js';
import { send } from '../../src/engine/send/send.js';
import { fixturePaths, fixtureText } from '../support/fixtures.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';

/** Super-entity tables Eden nests as components and its importer skips (spec 3.5). */
const SUPER_ENTITIES = new Set(['org_site', 'pr_pentity', 'doc_entity', 'sit_trackable', 'stats_parameter']);
/** Text fields whose empty value is stored as null (finding 12). */
const EMPTY_AS_NULL = new Set(['comments']);

type Decoded = { readonly path: string; readonly doc: S3XmlDocument };

function decodable(path: string): Decoded | null {
  try {
    return { path, doc: decodeS3Xml(fixtureText(path)) };
  } catch (error) {
    if (error instanceof S3XmlError) return null; // refused documents: see s3xml-fixtures.test.ts
    throw error;
  }
}

const ALL = fixturePaths().filter((path) => path.endsWith('.xml') && !path.startsWith('15-import-matrix/'));
const DOCUMENTS = ALL.map(decodable).filter((d): d is Decoded => d !== null && d.doc.resources.length > 0);

/** The expected stored value of one `<data>` (undefined: nothing is stored, so nothing is exported). */
function expectedValue(data: S3XmlResource['data'][number]): JsonValue | undefined {
  if (data.value === '') return undefined;
  const value = dataValue(data);
  if (value === '' && EMPTY_AS_NULL.has(data.field)) return undefined;
  return value;
}

const key = (r: S3XmlResource): string => `${r.name} ${r.attributes['uuid'] ?? ''}`;
const isDeleted = (r: S3XmlResource): boolean => (r.attributes['deleted'] ?? '').toLowerCase() === 'true';

/** Compares one live element with its re-export: data values, references, nested components. */
function compareElement(original: S3XmlResource, ours: S3XmlResource | undefined, where: string, failed: ReadonlySet<string>): void {
  expect(ours, `${where} is re-exported`).toBeDefined();
  if (ours === undefined) return;
  expect(isDeleted(ours), `${where} deleted flag`).toBe(isDeleted(original));
  if (isDeleted(original)) {
    expect(ours.attributes['replaced_by'], `${where} replaced_by`).toBe(original.attributes['replaced_by']);
    expect(ours.data.length + ours.references.length + ours.components.length, `${where} tombstone has no children`).toBe(0);
    return;
  }

  const expectedData = new Map<string, JsonValue>();
  for (const data of original.data) {
    const value = expectedValue(data);
    if (value === undefined) expectedData.delete(data.field);
    else expectedData.set(data.field, value);
  }
  const ourData = new Map(ours.data.map((data) => [data.field, dataValue(data)]));
  expect(Object.fromEntries(ourData), `${where} data`).toEqual(Object.fromEntries(expectedData));

  for (const reference of original.references) {
    const uuids = reference.inline !== null ? [reference.inline.attributes['uuid'] ?? ''] : referenceUuids(reference);
    if (uuids.length === 0) continue; // tuid-only references resolve to generated uuids
    const mine = ours.references.find((r) => r.field === reference.field);
    expect(mine, `${where} reference ${reference.field}`).toBeDefined();
    if (mine === undefined) continue;
    expect(referenceUuids(mine), `${where} reference ${reference.field} uuids`).toEqual(uuids);
    if (reference.resource !== null) expect(mine.resource, `${where} reference ${reference.field} table`).toBe(reference.resource);
  }

  const components = original.components.filter((c) => !SUPER_ENTITIES.has(c.name) && !failed.has(key(c)));
  expect(ours.components.map(key).sort(), `${where} components`).toEqual([...new Set(components.map(key))].sort());
  const last = new Map(components.map((c) => [key(c), c]));
  for (const [k, component] of last) {
    compareElement(component, ours.components.find((c) => key(c) === k), `${where} > ${k}`, failed);
  }
}

describe('every recorded S3XML document survives receive -> send', () => {
  it('finds the documents', () => {
    expect(DOCUMENTS.length).toBeGreaterThan(40);
  });

  it.each(DOCUMENTS.map((d) => [d.path, d] as const))('%s', async (_path, { doc }) => {
    const resource = doc.resources[0]?.name ?? '';
    const { store, clock } = await openTestStore(testIndexedDB(), uniqueDbName('fixtures-contract'));
    try {
      const masters = doc.resources.filter((r) => r.name === resource);
      const deletedHere = masters.filter((m) => isDeleted(m) && m.attributes['uuid'] !== undefined);
      await store.write((tx) =>
        tx.putRecords(deletedHere.map((m) => peer(resource, m.attributes['uuid'] ?? '', { fields: { name: 'live before' }, modified_on: '2000-01-01T00:00:00' }))),
      );
      clock.time = Date.UTC(2030, 0, 1);
      const outcome = await receive({ store, clock }, fixtureText(_path), resource, { updatePolicy: 'OTHER' });
      expect(['success', 'warning']).toContain(outcome.status);
      const failed = new Set(outcome.response.errors.map((e) => `${e.table} ${e.uuid ?? ''}`));

      // Counting: `records` counts the masters without error, as Eden's `results` counts the masters.
      expect(outcome.response.records).toBe(masters.filter((m) => !failed.has(key(m))).length);
      const results = doc.attributes['results'];
      if (results !== undefined) expect(outcome.response.records).toBe(Number(results));

      const sent = await send({ store }, resource, {});
      expect(sent.status).toBe('success');
      const ours = decodeS3Xml(sent.response ?? '');
      const ourMasters = new Map(ours.resources.filter((r) => r.name === resource).map((r) => [key(r), r]));

      // Which masters must come back: the live ones that imported, and tombstones of records we hold.
      const held = new Set<string>(deletedHere.map(key));
      const expected = new Map<string, S3XmlResource>();
      for (const master of masters) {
        const k = key(master);
        if (master.attributes['uuid'] === undefined || failed.has(k)) continue;
        if (isDeleted(master) && !held.has(k)) continue; // spec 4.3: deleted and no original: ignored
        held.add(k);
        expected.set(k, master);
      }
      expect([...ourMasters.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [k, master] of expected) compareElement(master, ourMasters.get(k), k, failed);
      expect(sent.results).toBe(expected.size);
    } finally {
      store.close();
    }
  });
});
