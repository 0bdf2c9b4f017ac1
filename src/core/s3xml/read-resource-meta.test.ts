import { describe, expect, it } from 'vitest';
import { readResourceMeta } from './read-resource-meta.js';
import type { S3XmlResource } from './types.js';

const res = (attributes: Record<string, string>): S3XmlResource => ({ name: 't', attributes, data: [], references: [], components: [] });

describe('readResourceMeta', () => {
  it('reads every meta attribute', () => {
    expect(
      readResourceMeta(
        res({
          uuid: 'u', tuid: 't1', alias: 'branch', mci: '3', deleted: 'True', replaced_by: 'v', created_on: '2024-01-01T00:00:00',
          modified_on: '2024-01-02T00:00:00', created_by: 'a@x', modified_by: 'b@x', owned_by_user: 'c@x', owned_by_group: 'Admins',
        }),
      ),
    ).toEqual({
      uuid: 'u', tuid: 't1', alias: 'branch', mci: 3, deleted: true, replaced_by: 'v', created_on: '2024-01-01T00:00:00',
      modified_on: '2024-01-02T00:00:00', created_by: 'a@x', modified_by: 'b@x', owned_by_user: 'c@x', owned_by_group: 'Admins',
    });
  });

  it('gives null for absent attributes and deleted false', () => {
    const meta = readResourceMeta(res({}));
    expect(meta.mci).toBeNull();
    expect(meta.deleted).toBe(false);
    expect(meta.uuid).toBeNull();
  });

  it.each([['true', true], ['TRUE', true], ['True', true], ['False', false], ['1', false], ['yes', false], ['', false]])(
    'deleted=%j -> %s',
    (value, expected) => {
      expect(readResourceMeta(res({ deleted: value })).deleted).toBe(expected);
    },
  );

  it.each([['1', 1], ['007', 7], [' 2 ', 2], ['-1', -1], ['0', 0], ['1_0', 10], ['1.5', null], ['x', null], ['', null]])(
    'mci=%j -> %s',
    (value, expected) => {
      expect(readResourceMeta(res({ mci: value })).mci).toBe(expected);
    },
  );
});
