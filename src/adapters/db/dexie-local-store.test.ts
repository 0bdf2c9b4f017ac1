import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictEntry } from '../../core/model/conflict.js';
import type { Repository, SyncLogEntry, SyncTask } from '../../core/model/sync.js';
import type { LocalStore } from '../../ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openLocalStore } from './open-local-store.js';
import { StoreError } from './store-error.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('local-store'));

let t: TestStore;
let other: LocalStore | undefined;
afterEach(() => {
  t?.store.close();
  other?.close();
  other = undefined;
});

describe('sync config', () => {
  it('makes this device’s uuid once and keeps it across reopen', async () => {
    t = await openTestStore();
    const first = await t.store.syncConfig();
    expect(first.uuid).toBe('urn:uuid:test-1');
    expect(await t.store.syncConfig()).toEqual(first);
    other = await t.reopen();
    expect(await other.syncConfig()).toEqual(first);
  });

  it('uses urn:uuid plus a random uuid by default', async () => {
    other = await openLocalStore(uniqueDbName('default-uuid'), testIndexedDB());
    expect((await other.syncConfig()).uuid).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('repositories, tasks and log', () => {
  it('round-trips repositories and lists tasks of a repository in creation order', async () => {
    t = await openTestStore();
    const repo: Repository = { id: 'r1', name: 'Eden', url: '/eden', username: 'a@b.c', peerUuid: null, registered: false, lastConnected: null };
    await t.store.putRepository(repo);
    await t.store.putRepository({ ...repo, id: 'r2', name: 'Other' });
    await t.store.putRepository({ ...repo, registered: true, peerUuid: 'urn:uuid:peer' });
    expect(await t.store.getRepository('r1')).toEqual({ ...repo, registered: true, peerUuid: 'urn:uuid:peer' });
    expect((await t.store.listRepositories()).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(await t.store.getRepository('nope')).toBeUndefined();

    await t.store.putTask(task('z', 'r1', 'pr_person'));
    await t.store.putTask(task('a', 'r1', 'org_organisation'));
    await t.store.putTask(task('m', 'r2', 'org_office'));
    await t.store.write((tx) => tx.putTask({ ...task('z', 'r1', 'pr_person'), lastPull: '2024-01-01T00:00:00' }));
    const tasks = await t.store.listTasks('r1');
    expect(tasks.map((x) => x.id)).toEqual(['z', 'a']);
    expect(tasks[0]?.lastPull).toBe('2024-01-01T00:00:00');
    expect(await t.store.getTask('a')).toEqual(task('a', 'r1', 'org_organisation'));
    expect(await t.store.listTasks('r3')).toEqual([]);
  });

  it('lists the log newest first, with a limit, assigning ids', async () => {
    t = await openTestStore();
    for (const action of ['one', 'two', 'three']) await t.store.appendLog(logEntry(action));
    const log = await t.store.listLog();
    expect(log.map((e) => e.action)).toEqual(['three', 'two', 'one']);
    expect(log[0]).toEqual({ ...logEntry('three'), id: 3 });
    expect((await t.store.listLog({ limit: 2 })).map((e) => e.action)).toEqual(['three', 'two']);
  });
});

describe('conflicts', () => {
  const local = peerRecord('pr_person', 'p1', { mci: 0, fields: { first_name: 'Mine', age: 3 } });
  const incoming = peerRecord('pr_person', 'p1', { mci: 1, fields: { first_name: 'Theirs' }, modified_on: '2024-02-01T00:00:00' });
  const entry = (kind: ConflictEntry['kind']): ConflictEntry => ({
    table: 'pr_person',
    uuid: 'p1',
    kind,
    local,
    incoming,
    detectedAt: '2024-02-02T00:00:00',
    source: 'r1',
    resolved: false,
  });

  it('lists unresolved conflicts by default and all when asked', async () => {
    t = await openTestStore();
    await t.store.write((tx) => tx.addConflicts([entry('overwritten'), { ...entry('rejected-by-peer'), resolved: true }]));
    expect(await t.store.listConflicts()).toEqual([{ ...entry('overwritten'), id: 1 }]);
    expect((await t.store.listConflicts({ includeResolved: true })).map((c) => [c.id, c.resolved])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('keep-incoming only marks the conflict resolved', async () => {
    t = await openTestStore();
    await t.store.write(async (tx) => {
      await tx.putRecords([incoming]);
      await tx.addConflicts([entry('overwritten')]);
    });
    await t.store.resolveConflict(1, 'keep-incoming');
    expect(await t.store.listConflicts()).toEqual([]);
    expect(await t.store.get('pr_person', 'p1')).toEqual(incoming);
    expect(await t.store.pending('pr_person')).toEqual([]);
  });

  it('restore-local writes the local version back as a pending local edit', async () => {
    t = await openTestStore();
    await t.store.write(async (tx) => {
      await tx.putRecords([incoming]);
      await tx.addConflicts([entry('overwritten')]);
    });
    await t.store.resolveConflict(1, 'restore-local');
    const restored = await t.store.get('pr_person', 'p1');
    expect(restored).toMatchObject({ fields: { first_name: 'Mine', age: 3 }, modified_on: '2024-01-02T03:04:05', mci: 1, deleted: false });
    expect(await t.store.pending('pr_person')).toMatchObject([{ uuid: 'p1', op: 'upsert', revision: 1 }]);
    expect((await t.store.listConflicts({ includeResolved: true }))[0]?.resolved).toBe(true);
    await t.store.resolveConflict(1, 'restore-local'); // already resolved: no second write
    expect((await t.store.pending('pr_person'))[0]?.revision).toBe(1);
  });

  it('gives not-found for an unknown conflict', async () => {
    t = await openTestStore();
    await expect(t.store.resolveConflict(42, 'keep-incoming')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('opening and closing', () => {
  it('gives a closed StoreError after close', async () => {
    t = await openTestStore();
    t.store.close();
    const error = await t.store.list('pr_person').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'closed' });
  });

  it.skipIf('indexedDB' in globalThis)('gives an unavailable StoreError where there is no IndexedDB', async () => {
    await expect(openLocalStore(uniqueDbName('none'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('keeps records across reopen', async () => {
    t = await openTestStore();
    await t.store.saveLocal('pr_person', { uuid: 'p1', fields: { first_name: 'Ann' } });
    other = await t.reopen();
    expect((await other.get('pr_person', 'p1'))?.fields).toEqual({ first_name: 'Ann' });
    expect(await other.pending('pr_person')).toHaveLength(1);
  });
});

function task(id: string, repositoryId: string, resourceName: string): SyncTask {
  return {
    id,
    repositoryId,
    resourceName,
    mode: 'both',
    strategy: ['create', 'update', 'delete', 'merge'],
    updatePolicy: { __default__: 'NEWER', name: 'THIS' },
    conflictPolicy: 'NEWER',
    lastPull: null,
    lastPush: null,
    components: false,
    filters: [{ table: 'org_organisation', selector: 'name__like', value: 'A*' }],
  };
}

function logEntry(action: string): SyncLogEntry {
  return {
    timestmp: '2024-01-02T03:04:05',
    repositoryId: 'r1',
    resourceName: 'pr_person',
    transmission: 'outgoing',
    mode: 'push',
    action,
    result: 'success',
    remote: false,
    message: `did ${action}`,
  };
}
