/** Test records for the send suites: a small org/office/location graph in Eden's shapes. */
import type { LocalRecord, RecordReference } from '../../src/core/model/record.js';
import { peerRecord } from '../../src/adapters/db/test-store.js';

export function record(table: string, uuid: string, extra: Partial<LocalRecord> = {}): LocalRecord {
  const admin = 'admin@example.com';
  return peerRecord(table, uuid, {
    fields: {},
    mci: 2,
    created_on: '2026-11-29T22:05:54',
    modified_on: '2026-11-29T22:05:54',
    created_by: admin,
    modified_by: admin,
    owned_by_user: admin,
    ...extra,
  });
}

export function ref(table: string, ...uuids: string[]): RecordReference {
  return { table, uuids, multiple: false };
}

export function componentOf(master: LocalRecord, table: string, uuid: string, extra: Partial<LocalRecord> = {}): LocalRecord {
  return record(table, uuid, { parent: { table: master.table, uuid: master.uuid, alias: null }, ...extra });
}

export const ORG = 'org_organisation';
export const OFFICE = 'org_office';

/** Alpha (one office, a site row), Beta (offices North and South), Gamma (deleted), Delta (one office, later change). */
export function orgGraph(): LocalRecord[] {
  const alpha = record(ORG, 'urn:uuid:a', { fields: { name: 'Alpha Relief Agency', acronym: 'ARA' } });
  const beta = record(ORG, 'urn:uuid:b', { fields: { name: 'Beta Medical Corps', acronym: 'BMC' } });
  const gamma = record(ORG, 'urn:uuid:g', { deleted: true, modified_on: '2026-11-29T22:06:02', fields: { name: 'Gamma Water Trust' } });
  const delta = record(ORG, 'urn:uuid:d', {
    fields: { name: 'Delta Shelter Network', acronym: 'DSN' },
    modified_on: '2026-11-29T22:06:01',
  });
  return [
    alpha,
    componentOf(alpha, 'org_site', 'urn:uuid:s-a', { modified_on: null, created_on: null, fields: { name: 'Alpha HQ' } }),
    componentOf(alpha, OFFICE, 'urn:uuid:o-a', {
      fields: { name: 'Alpha HQ', obsolete: false },
      references: { location_id: ref('gis_location', 'urn:uuid:loc-berlin') },
    }),
    beta,
    componentOf(beta, OFFICE, 'urn:uuid:o-bn', { fields: { name: 'Beta Field Office North' } }),
    componentOf(beta, OFFICE, 'urn:uuid:o-bs', { fields: { name: 'Beta Field Office South' } }),
    gamma,
    delta,
    componentOf(delta, OFFICE, 'urn:uuid:o-d', { fields: { name: 'Delta Depot' } }),
    record('gis_location', 'urn:uuid:loc-berlin', {
      fields: { name: 'Berlin', lat: 52.52 },
      references: { parent: ref('gis_location', 'urn:uuid:loc-de') },
    }),
    record('gis_location', 'urn:uuid:loc-de', { fields: { name: 'Germany' } }),
  ];
}
