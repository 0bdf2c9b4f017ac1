import Dexie from 'dexie';
import { SCHEMA_V1 } from './schema.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../core/model/record.js';
import type { SyncTask, TaskMode } from '../../core/model/sync.js';
import type { PendingChange } from '../../ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openLocalStore } from './open-local-store.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const ORG = 'org_organisation';
const OFFICE = 'org_office';
const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('pending-repos'));

let t: TestStore;
afterEach(() => t?.store.close());

function task(repositoryId: string, resourceName: string, mode: TaskMode = 'both'): SyncTask {
  return {
    id: `${repositoryId}-${resourceName}`,
    repositoryId,
    resourceName,
    mode,
    strategy: ['create', 'update'],
    updatePolicy: 'NEWER',
    conflictPolicy: 'NEWER',
    lastPull: null,
    lastPush: null,
    components: false,
    filters: [],
  };
}

/** A store with repositories r1 and r2, each with a task of the given table and mode. */
async function twoRepositories(table = ORG, modes: readonly [TaskMode, TaskMode] = ['both', 'push']): Promise<void> {
  t = await openTestStore();
  for (const id of ['r1', 'r2']) {
    await t.store.putRepository({ id, name: id, url: `https://${id}`, username: null, peerUuid: null, registered: true, lastConnected: null });
  }
  await t.store.putTask(task('r1', table, modes[0]));
  await t.store.putTask(task('r2', table, modes[1]));
}

async function peerOrg(uuid = 'o1', fields: LocalRecord['fields'] = { name: 'Org', phone: '1' }): Promise<void> {
  await t.store.write((tx) => tx.putRecords([peerRecord(ORG, uuid, { fields })]));
}

const ack = (changes: readonly Pick<PendingChange, 'table' | 'uuid' | 'revision'>[], repositoryId: string) => t.store.write((tx) => tx.acknowledge(changes, repositoryId));

describe('pending per repository (decision 0014)', () => {
  it('an edit acknowledged by one repository stays pending for the other, and goes when both have it', async () => {
    await twoRepositories();
    await peerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '2' } });
    await ack(await t.store.pending(ORG, 'r1'), 'r1');
    expect(await t.store.pending(ORG, 'r1')).toEqual([]);
    expect(await t.store.pending(ORG, 'r2')).toMatchObject([{ uuid: 'o1', fields: ['phone'], revision: 1 }]);
    expect(await t.store.pending(ORG)).toMatchObject([{ uuid: 'o1', fields: ['phone'] }]);
    await ack(await t.store.pending(ORG, 'r2'), 'r2');
    expect(await t.store.pending(ORG)).toEqual([]);
  });

  it('each repository sees what changed after its own acknowledged revision', async () => {
    await twoRepositories();
    const created = await t.store.saveLocal(ORG, { fields: { name: 'New' } });
    await ack(await t.store.pending(ORG, 'r1'), 'r1');
    await t.store.saveLocal(ORG, { uuid: created.uuid, fields: { phone: '9' } });
    expect((await t.store.pending(ORG, 'r1'))[0]).toMatchObject({ revision: 2, fields: ['phone'] });
    // r2 never had the record: the whole of it is still pending for r2.
    expect((await t.store.pending(ORG, 'r2'))[0]).toMatchObject({ revision: 2, fields: 'all' });
    // A stale acknowledge by r2 of revision 1 leaves it only the later edit.
    await ack([{ table: ORG, uuid: created.uuid, revision: 1 }], 'r2');
    expect((await t.store.pending(ORG, 'r2'))[0]).toMatchObject({ revision: 2, fields: ['phone'] });
    await ack(await t.store.pending(ORG, 'r1'), 'r1');
    expect(await t.store.pending(ORG, 'r1')).toEqual([]);
    expect(await t.store.pending(ORG)).toHaveLength(1);
    await ack(await t.store.pending(ORG, 'r2'), 'r2');
    expect(await t.store.pending(ORG)).toEqual([]);
  });

  it('keeps the mark while no repository has a push-capable task for the table; pull-only tasks do not count', async () => {
    await twoRepositories(ORG, ['both', 'pull']);
    await peerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '2' } });
    await ack(await t.store.pending(ORG, 'r1'), 'r1');
    // r2 only pulls: r1 alone decides.
    expect(await t.store.pending(ORG)).toEqual([]);

    await t.store.saveLocal('pr_person', { uuid: 'p1', fields: { first_name: 'Ann' } });
    await ack(await t.store.pending('pr_person', 'r1'), 'r1');
    expect(await t.store.pending('pr_person', 'r1')).toEqual([]);
    expect(await t.store.pending('pr_person')).toHaveLength(1);
  });

  it('a rejection belongs to the repository that refused', async () => {
    await twoRepositories();
    await peerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: 'x' } });
    await t.store.write((tx) => tx.markRejected({ table: ORG, uuid: 'o1' }, 1, 'phone: invalid', 'r1'));
    expect((await t.store.pending(ORG, 'r1'))[0]?.error).toBe('phone: invalid');
    expect((await t.store.pending(ORG, 'r2'))[0]?.error).toBeNull();
    expect((await t.store.pending(ORG))[0]?.error).toBe('phone: invalid');
    await ack(await t.store.pending(ORG, 'r2'), 'r2');
    expect((await t.store.pending(ORG, 'r1'))[0]?.error).toBe('phone: invalid');
  });

  it('an acknowledge without a repository (a pull replaced the edit) settles it for all', async () => {
    await twoRepositories();
    await peerOrg();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { phone: '2' } });
    await t.store.write(async (tx) => tx.acknowledge(await tx.listPending(ORG)));
    expect(await t.store.pending(ORG)).toEqual([]);
  });
});

describe('pending components', () => {
  it('are listed under their master table, and a push task of the master table settles them', async () => {
    await twoRepositories(ORG, ['both', 'pull']);
    await peerOrg();
    const office = await t.store.saveLocal(OFFICE, { fields: { name: 'HQ' }, parent: { table: ORG, uuid: 'o1', alias: null } });
    expect(await t.store.listPendingComponents(ORG, 'r1')).toMatchObject([{ table: OFFICE, uuid: office.uuid, fields: 'all' }]);
    expect(await t.store.listPendingComponents(OFFICE)).toEqual([]);
    await ack(await t.store.listPendingComponents(ORG, 'r1'), 'r1');
    expect(await t.store.pending(OFFICE)).toEqual([]);
  });
});

describe('cleared fields', () => {
  it('notes what a local edit cleared: text, other values and references; a new value lifts it', async () => {
    t = await openTestStore();
    const record = peerRecord(ORG, 'o1', {
      fields: { name: 'Org', comments: 'c', phone: '1', founded: '1999-01-01', staff: 5 },
      references: { parent: { table: ORG, uuids: ['p0'], multiple: false } },
    });
    await t.store.write((tx) => tx.putRecords([record]));
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { comments: null, founded: null, staff: null }, references: { parent: { table: ORG, uuids: [], multiple: false } } });
    expect((await t.store.pending(ORG))[0]).toMatchObject({
      fields: ['comments', 'founded', 'staff', 'parent'],
      cleared: { comments: 'text', founded: 'other', staff: 'other', parent: 'other' },
    });
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { staff: 6 } });
    expect((await t.store.pending(ORG))[0]?.cleared).toEqual({ comments: 'text', founded: 'other', parent: 'other' });
  });
});

describe("resolveConflict 'keep-incoming'", () => {
  /** o1 edited locally (name, phone), then a pull overwrote name and left phone: one inbox entry. */
  async function partlyOverwritten(): Promise<number> {
    t = await openTestStore();
    await peerOrg('o1', { name: 'Org', phone: '1', acronym: 'O' });
    const local = await t.store.saveLocal(ORG, { uuid: 'o1', fields: { name: 'Mine', phone: '2' } });
    const incoming = { ...local, fields: { ...local.fields, name: 'Theirs' }, modified_on: '2030-01-01T00:00:00' };
    await t.store.write(async (tx) => {
      await tx.putRecords([incoming]);
      await tx.addConflicts([{ table: ORG, uuid: 'o1', kind: 'overwritten', local, incoming, detectedAt: '2030-01-01T00:00:00', source: 'r1', resolved: false }]);
    });
    const [entry] = await t.store.listConflicts();
    return entry?.id ?? -1;
  }

  it('drops the surviving local fields from the pending mark (nothing left to push)', async () => {
    const id = await partlyOverwritten();
    expect((await t.store.pending(ORG))[0]?.fields).toEqual(['name', 'phone']);
    await t.store.resolveConflict(id, 'keep-incoming');
    expect(await t.store.pending(ORG)).toEqual([]);
    expect((await t.store.get(ORG, 'o1'))?.fields).toEqual({ name: 'Theirs', phone: '2', acronym: 'O' });
    expect(await t.store.listConflicts()).toEqual([]);
  });

  it('keeps pending the fields edited after the conflict was detected', async () => {
    const id = await partlyOverwritten();
    await t.store.saveLocal(ORG, { uuid: 'o1', fields: { acronym: 'N', phone: '3' } });
    await t.store.resolveConflict(id, 'keep-incoming');
    expect((await t.store.pending(ORG))[0]?.fields).toEqual(['phone', 'acronym']);
  });
});

describe('schema upgrade', () => {
  it('a version-1 pending mark opens in version 2, indexed by its master table', async () => {
    const idb = testIndexedDB();
    const name = uniqueDbName('pending-v1');
    const v1 = new Dexie(name, { indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange });
    v1.version(1).stores(SCHEMA_V1);
    const office = peerRecord(OFFICE, 'f1', { parent: { table: ORG, uuid: 'o1', alias: null } });
    await v1.table('records').put({ table: OFFICE, uuid: 'f1', seq: 1, nseq: -1, localRevision: 1, desc: '', parentKey: `${ORG}|o1`, refUuids: [], record: office });
    await v1.table('pending').put({ table: OFFICE, uuid: 'f1', op: 'upsert', revision: 1, since: '2024-01-01T00:00:00', error: 'old', fieldRevisions: { name: 1 }, wholeAt: null });
    v1.close();
    const store = await openLocalStore(name, idb);
    try {
      expect(await store.listPendingComponents(ORG, 'r1')).toMatchObject([{ uuid: 'f1', fields: ['name'], cleared: {}, error: null }]);
    } finally {
      store.close();
    }
  });
});
