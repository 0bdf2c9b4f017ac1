import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './store-error.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('local-store'));

let t: TestStore;
afterEach(() => t?.store.close());

describe('saveLocal / removeLocal', () => {
  it('creates a record with mci 0, naive UTC times and a new urn:uuid, marked pending', async () => {
    t = await openTestStore();
    const saved = await t.store.saveLocal('org_organisation', { fields: { name: 'Red Cross' } });
    expect(saved).toMatchObject({
      table: 'org_organisation',
      uuid: 'urn:uuid:test-1',
      fields: { name: 'Red Cross' },
      mci: 0,
      created_on: '2024-01-02T03:04:05',
      modified_on: '2024-01-02T03:04:05',
      deleted: false,
      parent: null,
    });
    expect(await t.store.get('org_organisation', saved.uuid)).toEqual(saved);
    expect(await t.store.pending('org_organisation')).toEqual([
      { table: 'org_organisation', uuid: saved.uuid, op: 'upsert', revision: 1, fields: 'all', since: '2024-01-02T03:04:05', cleared: {}, error: null },
    ]);
  });

  it('merges an edit over the stored record, keeps a peer mci and the first since, bumps the revision', async () => {
    t = await openTestStore();
    await t.store.write((tx) => tx.putRecords([peerRecord('org_office', 'u1', { mci: 2, fields: { name: 'A', code: 'X' } })]));
    expect(await t.store.pending('org_office')).toEqual([]);
    await t.store.saveLocal('org_office', { uuid: 'u1', fields: { name: 'B' } });
    t.clock.advance(60);
    const edited = await t.store.saveLocal('org_office', {
      uuid: 'u1',
      fields: { phone: '1' },
      references: { organisation_id: { table: 'org_organisation', uuids: ['o1'], multiple: false } },
    });
    expect(edited.fields).toEqual({ name: 'B', code: 'X', phone: '1' });
    expect(edited.mci).toBe(2);
    expect(edited.created_on).toBe('2023-05-01T00:00:00');
    expect(edited.modified_on).toBe('2024-01-02T03:05:05');
    expect(edited.references['organisation_id']?.uuids).toEqual(['o1']);
    const [pending] = await t.store.pending('org_office');
    expect(pending).toMatchObject({ op: 'upsert', revision: 2, since: '2024-01-02T03:04:05' });
  });

  it('removes as a tombstone: hidden from list, shown with includeDeleted, pending delete', async () => {
    t = await openTestStore();
    const a = await t.store.saveLocal('pr_person', { fields: { first_name: 'Ann' } });
    const b = await t.store.saveLocal('pr_person', { fields: { first_name: 'Bob' } });
    t.clock.advance(5);
    await t.store.removeLocal('pr_person', a.uuid);
    expect((await t.store.list('pr_person')).map((r) => r.uuid)).toEqual([b.uuid]);
    const all = await t.store.list('pr_person', { includeDeleted: true });
    expect(all.map((r) => [r.uuid, r.deleted])).toEqual([
      [a.uuid, true],
      [b.uuid, false],
    ]);
    expect(all[0]?.modified_on).toBe('2024-01-02T03:04:10');
    const pendingA = (await t.store.pendingOf([{ table: 'pr_person', uuid: a.uuid }]))[0];
    expect(pendingA).toMatchObject({ op: 'delete', revision: 2, since: '2024-01-02T03:04:05' });
  });

  it('undeletes a locally deleted record when it is edited again', async () => {
    t = await openTestStore();
    const a = await t.store.saveLocal('pr_person', { fields: { first_name: 'Ann' } });
    await t.store.removeLocal('pr_person', a.uuid);
    const again = await t.store.saveLocal('pr_person', { uuid: a.uuid, fields: { last_name: 'Lee' } });
    expect(again.deleted).toBe(false);
    expect(again.fields).toEqual({ first_name: 'Ann', last_name: 'Lee' });
    expect((await t.store.pending('pr_person'))[0]).toMatchObject({ op: 'upsert', revision: 3 });
    expect(await t.store.list('pr_person')).toHaveLength(1);
  });

  it('refuses to remove an unknown record with a not-found StoreError and changes nothing', async () => {
    t = await openTestStore();
    const error = await t.store.removeLocal('pr_person', 'nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('not-found');
    expect(await t.store.list('pr_person', { includeDeleted: true })).toEqual([]);
    expect(await t.store.pending('pr_person')).toEqual([]);
  });

  it('rejects an empty table name or uuid as invalid', async () => {
    t = await openTestStore();
    await expect(t.store.saveLocal('', { fields: {} })).rejects.toMatchObject({ code: 'invalid' });
    await expect(t.store.saveLocal('pr_person', { uuid: '', fields: {} })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('keeps references to records that are not in the store', async () => {
    t = await openTestStore();
    const saved = await t.store.saveLocal('org_office', {
      fields: { name: 'HQ' },
      references: { organisation_id: { table: 'org_organisation', uuids: ['urn:uuid:absent'], multiple: false } },
    });
    expect((await t.store.get('org_office', saved.uuid))?.references).toEqual(saved.references);
    expect((await t.store.referrersOf('urn:uuid:absent')).map((r) => r.uuid)).toEqual([saved.uuid]);
  });
});
