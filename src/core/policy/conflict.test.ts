import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../model/record.js';
import { isConflict } from './conflict-detection.js';
import type { ConflictItem } from './conflict-item.js';
import { defaultResolver } from './default-resolver.js';

describe('isConflict (spec 4.8)', () => {
  it('needs last_sync and both sides modified at or after it', () => {
    expect(isConflict(10, 20, null)).toBe(false);
    expect(isConflict(10, 20, 5)).toBe(true);
    expect(isConflict(10, 20, 10)).toBe(true);
    expect(isConflict(10, 20, 20)).toBe(false);
    expect(isConflict(30, 20, 25)).toBe(false);
    expect(isConflict(null, 20, 5)).toBe(true);
  });
});

const local = (mci: number): LocalRecord => ({
  table: 't', uuid: 'u', fields: {}, references: {}, mci, created_on: null, modified_on: null,
  created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null, deleted: false, replaced_by: null, parent: null,
});
const item = (localMtime: number | null, mtime: number, localMci: number, mci: number): ConflictItem => ({
  table: 't', uuid: 'u', method: 'update', local: local(localMci), localMtime,
  incoming: { fields: {}, mtime, mci, deleted: false, replacedBy: null },
});

describe('defaultResolver (spec 4.9)', () => {
  it('OTHER accepts, THIS / null / unknown refuse', () => {
    expect(defaultResolver('OTHER')(item(1, 0, 2, 2))).toBe(true);
    expect(defaultResolver('THIS')(item(0, 1, 2, 1))).toBe(false);
    expect(defaultResolver(null)(item(0, 1, 2, 1))).toBe(false);
    expect(defaultResolver('other')(item(0, 1, 2, 1))).toBe(false);
  });
  it('NEWER accepts when local <= incoming, and when the local mtime is missing (decision 0006)', () => {
    expect(defaultResolver('NEWER')(item(1, 1, 2, 2))).toBe(true);
    expect(defaultResolver('NEWER')(item(2, 1, 2, 2))).toBe(false);
    expect(defaultResolver('NEWER')(item(null, 1, 2, 2))).toBe(true);
  });
  it('MASTER accepts only from the master onto a non-master copy (decision 0005)', () => {
    expect(defaultResolver('MASTER')(item(0, 1, 2, 1))).toBe(true);
    expect(defaultResolver('MASTER')(item(0, 1, 0, 1))).toBe(false);
    expect(defaultResolver('MASTER')(item(0, 1, 0, 2))).toBe(false);
    expect(defaultResolver('MASTER')(item(0, 1, 2, 2))).toBe(false);
  });
});
