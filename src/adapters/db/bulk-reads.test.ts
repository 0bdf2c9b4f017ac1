import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../core/model/record.js';
import { masterKeyString } from '../../ports/local-store.js';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

let t: TestStore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.store.close();
});

const uuids = (records: readonly LocalRecord[] | undefined): string[] => (records ?? []).map((r) => r.uuid);
const person = (uuid: string) => ({ table: 'pr_person', uuid });
const under = (uuid: string, alias: string | null = null) => ({ parent: { ...person(uuid), alias } });
const refs = (...targets: string[]) => ({ person_id: { table: 'pr_person', uuids: targets, multiple: targets.length > 1 } });

async function seed(): Promise<void> {
  await t.store.write((tx) =>
    tx.putRecords([
      peerRecord('pr_person', 'p1'),
      peerRecord('pr_address', 'a1', under('p1', 'address')),
      peerRecord('pr_contact', 'c1', under('p2')),
      peerRecord('pr_address', 'a2', { ...under('p1', 'address'), deleted: true }),
      peerRecord('pr_contact', 'c2', under('p1')),
      peerRecord('org_office', 'o1', { references: refs('p1', 'p2') }),
      peerRecord('hrm_human_resource', 'h1', { references: refs('p1') }),
    ]),
  );
}

describe('componentsOfMany and referrersOfMany', () => {
  it('give what componentsOf and referrersOf give, for every key asked, in insertion order', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('bulk'));
    await seed();
    const masters = [person('p1'), person('p2'), person('p3'), person('p1')];
    const components = await t.store.componentsOfMany(masters);
    expect([...components.keys()].sort()).toEqual(['pr_person|p1', 'pr_person|p2', 'pr_person|p3']);
    expect(uuids(components.get(masterKeyString(person('p1'))))).toEqual(['a1', 'a2', 'c2']);
    for (const master of masters) expect(components.get(masterKeyString(master))).toEqual(await t.store.componentsOf(master));
    expect(components.get('pr_person|p3')).toEqual([]);
    expect(await t.store.componentsOfMany([])).toEqual(new Map());

    const referrers = await t.store.referrersOfMany(['p1', 'p2', 'nobody']);
    expect(uuids(referrers.get('p1'))).toEqual(['o1', 'h1']);
    expect(uuids(referrers.get('p2'))).toEqual(['o1']);
    expect(referrers.get('nobody')).toEqual([]);
    for (const uuid of ['p1', 'p2']) expect(referrers.get(uuid)).toEqual(await t.store.referrersOf(uuid));
  });

  it('read inside a write, seeing its own writes, in one transaction outside', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('bulk'));
    await seed();
    const seen = await t.store.write(async (tx) => {
      await tx.putRecords([peerRecord('pr_contact', 'c3', under('p2'))]);
      return tx.componentsOfMany([person('p2')]);
    });
    expect(uuids(seen.get('pr_person|p2'))).toEqual(['c1', 'c3']);

    const { IDBDatabase } = testIDBClasses();
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    t.store.close();
    const store = await t.reopen();
    transactions.mockClear();
    const many = await store.componentsOfMany(Array.from({ length: 40 }, (_, i) => person(`p${i}`)));
    expect(uuids(many.get('pr_person|p2'))).toEqual(['c1', 'c3']);
    expect(transactions).toHaveBeenCalledTimes(1);
    store.close();
  });
});

describe('getRecords and pendingOf in bulk', () => {
  it('give the same answers whether a table is read whole or key by key', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('bulk'));
    const records = Array.from({ length: 100 }, (_, i) => peerRecord(i % 2 ? 'org_office' : 'pr_person', `u${i}`));
    await t.store.write((tx) => tx.putRecords(records));
    await t.store.saveLocal('org_office', { uuid: 'u1', fields: { name: 'edited' } });
    // 150 keys: every pr_person (its table whole is cheaper), a few org_office, some unknown, repeats.
    const keys = [
      ...records.filter((r) => r.table === 'pr_person').map((r) => ({ table: r.table, uuid: r.uuid })),
      { table: 'org_office', uuid: 'u1' },
      { table: 'org_office', uuid: 'u3' },
      ...Array.from({ length: 96 }, (_, i) => ({ table: i % 2 ? 'pr_person' : 'gis_location', uuid: `x${i}` })),
      { table: 'pr_person', uuid: 'u0' },
    ];
    const got = await t.store.getRecords(keys);
    expect(got.map((r) => r?.uuid)).toEqual(keys.map((k) => (k.uuid.startsWith('u') ? k.uuid : undefined)));
    expect(got[50]?.fields['name']).toBe('edited');
    const marks = await t.store.pendingOf(keys);
    expect(marks.map((m) => m?.uuid)).toEqual(keys.map((k) => (k.table === 'org_office' && k.uuid === 'u1' ? 'u1' : undefined)));
    const inside = await t.store.write(async (tx) => [await tx.getRecords(keys), await tx.pendingOf(keys)]);
    expect(inside).toEqual([got, marks]);
  });
});
