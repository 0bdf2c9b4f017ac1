import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictEntry } from '../../core/model/conflict.js';
import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange } from '../../ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const ORG = 'org_organisation';
const OFFICE = 'org_office';
const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('pending-fields'));

let t: TestStore;
afterEach(() => t?.store.close());

async function pendingOf(table: string, uuid: string): Promise<PendingChange | undefined> {
  return (await t.store.pendingOf([{ table, uuid }]))[0];
}

async function acknowledge(change: PendingChange): Promise<void> {
  await t.store.write((tx) => tx.acknowledge([change]));
}

/** A record the peer holds: `Org`, phone 1, one reference. */
async function withPeerOrg(): Promise<LocalRecord> {
  const org = peerRecord(ORG, 'o1', {
    fields: { name: 'Org', phone: '1', comments: null },
    references: { parent: { table: ORG, uuids: ['p0'], multiple: false } },
  });
  await t.store.write((tx) => tx.putRecords([org]));
  return org;
}

describe('pending fields: what local edits changed since the last acknowledged push', () => {
  it('a create is pending whole, and edits before its push keep it whole', async () => {
    t = await openTestStore();
    const created = await t.store.saveLocal(ORG, { fields: { name: 'New' } });
    expect(await pendingOf(ORG, created.uuid)).toMatchObject({ op: 'upsert', revision: 1, fields: 'all' });
    await t.store.saveLocal(ORG, { uuid: created.uuid, fields: { phone: '2' } });
    expect(await pendingOf(ORG, created.uuid)).toMatchObject({ revision: 2, fields: 'all' });
  });

  it('an edit of a peer record names only the fields and references whose values changed, the union over edits', async () => {
    t = await openTestStore();
    await withPeerOrg();
    // name is given unchanged, comments null stays null: neither is a change.
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { name: 'Org', phone: '2', comments: null } });
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ revision: 1, fields: ['phone'] });
    await t.store.saveLocal(ORG, {
      uuid: 'o1',
      fields: { acronym: 'O', phone: '2' },
      references: { parent: { table: ORG, uuids: ['p1'], multiple: false } },
    });
    expect((await pendingOf(ORG, 'o1'))?.fields).toEqual(['phone', 'acronym', 'parent']);
    // Changing a value back is still a change to push (the peer holds the value of another edit).
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '1' } });
    expect((await pendingOf(ORG, 'o1'))?.fields).toEqual(['phone', 'acronym', 'parent']);
    expect((await t.store.listPending(ORG)).map((p) => p.fields)).toEqual([['phone', 'acronym', 'parent']]);
  });

  it('acknowledging the current revision clears the mark; a later edit of the record starts a field list', async () => {
    t = await openTestStore();
    const created = await t.store.saveLocal(ORG, { fields: { name: 'New', phone: '1' } });
    const mark = await pendingOf(ORG, created.uuid);
    if (mark === undefined) throw new Error('not pending');
    await acknowledge(mark);
    expect(await t.store.pending(ORG)).toEqual([]);
    // The peer now holds the record (its create was acknowledged): an edit is pushed by fields.
    await t.store.saveLocal(ORG, { uuid: created.uuid, fields: { phone: '9' } });
    expect(await pendingOf(ORG, created.uuid)).toMatchObject({ revision: 2, fields: ['phone'] });
  });

  it('acknowledging an older revision keeps exactly the fields edited since', async () => {
    t = await openTestStore();
    await withPeerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { name: 'A', phone: '2' } });
    const pushed = await pendingOf(ORG, 'o1');
    if (pushed === undefined) throw new Error('not pending');
    // An edit while the push is in flight: phone again, and acronym.
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '3', acronym: 'X' } });
    await acknowledge(pushed);
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ revision: 2, fields: ['phone', 'acronym'], error: null });
    const later = await pendingOf(ORG, 'o1');
    if (later === undefined) throw new Error('not pending');
    await acknowledge(later);
    expect(await pendingOf(ORG, 'o1')).toBeUndefined();
  });

  it('a create acknowledged while an edit was in flight leaves only that edit pending, by fields', async () => {
    t = await openTestStore();
    const created = await t.store.saveLocal(ORG, { fields: { name: 'New' } });
    const pushed = await pendingOf(ORG, created.uuid);
    if (pushed === undefined) throw new Error('not pending');
    await t.store.saveLocal(ORG, { uuid: created.uuid, fields: { phone: '5' } });
    await acknowledge(pushed);
    expect(await pendingOf(ORG, created.uuid)).toMatchObject({ revision: 2, fields: ['phone'] });
  });

  it('a delete is whole; so is the undelete of a tombstone, even after the delete was acknowledged', async () => {
    t = await openTestStore();
    await withPeerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '2' } });
    await t.store.removeLocal(ORG, 'o1');
    const deleted = await pendingOf(ORG, 'o1');
    expect(deleted).toMatchObject({ op: 'delete', revision: 2, fields: 'all' });
    if (deleted === undefined) throw new Error('not pending');
    await acknowledge(deleted);
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '3' } });
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ op: 'upsert', revision: 3, fields: 'all' });
  });

  it('an acknowledge of an earlier whole write does not clear a later one (delete after a create in flight)', async () => {
    t = await openTestStore();
    const created = await t.store.saveLocal(ORG, { fields: { name: 'New' } });
    const pushed = await pendingOf(ORG, created.uuid);
    if (pushed === undefined) throw new Error('not pending');
    await t.store.removeLocal(ORG, created.uuid);
    await acknowledge(pushed);
    expect(await pendingOf(ORG, created.uuid)).toMatchObject({ op: 'delete', revision: 2, fields: 'all' });
  });

  it('moving a component to another master is whole', async () => {
    t = await openTestStore();
    await t.store.write((tx) => tx.putRecords([peerRecord(OFFICE, 'f1', { parent: { table: ORG, uuid: 'o1', alias: null } })]));
    await t.store.saveLocal(OFFICE, { uuid: 'f1', fields: {}, parent: { table: ORG, uuid: 'o2', alias: null } });
    expect((await pendingOf(OFFICE, 'f1'))?.fields).toBe('all');
  });

  it('a rejection keeps the fields pending', async () => {
    t = await openTestStore();
    await withPeerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '2' } });
    await t.store.write((tx) => tx.markRejected({ table: ORG, uuid: 'o1' }, 1, 'phone: invalid', 'r1'));
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ fields: ['phone'], error: 'phone: invalid' });
  });

  it('restore-local marks pending the fields where the restored version differs, joined to those still pending', async () => {
    t = await openTestStore();
    const org = await withPeerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { acronym: 'A' } });
    const mine: LocalRecord = { ...org, fields: { ...org.fields, name: 'Mine', phone: '7', acronym: 'A' }, modified_on: '2024-01-01T00:00:00' };
    const theirs: LocalRecord = {
      ...org,
      fields: { ...org.fields, name: 'Theirs', acronym: 'A' },
      references: { parent: { table: ORG, uuids: ['p9'], multiple: false } },
      modified_on: '2024-01-02T00:00:00',
    };
    const entry: ConflictEntry = {
      table: ORG,
      uuid: 'o1',
      kind: 'overwritten',
      local: mine,
      incoming: theirs,
      detectedAt: '2024-01-02T00:00:00',
      source: 'peer',
      resolved: false,
    };
    await t.store.write(async (tx) => {
      await tx.putRecords([theirs]);
      await tx.addConflicts([entry]);
    });
    const [conflict] = await t.store.listConflicts();
    await t.store.resolveConflict(conflict?.id ?? -1, 'restore-local');
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ op: 'upsert', revision: 2, fields: ['acronym', 'name', 'phone', 'parent'] });
    expect((await t.store.get(ORG, 'o1'))?.fields).toEqual(mine.fields);
  });

  it('restoring a version the peer deleted is whole (an undelete)', async () => {
    t = await openTestStore();
    const org = await withPeerOrg();
    const entry: ConflictEntry = {
      table: ORG,
      uuid: 'o1',
      kind: 'deleted-by-peer',
      local: { ...org, fields: { ...org.fields, phone: '8' } },
      incoming: null,
      detectedAt: '2024-01-02T00:00:00',
      source: 'peer',
      resolved: false,
    };
    await t.store.write(async (tx) => {
      await tx.putRecords([{ ...org, deleted: true }]);
      await tx.addConflicts([entry]);
    });
    const [conflict] = await t.store.listConflicts();
    await t.store.resolveConflict(conflict?.id ?? -1, 'restore-local');
    expect(await pendingOf(ORG, 'o1')).toMatchObject({ op: 'upsert', fields: 'all' });
  });
});
