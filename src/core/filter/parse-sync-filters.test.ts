import { describe, expect, it } from 'vitest';
import { formatSyncFilters } from './format-sync-filters.js';
import { parseFilterKey } from './parse-filter-key.js';
import { parseFilterValue } from './parse-filter-value.js';
import { parseSyncFilterQuery, parseSyncFilters } from './parse-sync-filters.js';

describe('parseFilterKey', () => {
  it('reads selector, operator and negation', () => {
    expect(parseFilterKey('~.name__like')).toEqual({ paths: ['~.name'], op: 'like', negate: false });
    expect(parseFilterKey('~.acronym')).toEqual({ paths: ['~.acronym'], op: 'eq', negate: false });
    expect(parseFilterKey('~.acronym__ne!')).toEqual({ paths: ['~.acronym'], op: 'ne', negate: true });
    expect(parseFilterKey('~.acronym!')).toEqual({ paths: ['~.acronym'], op: 'eq', negate: true });
    expect(parseFilterKey('~.first_name__belongs')).toEqual({ paths: ['~.first_name'], op: 'belongs', negate: false });
    expect(parseFilterKey('~.name|~.acronym__like')).toEqual({ paths: ['~.name', '~.acronym'], op: 'like', negate: false });
  });
  it('ignores keys without a dot and unknown operators', () => {
    expect(parseFilterKey('acronym')).toBeNull();
    expect(parseFilterKey('~.name__bogus')).toBeNull();
    expect(parseFilterKey('_private.x')).toBeNull();
  });
});

describe('parseFilterValue', () => {
  it('splits on commas outside quotes, NONE is null', () => {
    expect(parseFilterValue('a,b')).toEqual(['a', 'b']);
    expect(parseFilterValue('"a,b",c')).toEqual(['a,b', 'c']);
    expect(parseFilterValue('NONE')).toEqual([null]);
    expect(parseFilterValue('None,x')).toEqual([null, 'x']);
    expect(parseFilterValue('"NONE"')).toEqual(['NONE']);
    expect(parseFilterValue('')).toEqual(['']);
    expect(parseFilterValue('"say \\"hi\\""')).toEqual(['say "hi"']);
  });
});

describe('parseSyncFilterQuery / parseSyncFilters', () => {
  it('reads the bracketed pairs of a URL query, encoded or not, and drops unbracketed keys', () => {
    const query = '?resource=org_organisation&%5B~%5D~.name__like=Beta%2A&[org_office]~.name__like=*North&~.acronym=ARA';
    expect(parseSyncFilterQuery(query)).toEqual([
      { table: '~', selector: '~.name__like', value: 'Beta*' },
      { table: 'org_office', selector: '~.name__like', value: '*North' },
    ]);
  });
  it('maps ~ and empty tables to the resource and ANDs repeated keys', () => {
    const parsed = parseSyncFilters(
      [
        { table: '~', selector: '~.name__like', value: 'B*' },
        { table: '', selector: '~.name__like', value: '*s' },
        { table: 'org_office', selector: '~.name', value: 'x,y' },
        { table: '~', selector: 'nodot', value: 'x' },
      ],
      'org_organisation',
    );
    expect(parsed).toEqual({
      org_organisation: [
        { paths: ['~.name'], op: 'like', negate: false, values: ['B*'] },
        { paths: ['~.name'], op: 'like', negate: false, values: ['*s'] },
      ],
      org_office: [{ paths: ['~.name'], op: 'eq', negate: false, values: ['x', 'y'] }],
    });
  });
});

describe('formatSyncFilters', () => {
  it('writes [T]selector keys with ~ for the pulled resource, values unencoded', () => {
    expect(
      formatSyncFilters(
        [
          { table: 'org_organisation', selector: '~.name__like', value: 'Beta*' },
          { table: 'org_office', selector: '~.name__like', value: '*North' },
          { table: '', selector: '~.acronym', value: 'ARA' },
        ],
        'org_organisation',
      ),
    ).toEqual([
      ['[~]~.name__like', 'Beta*'],
      ['[org_office]~.name__like', '*North'],
      ['[~]~.acronym', 'ARA'],
    ]);
  });
  it('round-trips through the query parser', () => {
    const filters = [{ table: 'org_office', selector: '~.name__like', value: 'a&b=c,"d"' }];
    const query = formatSyncFilters(filters)
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    expect(parseSyncFilterQuery(query)).toEqual(filters);
  });
});
