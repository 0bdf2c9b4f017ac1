import { afterEach, describe, expect, it, vi } from 'vitest';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

let t: TestStore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.store.close();
});

/** Counts puts into the `records` object store. */
function countRecordPuts(): { count: number } {
  const { IDBObjectStore } = testIDBClasses();
  const put = IDBObjectStore.prototype.put;
  const counter = { count: 0 };
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
    if (this.name === 'records') counter.count += 1;
    return put.apply(this, args);
  });
  return counter;
}

describe('putRecords', () => {
  it('writes only the records that change', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('peer-writes'));
    const records = Array.from({ length: 5 }, (_, i) => peerRecord('org_office', `o${i}`, { fields: { name: `o${i}`, tags: ['a', { b: 1 }] } }));
    await t.store.write((tx) => tx.putRecords(records));
    const puts = countRecordPuts();
    await t.store.write((tx) => tx.putRecords(records.map((r) => structuredClone(r))));
    expect(puts.count).toBe(0);
    await t.store.write((tx) => tx.putRecords([...records.slice(0, 4), { ...records[4]!, fields: { name: 'o4', tags: ['a', { b: 2 }] } }]));
    expect(puts.count).toBe(1);
    expect((await t.store.get('org_office', 'o4'))?.fields['tags']).toEqual(['a', { b: 2 }]);
    expect((await t.store.list('org_office')).map((r) => r.uuid)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
  });

  it('keeps the last of repeated keys and numbers new records by first appearance', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('peer-writes'));
    await t.store.write((tx) =>
      tx.putRecords([
        peerRecord('org_office', 'b', { fields: { name: 'first' } }),
        peerRecord('org_office', 'a'),
        peerRecord('org_office', 'b', { fields: { name: 'last' } }),
      ]),
    );
    expect((await t.store.list('org_office')).map((r) => [r.uuid, r.fields['name']])).toEqual([
      ['b', 'last'],
      ['a', 'a'],
    ]);
  });

  it('sees a local edit made inside the same write after it read the record', async () => {
    t = await openStore(testIndexedDB(), uniqueDbName('peer-writes'));
    await t.store.write((tx) => tx.putRecords([peerRecord('org_office', 'o1')]));
    await t.store.write(async (tx) => {
      await tx.getRecords([{ table: 'org_office', uuid: 'o1' }]);
      await t.store.saveLocal('org_office', { uuid: 'o1', fields: { name: 'local' } });
      await tx.putRecords([peerRecord('org_office', 'o1', { fields: { name: 'peer' } })]);
    });
    expect((await t.store.get('org_office', 'o1'))?.fields['name']).toBe('peer');
    // The local revision of the nested edit (1) was kept, so the next edit is revision 2.
    await t.store.write(async (tx) => tx.acknowledge(await tx.listPending('org_office')));
    await t.store.saveLocal('org_office', { uuid: 'o1', fields: { name: 'again' } });
    expect((await t.store.pending('org_office'))[0]?.revision).toBe(2);
  });
});
