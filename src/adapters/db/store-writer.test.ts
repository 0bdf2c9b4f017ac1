import { afterEach, describe, expect, it, vi } from 'vitest';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { StoreError } from './store-error.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('local-store'));

let t: TestStore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.store.close();
});

describe('write', () => {
  it('commits everything the work did', async () => {
    t = await openTestStore();
    const result = await t.store.write(async (tx) => {
      await tx.putRecords([peerRecord('org_organisation', 'o1'), peerRecord('org_organisation', 'o2')]);
      await tx.appendLog(logEntry('import'));
      return (await tx.getRecords([{ table: 'org_organisation', uuid: 'o2' }]))[0]?.uuid;
    });
    expect(result).toBe('o2');
    expect(await t.store.list('org_organisation')).toHaveLength(2);
    expect(await t.store.listLog()).toHaveLength(1);
  });

  it('writes nothing at all when the work throws, and rethrows its error unchanged', async () => {
    t = await openTestStore();
    await t.store.putTask(task('t1', '2024-01-01T00:00:00'));
    const boom = new Error('boom');
    const error = await t.store
      .write(async (tx) => {
        await tx.putRecords([peerRecord('org_organisation', 'o1')]);
        await tx.putTask(task('t1', '2024-06-01T00:00:00'));
        await tx.appendLog(logEntry('import'));
        expect(await tx.getRecords([{ table: 'org_organisation', uuid: 'o1' }])).toHaveLength(1);
        throw boom;
      })
      .catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(await t.store.list('org_organisation', { includeDeleted: true })).toEqual([]);
    expect((await t.store.getTask('t1'))?.lastPull).toBe('2024-01-01T00:00:00');
    expect(await t.store.listLog()).toEqual([]);
  });

  it('refuses writer calls after the work awaited something else (the transaction has ended)', async () => {
    t = await openTestStore();
    const error = await t.store
      .write(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await tx.putRecords([peerRecord('org_organisation', 'late')]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(await t.store.get('org_organisation', 'late')).toBeUndefined();
  });

  it('stores peer records in bulk without marking them pending, keeping insertion order on update', async () => {
    t = await openTestStore();
    const many = Array.from({ length: 1000 }, (_, i) => peerRecord('pr_person', `p${i}`));
    await t.store.write((tx) => tx.putRecords(many));
    await t.store.write((tx) => tx.putRecords([peerRecord('pr_person', 'p0', { fields: { name: 'changed' } }), peerRecord('pr_person', 'new')]));
    const page = await t.store.queryRecords('pr_person', { start: 0, limit: 2 });
    expect(page.map((r) => [r.uuid, r.fields['name']])).toEqual([
      ['p0', 'changed'],
      ['p1', 'p1'],
    ]);
    expect((await t.store.queryRecords('pr_person', { start: 1000 })).map((r) => r.uuid)).toEqual(['new']);
    expect(await t.store.countRecords('pr_person', {})).toBe(1001);
    expect(await t.store.pending('pr_person')).toEqual([]);
  });
});

describe('acknowledge and markRejected', () => {
  it('removes a pending change only for the revision that was pushed', async () => {
    t = await openTestStore();
    const a = await t.store.saveLocal('pr_person', { fields: { first_name: 'Ann' } });
    const b = await t.store.saveLocal('pr_person', { fields: { first_name: 'Bob' } });
    const pushed = await t.store.pending('pr_person');
    // An edit of b lands while the push is in flight.
    await t.store.saveLocal('pr_person', { uuid: b.uuid, fields: { first_name: 'Bobby' } });
    await t.store.write((tx) => tx.acknowledge(pushed));
    const left = await t.store.pending('pr_person');
    expect(left.map((p) => [p.uuid, p.revision])).toEqual([[b.uuid, 2]]);
    expect(await t.store.pendingOf([{ table: 'pr_person', uuid: a.uuid }])).toEqual([undefined]);
  });

  it('continues revisions after an acknowledge instead of reusing them', async () => {
    t = await openTestStore();
    const a = await t.store.saveLocal('pr_person', { fields: { first_name: 'Ann' } });
    const stale = await t.store.pending('pr_person');
    await t.store.write((tx) => tx.acknowledge(stale));
    await t.store.saveLocal('pr_person', { uuid: a.uuid, fields: { first_name: 'Anne' } });
    await t.store.write((tx) => tx.acknowledge(stale)); // a repeated, stale acknowledge
    expect((await t.store.pending('pr_person')).map((p) => p.revision)).toEqual([2]);
  });

  it('keeps a rejected change pending with the peer message; a new edit clears it', async () => {
    t = await openTestStore();
    const a = await t.store.saveLocal('pr_person', { fields: { first_name: '' } });
    const key = { table: 'pr_person', uuid: a.uuid };
    await t.store.write((tx) => tx.markRejected(key, 1, 'first_name: required', 'r1'));
    expect((await t.store.pending('pr_person'))[0]).toMatchObject({ revision: 1, error: 'first_name: required' });
    await t.store.write((tx) => tx.markRejected(key, 7, 'about another revision', 'r1'));
    expect((await t.store.pending('pr_person'))[0]?.error).toBe('first_name: required');
    await t.store.saveLocal('pr_person', { uuid: a.uuid, fields: { first_name: 'Ann' } });
    expect((await t.store.pending('pr_person'))[0]).toMatchObject({ revision: 2, error: null });
  });
});

describe('a full disk', () => {
  /** Makes every put/add fail as on a full disk, or only those into the named object store. */
  function fillDisk(onlyStore?: string): void {
    const { IDBObjectStore } = testIDBClasses();
    const { put, add } = IDBObjectStore.prototype;
    const full = (original: typeof put) =>
      function (this: IDBObjectStore, ...args: Parameters<typeof put>): IDBRequest<IDBValidKey> {
        if (onlyStore !== undefined && this.name !== onlyStore) return original.apply(this, args);
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(full(put));
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(full(add));
  }

  it('gives a quota StoreError from write and changes nothing', async () => {
    t = await openTestStore();
    await t.store.saveLocal('pr_person', { uuid: 'keep', fields: { first_name: 'Ann' } });
    fillDisk();
    const error = await t.store
      .write(async (tx) => {
        await tx.acknowledge(await tx.listPending('pr_person'));
        await tx.putRecords([peerRecord('pr_person', 'p1'), peerRecord('pr_person', 'keep')]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'quota' });
    expect((error as StoreError).message).toMatch(/storage is full/);
    vi.restoreAllMocks();
    expect((await t.store.list('pr_person')).map((r) => [r.uuid, r.fields['first_name']])).toEqual([['keep', 'Ann']]);
    expect(await t.store.pending('pr_person')).toHaveLength(1);
  });

  it('gives a quota StoreError from saveLocal and changes nothing (the record put is rolled back)', async () => {
    t = await openTestStore();
    fillDisk('pending');
    await expect(t.store.saveLocal('pr_person', { fields: { first_name: 'Ann' } })).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await t.store.list('pr_person', { includeDeleted: true })).toEqual([]);
    expect(await t.store.pending('pr_person')).toEqual([]);
  });
});

function logEntry(action: string) {
  return {
    timestmp: '2024-01-02T03:04:05',
    repositoryId: 'r1',
    resourceName: 'org_organisation',
    transmission: 'outgoing',
    mode: 'pull',
    action,
    result: 'success',
    remote: false,
    message: '',
  } as const;
}

function task(id: string, lastPull: string | null) {
  return {
    id,
    repositoryId: 'r1',
    resourceName: 'org_organisation',
    mode: 'both',
    strategy: ['create', 'update'],
    updatePolicy: 'NEWER',
    conflictPolicy: 'NEWER',
    lastPull,
    lastPush: null,
    components: false,
    filters: [],
  } as const;
}
