import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../model/record.js';
import { matchesFilters, matchesMasterComponentFilters } from './match-filters.js';
import { parseSyncFilters } from './parse-sync-filters.js';

function rec(table: string, uuid: string, fields: LocalRecord['fields'], extra: Partial<LocalRecord> = {}): LocalRecord {
  return {
    table,
    uuid,
    fields,
    references: {},
    mci: 0,
    created_on: null,
    modified_on: '2024-01-01T00:00:00',
    created_by: null,
    modified_by: null,
    owned_by_user: null,
    owned_by_group: null,
    deleted: false,
    replaced_by: null,
    parent: null,
    ...extra,
  };
}

const ORG = 'org_organisation';
function matches(query: string, record: LocalRecord, components?: LocalRecord[]): boolean {
  return matchesFilters(record, parseSyncFilters(query, ORG)[record.table], components);
}

describe('matchesFilters', () => {
  const beta = rec(ORG, 'b', { name: 'Beta Medical Corps', acronym: 'BMC', size: 5, active: true });
  const alpha = rec(ORG, 'a', { name: 'Alpha Relief Agency', acronym: 'ARA' });

  it('like is case-insensitive with * and ?, anchored at both ends', () => {
    expect(matches('[~]~.name__like=Beta*', beta)).toBe(true);
    expect(matches('[~]~.name__like=beta*', beta)).toBe(true);
    expect(matches('[~]~.name__like=Beta*', alpha)).toBe(false);
    expect(matches('[~]~.name__like=*corps', beta)).toBe(true);
    expect(matches('[~]~.name__like=Beta', beta)).toBe(false);
    expect(matches('[~]~.acronym__like=B?C', beta)).toBe(true);
    expect(matches('[~]~.acronym__like=B_C', beta)).toBe(false);
    expect(matches('[~]~.name__like=Gamma*,Beta*', beta)).toBe(true);
  });

  it('eq, ne, lists, negation and the table alias', () => {
    expect(matches('[~]~.acronym=ARA', alpha)).toBe(true);
    expect(matches('[~]~.acronym=ARA', beta)).toBe(false);
    expect(matches('[~]organisation.acronym=ARA', alpha)).toBe(true);
    expect(matches('[~]~.acronym=ARA,BMC', beta)).toBe(true);
    expect(matches('[~]~.acronym__ne=ARA,BMC', beta)).toBe(false);
    expect(matches('[~]~.acronym!=ARA', beta)).toBe(true);
    expect(matches('[~]~.acronym!=ARA', alpha)).toBe(false);
    expect(matches('[~]~.acronym__belongs=A*', alpha)).toBe(true);
  });

  it('NONE, and SQL NULL semantics for missing fields', () => {
    expect(matches('[~]~.website=NONE', alpha)).toBe(true);
    expect(matches('[~]~.website__ne=NONE', alpha)).toBe(false);
    expect(matches('[~]~.website__ne=x', alpha)).toBe(false);
    expect(matches('[~]~.website!=x', alpha)).toBe(false);
  });

  it('numbers, booleans and ranges; contains and anyof', () => {
    expect(matches('[~]~.size=5', beta)).toBe(true);
    expect(matches('[~]~.size__gt=4', beta)).toBe(true);
    expect(matches('[~]~.size__lt=5', beta)).toBe(false);
    expect(matches('[~]~.active=True', beta)).toBe(true);
    expect(matches('[~]~.modified_on__ge=2023-12-31T00:00:00', beta)).toBe(true);
    const tagged = rec(ORG, 't', { tags: ['x', 'y'] });
    expect(matches('[~]~.tags__contains=x,y', tagged)).toBe(true);
    expect(matches('[~]~.tags__contains=x,z', tagged)).toBe(false);
    expect(matches('[~]~.tags__anyof=x,z', tagged)).toBe(true);
    expect(matches('[~]~.name__contains=medical', beta)).toBe(true);
  });

  it('ORs |-selectors, ANDs expressions, and ignores what it cannot evaluate', () => {
    expect(matches('[~]~.name|~.acronym__like=ARA', alpha)).toBe(true);
    expect(matches('[~]~.acronym=ARA&[~]~.name__like=Beta*', alpha)).toBe(false);
    expect(matches('[~]~.organisation_id$name=x', alpha)).toBe(true);
    expect(matches('[~]office.name=x', alpha)).toBe(true);
  });

  it('component-alias selectors need a matching component (Eden joins the component)', () => {
    const link = { table: ORG, uuid: 'a', alias: null };
    const north = rec('org_office', 'o1', { name: 'Field Office North' }, { parent: link });
    const south = rec('org_office', 'o2', { name: 'Field Office South' }, { parent: link });
    expect(matches('[~]office.name__like=*North', alpha, [north, south])).toBe(true);
    expect(matches('[~]office.name__like=*East', alpha, [north, south])).toBe(false);
    expect(matches('[~]office.name__like=*North', alpha, [])).toBe(false);
    const expressions = parseSyncFilters('[~]office.name__like=*North', ORG)[ORG];
    expect(matchesMasterComponentFilters(north, ORG, expressions)).toBe(true);
    expect(matchesMasterComponentFilters(south, ORG, expressions)).toBe(false);
    const role = rec('pr_role', 'r', { role: 'Sites' }, { parent: link });
    expect(matchesMasterComponentFilters(role, ORG, expressions)).toBe(true);
  });
});
