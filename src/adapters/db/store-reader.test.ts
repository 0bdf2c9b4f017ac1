import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../core/model/record.js';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('local-store'));

let t: TestStore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.store.close();
});

const uuids = (records: readonly LocalRecord[]): string[] => records.map((r) => r.uuid);
const at = (hour: number): string => `2024-03-01T${String(hour).padStart(2, '0')}:00:00`;

describe('queryRecords', () => {
  async function seed(): Promise<void> {
    // Inserted in this order; modified_on deliberately not in insertion order.
    await t.store.write((tx) =>
      tx.putRecords([
        peerRecord('org_office', 'a', { modified_on: at(5) }),
        peerRecord('org_office', 'b', { modified_on: at(1) }),
        peerRecord('org_office', 'c', { modified_on: at(9), deleted: true }),
        peerRecord('org_office', 'd', { modified_on: at(3), parent: { table: 'org_organisation', uuid: 'o1', alias: null } }),
        peerRecord('org_office', 'e', { modified_on: at(7) }),
        peerRecord('org_office', 'f', { modified_on: null }),
        peerRecord('org_office', 'g', { modified_on: at(3) }),
        peerRecord('org_facility', 'x', { modified_on: at(8) }),
      ]),
    );
  }

  it('lists in insertion order, skipping deleted records and components as asked', async () => {
    t = await openTestStore();
    await seed();
    expect(uuids(await t.store.queryRecords('org_office', {}))).toEqual(['a', 'b', 'd', 'e', 'f', 'g']);
    expect(uuids(await t.store.queryRecords('org_office', { includeDeleted: true }))).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(uuids(await t.store.queryRecords('org_office', { mastersOnly: true }))).toEqual(['a', 'b', 'e', 'f', 'g']);
    expect(uuids(await t.store.queryRecords('org_office', { includeDeleted: true, mastersOnly: true }))).toEqual(['a', 'b', 'c', 'e', 'f', 'g']);
  });

  it('with msince selects modified_on >= msince, newest first (spec 5.1, 8.5)', async () => {
    t = await openTestStore();
    await seed();
    const query = { includeDeleted: true, mastersOnly: true, msince: at(3) };
    expect(uuids(await t.store.queryRecords('org_office', query))).toEqual(['c', 'e', 'a', 'g']);
    expect(await t.store.countRecords('org_office', query)).toBe(4);
    expect(uuids(await t.store.queryRecords('org_office', { msince: at(3) }))).toEqual(['e', 'a', 'g', 'd']);
    expect(uuids(await t.store.queryRecords('org_office', { msince: at(10) }))).toEqual([]);
  });

  it('pages with start and limit in the same order, and counts ignoring paging', async () => {
    t = await openTestStore();
    await seed();
    const all = { includeDeleted: true };
    expect(uuids(await t.store.queryRecords('org_office', { ...all, start: 0, limit: 3 }))).toEqual(['a', 'b', 'c']);
    expect(uuids(await t.store.queryRecords('org_office', { ...all, start: 3, limit: 3 }))).toEqual(['d', 'e', 'f']);
    expect(uuids(await t.store.queryRecords('org_office', { ...all, start: 6, limit: 3 }))).toEqual(['g']);
    expect(uuids(await t.store.queryRecords('org_office', { ...all, start: 1, limit: 2, msince: at(1) }))).toEqual(['e', 'a']);
    expect(await t.store.queryRecords('org_office', { limit: 0 })).toEqual([]);
    expect(await t.store.countRecords('org_office', { ...all, start: 6, limit: 1 })).toBe(7);
    expect(await t.store.countRecords('org_office', {})).toBe(6);
    await expect(t.store.queryRecords('org_office', { start: -1 })).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('components and referrers', () => {
  it('finds components of a master (deleted included) and referrers of a uuid across tables', async () => {
    t = await openTestStore();
    const master = { table: 'pr_person', uuid: 'p1' };
    const link = { ...master, alias: 'address' };
    const ref = (uuids: string[]) => ({ person_id: { table: 'pr_person', uuids, multiple: uuids.length > 1 } });
    await t.store.write((tx) =>
      tx.putRecords([
        peerRecord('pr_person', 'p1'),
        peerRecord('pr_address', 'ad1', { parent: link }),
        peerRecord('pr_address', 'ad2', { parent: link, deleted: true }),
        peerRecord('pr_address', 'ad3', { parent: { table: 'pr_person', uuid: 'p2', alias: null } }),
        peerRecord('org_office', 'o1', { references: { ...ref(['p1', 'p2']), other_id: { table: null, uuids: ['p1'], multiple: false } } }),
        peerRecord('hrm_human_resource', 'h1', { references: ref(['p1']) }),
        peerRecord('hrm_human_resource', 'h2', { references: ref(['p3-not-here']) }),
      ]),
    );
    expect(uuids(await t.store.componentsOf(master))).toEqual(['ad1', 'ad2']);
    expect(uuids(await t.store.referrersOf('p1'))).toEqual(['o1', 'h1']);
    expect(uuids(await t.store.referrersOf('p3-not-here'))).toEqual(['h2']);
    expect((await t.store.get('hrm_human_resource', 'h2'))?.references['person_id']?.uuids).toEqual(['p3-not-here']);
    // Moving a component to another master updates the lookup.
    await t.store.saveLocal('pr_address', { uuid: 'ad1', fields: {}, parent: { table: 'pr_person', uuid: 'p2', alias: null } });
    expect(uuids(await t.store.componentsOf(master))).toEqual(['ad2']);
  });
});

describe('pending', () => {
  it('lists a table’s pending changes by reading the pending table through its table index only', async () => {
    // Dexie binds IDBDatabase.transaction when it opens, so the spies go in first and record on demand.
    const { IDBDatabase, IDBObjectStore } = testIDBClasses();
    let recording = false;
    const scopes: string[][] = [];
    const indexes: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    const index = IDBObjectStore.prototype.index;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, names, ...rest) {
      if (recording) scopes.push(typeof names === 'string' ? [names] : [...names]);
      return transaction.call(this, names, ...rest);
    });
    vi.spyOn(IDBObjectStore.prototype, 'index').mockImplementation(function (this: IDBObjectStore, name) {
      if (recording) indexes.push(`${this.name}.${name}`);
      return index.call(this, name);
    });
    t = await openTestStore();
    await t.store.write((tx) => tx.putRecords(Array.from({ length: 300 }, (_, i) => peerRecord('pr_person', `p${i}`))));
    await t.store.saveLocal('pr_person', { uuid: 'p7', fields: { first_name: 'x' } });
    await t.store.saveLocal('pr_person', { fields: { first_name: 'new' } });
    await t.store.saveLocal('org_office', { fields: { name: 'other table' } });

    recording = true;
    const pending = await t.store.pending('pr_person');
    recording = false;

    expect(pending.map((p) => p.uuid).sort()).toEqual(['p7', 'urn:uuid:test-1']);
    expect(scopes).toEqual([['pending']]);
    expect(indexes).toEqual(['pending.table']);
  });
});
