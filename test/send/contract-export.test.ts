/**
 * Contract: what we export after importing a real Eden pull has the shape of Eden's own export
 * (same resources in the same places, same attributes, same data values by the reader rule,
 * same references). Known differences, by design: no `url` attributes (we hold no record URLs),
 * `mci` is the stored mci + 1 (Eden's rule, so one more than the mci we imported), and an `mci` on
 * tables that have none in Eden. Super-entity components (`org_site`) are skipped by the importer
 * (spec 3.5, as Eden's own importer does), so they are not in the store and not compared.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataValue } from '../../src/core/s3xml/data-value.js';
import { decodeS3Xml } from '../../src/core/s3xml/decode-s3xml.js';
import type { S3XmlResource } from '../../src/core/s3xml/types.js';
import { receive } from '../../src/engine/receive/receive.js';
import { send } from '../../src/engine/send/send.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { fixtureText } from '../support/fixtures.js';
import { openSendStore, type ManualClock } from './open-store.js';

/** Super-entity tables Eden exports as components and every importer skips (spec 3.5). */
const SUPER_ENTITIES = new Set(['org_site', 'pr_pentity', 'doc_entity']);

let store: LocalStore;
let clock: ManualClock;

beforeEach(async () => {
  ({ store, clock } = await openSendStore('send-contract'));
});
afterEach(() => store.close());

async function importFixture(path: string, resource: string): Promise<void> {
  const outcome = await receive({ store, clock }, fixtureText(path), resource, { updatePolicy: 'OTHER', strategy: null });
  expect(outcome.status, outcome.message ?? '').toBe('success');
}

function expectSameShape(ours: S3XmlResource | undefined, eden: S3XmlResource, where: string): void {
  expect(ours, where).toBeDefined();
  if (ours === undefined) return;
  expect(ours.name, where).toBe(eden.name);
  const edenNames = Object.keys(eden.attributes).filter((name) => name !== 'url');
  const ourNames = Object.keys(ours.attributes).filter((name) => edenNames.includes('mci') || name !== 'mci');
  expect(ourNames, where).toEqual(edenNames);
  for (const name of edenNames) {
    const edenValue = eden.attributes[name] ?? '';
    const expected = name === 'mci' ? String(Number(edenValue) + 1) : edenValue;
    expect(ours.attributes[name], `${where} @${name}`).toBe(expected);
  }
  expect(ours.data.map((d) => d.field), where).toEqual(eden.data.map((d) => d.field));
  ours.data.forEach((data, index) => {
    const edenData = eden.data[index];
    if (edenData === undefined) return;
    const value = dataValue(edenData);
    expect(dataValue(data), `${where} ${data.field}`).toEqual(value);
    expect(data.value !== null, `${where} ${data.field} has value attribute`).toBe(typeof value !== 'string');
  });
  expect(ours.references.map((r) => [r.field, r.resource, r.uuid]), where).toEqual(
    eden.references.map((r) => [r.field, r.resource, r.uuid]),
  );
  const edenComponents = eden.components.filter((component) => !SUPER_ENTITIES.has(component.name));
  expect(ours.components.length, `${where} components`).toBe(edenComponents.length);
  edenComponents.forEach((component, index) =>
    expectSameShape(ours.components[index], component, `${where} > ${component.name} ${component.attributes['uuid'] ?? ''}`),
  );
}

async function expectExportLike(path: string, resource: string, options: Parameters<typeof send>[2] = {}): Promise<void> {
  const eden = decodeS3Xml(fixtureText(path));
  const outcome = await send({ store }, resource, { domain: 'vm', url: 'http://127.0.0.1:8000/eden', ...options });
  const ours = decodeS3Xml(outcome.response ?? '');
  expect(ours.attributes).toEqual(eden.attributes);
  expect(ours.resources.map((r) => `${r.name} ${r.attributes['uuid'] ?? ''}`)).toEqual(
    eden.resources.map((r) => `${r.name} ${r.attributes['uuid'] ?? ''}`),
  );
  eden.resources.forEach((resourceElement, index) =>
    expectSameShape(ours.resources[index], resourceElement, `${resourceElement.name} ${resourceElement.attributes['uuid'] ?? ''}`),
  );
}

describe('export contract against Eden recordings', () => {
  it('re-exports 03-pull-full/01 (organisations with components) in Eden shape', async () => {
    await importFixture('03-pull-full/01-pull-org_organisation.response.xml', 'org_organisation');
    await expectExportLike('03-pull-full/01-pull-org_organisation.response.xml', 'org_organisation');
  });

  it('re-exports 03-pull-full/03 (persons with components) in Eden shape', async () => {
    await importFixture('03-pull-full/03-pull-pr_person.response.xml', 'pr_person');
    await expectExportLike('03-pull-full/03-pull-pr_person.response.xml', 'pr_person');
  });

  it('re-exports 03-pull-full/02 (offices with their organisations as dependencies) in Eden shape', async () => {
    await importFixture('03-pull-full/02-pull-org_office.response.xml', 'org_office');
    await expectExportLike('03-pull-full/02-pull-org_office.response.xml', 'org_office');
  });

  it('answers the msince pull of 05-pull-msince/01 as Eden did (tombstone first, msince-filtered components)', async () => {
    await importFixture('03-pull-full/01-pull-org_organisation.response.xml', 'org_organisation');
    // The import stamps a deletion with the local clock (as Eden does): receive it when Eden deleted Gamma.
    clock.time = Date.UTC(2026, 10, 29, 22, 6, 2);
    await importFixture('05-pull-msince/01-pull-org_organisation-msince.response.xml', 'org_organisation');
    await expectExportLike('05-pull-msince/01-pull-org_organisation-msince.response.xml', 'org_organisation', {
      msince: '2026-11-29T22:05:59',
    });
  });

  it('answers the filtered pulls of 06-pull-url-filter as Eden did', async () => {
    await importFixture('03-pull-full/01-pull-org_organisation.response.xml', 'org_organisation');
    clock.time = Date.UTC(2026, 10, 29, 22, 6, 2);
    await importFixture('05-pull-msince/01-pull-org_organisation-msince.response.xml', 'org_organisation');
    await expectExportLike('06-pull-url-filter/01-filter-master-name-like.response.xml', 'org_organisation', {
      filters: '%5B~%5D~.name__like=Beta%2A',
    });
    await expectExportLike('06-pull-url-filter/02-filter-master-acronym-eq.response.xml', 'org_organisation', {
      filters: '%5B~%5D~.acronym=ARA',
    });
    await expectExportLike('06-pull-url-filter/03-filter-component-office-name.response.xml', 'org_organisation', {
      filters: '%5Borg_office%5D~.name__like=%2ANorth',
    });
  });
});
