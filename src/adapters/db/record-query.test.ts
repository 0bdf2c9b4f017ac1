import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../core/model/record.js';
import type { RecordQuery } from '../../ports/local-store.js';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { descendingKey } from './record-row.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const TABLE = 'org_office';
let t: TestStore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.store.close();
});

/** mulberry32: a deterministic random source. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const hour = (h: number): string => `2024-03-01T${String(h).padStart(2, '0')}:00:00`;

/** Records in insertion order: deleted ones, components, equal and missing modified_on, another table between. */
function seedRecords(count: number, next: () => number): LocalRecord[] {
  const records: LocalRecord[] = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    records.push(
      peerRecord(i % 7 === 3 ? 'org_facility' : TABLE, `r${i}`, {
        modified_on: roll < 0.1 ? null : hour(Math.floor(next() * 12)),
        deleted: next() < 0.2,
        parent: next() < 0.3 ? { table: 'org_organisation', uuid: `m${i % 5}`, alias: null } : null,
      }),
    );
  }
  return records;
}

/** The naive selection: filter the records in insertion order, newest first (later insertion first on ties) with msince. */
function expected(all: readonly LocalRecord[], query: RecordQuery): string[] {
  const msince = query.msince ?? '';
  let selected = all
    .map((record, seq) => ({ record, seq }))
    .filter(({ record }) => record.table === TABLE)
    .filter(({ record }) => query.includeDeleted === true || !record.deleted)
    .filter(({ record }) => query.mastersOnly !== true || record.parent === null);
  if (msince !== '') {
    selected = selected
      .filter(({ record }) => record.modified_on !== null && record.modified_on >= msince)
      .sort((a, b) => ((a.record.modified_on ?? '') === (b.record.modified_on ?? '') ? b.seq - a.seq : (a.record.modified_on ?? '') < (b.record.modified_on ?? '') ? 1 : -1));
  }
  const start = query.start ?? 0;
  const rows = selected.slice(start, query.limit === undefined ? undefined : start + query.limit);
  return rows.map(({ record }) => record.uuid);
}

const uuids = (records: readonly LocalRecord[]): string[] => records.map((r) => r.uuid);

const SHAPES: RecordQuery[] = [];
for (const includeDeleted of [true, false]) {
  for (const mastersOnly of [false, true]) {
    for (const msince of [null, hour(4), hour(11), hour(12)]) SHAPES.push({ includeDeleted, mastersOnly, msince });
  }
}

describe('queryRecords paging', () => {
  it('equals offset paging for sequential, repeated and random pages of every query shape', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('paging'));
    const next = random(7);
    const all = seedRecords(260, next);
    await t.store.write((tx) => tx.putRecords(all));
    for (const shape of SHAPES) {
      // Sequential pages of varying size, the last one asked twice, then past the end.
      let start = 0;
      for (;;) {
        const limit = 1 + Math.floor(next() * 40);
        const page = uuids(await t.store.queryRecords(TABLE, { ...shape, start, limit }));
        expect(page, JSON.stringify({ shape, start, limit })).toEqual(expected(all, { ...shape, start, limit }));
        if (page.length < limit) {
          expect(uuids(await t.store.queryRecords(TABLE, { ...shape, start, limit }))).toEqual(page);
          expect(await t.store.queryRecords(TABLE, { ...shape, start: start + page.length + 3, limit })).toEqual([]);
          break;
        }
        start += page.length;
      }
      // Random access, with and without limit.
      for (let i = 0; i < 12; i++) {
        const query = { ...shape, start: Math.floor(next() * 200), ...(next() < 0.8 ? { limit: 1 + Math.floor(next() * 60) } : {}) };
        expect(uuids(await t.store.queryRecords(TABLE, query)), JSON.stringify(query)).toEqual(expected(all, query));
      }
      expect(uuids(await t.store.queryRecords(TABLE, shape))).toEqual(expected(all, shape));
      expect(await t.store.countRecords(TABLE, { ...shape, start: 5, limit: 2 })).toBe(expected(all, shape).length);
    }
  });

  it('continues a sequential page from the last key instead of walking the index from the start', async () => {
    const { IDBIndex } = testIDBClasses();
    const walks = vi.spyOn(IDBIndex.prototype, 'getAllKeys');
    t = await openStore(testIndexedDB(), uniqueDbName('paging'));
    await t.store.write((tx) => tx.putRecords(Array.from({ length: 50 }, (_, i) => peerRecord(TABLE, `p${i}`))));
    const query = { includeDeleted: true };
    const pages: string[] = [];
    for (let start = 0; start < 50; start += 10) pages.push(...uuids(await t.store.queryRecords(TABLE, { ...query, start, limit: 10 })));
    expect(pages).toEqual(Array.from({ length: 50 }, (_, i) => `p${i}`));
    expect(walks).not.toHaveBeenCalled();
    // A start no page ended at is found by walking primary keys.
    expect(uuids(await t.store.queryRecords(TABLE, { ...query, start: 25, limit: 2 }))).toEqual(['p25', 'p26']);
    expect(walks).toHaveBeenCalledTimes(1);
  });

  it('forgets continuations after any write to the records, whoever makes it', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('paging'));
    const next = random(11);
    let all = seedRecords(80, next).map((r) => ({ ...r, table: TABLE }));
    await t.store.write((tx) => tx.putRecords(all));
    const replace = (record: LocalRecord): void => {
      all = all.map((r) => (r.uuid === record.uuid ? record : r));
    };
    const writes: (() => Promise<void>)[] = [
      // A local edit moves a record to the top of the msince order.
      async () => replace(await t.store.saveLocal(TABLE, { uuid: 'r50', fields: { name: 'x' } })),
      // A local delete takes it out of the live selection.
      async () => {
        await t.store.removeLocal(TABLE, 'r2');
        const record = await t.store.get(TABLE, 'r2');
        if (record) replace(record);
      },
      // A peer record: new at the end, and one updated to be a component.
      async () => {
        const added = peerRecord(TABLE, 'new', { modified_on: hour(20) });
        const moved = { ...(all[1] as LocalRecord), parent: { table: 'org_organisation', uuid: 'm1', alias: null }, modified_on: hour(21) };
        await t.store.write((tx) => tx.putRecords([added, moved]));
        all = [...all, added];
        replace(moved);
      },
    ];
    for (const write of writes) {
      for (const shape of SHAPES) {
        const first = await t.store.queryRecords(TABLE, { ...shape, start: 0, limit: 7 });
        expect(uuids(first)).toEqual(expected(all, { ...shape, start: 0, limit: 7 }));
      }
      await write();
      for (const shape of SHAPES) {
        const query = { ...shape, start: 7, limit: 7 };
        expect(uuids(await t.store.queryRecords(TABLE, query)), JSON.stringify(query)).toEqual(expected(all, query));
      }
    }
  });

  it('does not keep continuations from a write transaction that rolls back', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('paging'));
    const base = Array.from({ length: 30 }, (_, i) => peerRecord(TABLE, `p${i}`));
    await t.store.write((tx) => tx.putRecords(base));
    const query = { includeDeleted: true, limit: 5 };
    // Inside the write, a new record is first; the write then fails.
    const failed = t.store.write(async (tx) => {
      await tx.putRecords(base.slice(0, 10).map((r) => ({ ...r, deleted: true })));
      expect(uuids(await tx.queryRecords(TABLE, { ...query, includeDeleted: false, start: 0 }))).toEqual(['p10', 'p11', 'p12', 'p13', 'p14']);
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    // Another write commits with the same count of writes as the rolled-back one.
    await t.store.write((tx) => tx.putRecords([{ ...(base[0] as LocalRecord), deleted: true }]));
    expect(uuids(await t.store.queryRecords(TABLE, { ...query, includeDeleted: false, start: 5 }))).toEqual(['p6', 'p7', 'p8', 'p9', 'p10']);
  });
});

describe('descendingKey', () => {
  it('orders strings in reverse, prefixes included', () => {
    const next = random(3);
    const words = Array.from({ length: 300 }, () => Array.from({ length: Math.floor(next() * 5) }, () => 'ab0:T-'[Math.floor(next() * 6)]).join(''));
    words.push('2024-01-01T00:00:00', '2024-01-01T00:00', '2024-01-01T00:00:001', '\u00e9', '\u4e00');
    for (const a of words) {
      for (const b of words.slice(0, 60)) {
        const reversed = a < b ? 1 : a > b ? -1 : 0;
        const ka = descendingKey(a);
        const kb = descendingKey(b);
        expect(ka < kb ? -1 : ka > kb ? 1 : 0, `${a} vs ${b}`).toBe(reversed);
      }
    }
  });
});
