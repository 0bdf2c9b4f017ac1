/**
 * End-to-end over real HTTP on 127.0.0.1: `synchronize()` on devices against the server's demo
 * peer (first sync, incremental pull, push and pull between devices, deletes, a refused record).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/adapters/http/http-transport.js';
import { InProcessLock } from '../../src/adapters/lock/in-process-lock.js';
import type { SyncProgress } from '../../src/engine/active/active-context.js';
import { EdenSyncAdapter } from '../../src/engine/eden-sync-adapter.js';
import type { RunEvent } from '../../src/engine/runner/run-report.js';
import { synchronize, type SynchronizeProgress } from '../../src/engine/synchronize.js';
import { DEMO, dataOf, type Device, openDevice, type Peer, pullsOf, startPeer, topLevelResources } from './integration-support.js';

const TASKS = [{ resourceName: 'org_organisation' }, { resourceName: 'pr_person' }];

let peer: Peer;
const opened: Device[] = [];
async function device(name: string): Promise<Device> {
  const d = await openDevice(peer, name, TASKS);
  opened.push(d);
  return d;
}

beforeAll(async () => {
  peer = await startPeer();
});
afterAll(async () => {
  for (const d of opened) d.close();
  await peer.dispose();
});

/** Live records of a table on a device, by uuid. */
async function byUuid(d: Device, table: string): Promise<Map<string, unknown>> {
  return new Map((await d.store.list(table, { includeDeleted: true })).map((r) => [r.uuid, dataOf(r)]));
}

async function peerByUuid(table: string): Promise<Map<string, unknown>> {
  return new Map((await peer.all(table)).map((r) => [r.uuid, dataOf(r)]));
}

/** The newest `modified_on` of a table at the peer (what a full pull's checkpoint must be). */
async function peerNewest(table: string): Promise<string> {
  return (await peer.all(table)).map((r) => r.modified_on ?? '').sort().at(-1) ?? '';
}

describe('synchronize() against the demo peer', () => {
  it('first sync: registers, logs in, pulls every record of every task and sets the checkpoints', async () => {
    const a = await device('first');
    const report = await a.sync();
    expect(report.status).toBe('success');
    expect(report.repositories).toHaveLength(1);
    expect(report.repositories[0]?.login).toEqual({ kind: 'ok' });
    expect(report.repositories[0]?.tasks.map((t) => [t.resourceName, t.status, t.pull.kind])).toEqual([
      ['org_organisation', 'success', 'ok'],
      ['pr_person', 'success', 'ok'],
    ]);

    // Registered: the peer knows this device, the device knows the peer's uuid.
    const repository = await a.store.getRepository(a.repository.id);
    expect(repository).toMatchObject({ registered: true, peerUuid: peer.server.peer?.peerUuid });
    expect(repository?.lastConnected).not.toBeNull();
    const { uuid } = await a.store.syncConfig();
    expect((await peer.server.peer?.store.getRepository(uuid))?.registered).toBe(true);

    // Every live record arrived, components included, with the peer's exact data. The peer's
    // tombstones arrive too (include_deleted) but delete nothing here: a DELETE of a record the
    // importer has never seen is skipped (spec 4.10), so they leave no trace.
    for (const table of ['org_organisation', 'org_office', 'pr_person', 'pr_contact']) {
      const local = await byUuid(a, table);
      const remote = await peerByUuid(table);
      const live = new Map([...remote].filter(([uuid]) => !(remote.get(uuid) as { deleted: boolean }).deleted));
      expect(live.size, table).toBeGreaterThan(0);
      expect(local.size, table).toBe(live.size);
      expect(local, table).toEqual(live);
    }
    const tombstones = (await peer.all('org_organisation')).filter((r) => r.deleted);
    expect(tombstones.length).toBeGreaterThan(0);
    const firstPull = pullsOf(a.exchanges, 'org_organisation')[0];
    const sent = topLevelResources(firstPull?.body ?? '');
    expect(sent).toHaveLength((await peer.all('org_organisation')).length);
    expect(sent.filter((r) => r.deleted).map((r) => r.uuid).sort()).toEqual(tombstones.map((r) => r.uuid).sort());

    // Checkpoints: the newest peer mtime imported (no +1 s), in the peer's clock domain.
    expect((await a.task('org_organisation')).lastPull).toBe(await peerNewest('org_organisation'));
    expect((await a.task('pr_person')).lastPull).toBe(await peerNewest('pr_person'));
    // Nothing local to send: the push ran and found nothing, no pending change appeared.
    expect(report.repositories[0]?.tasks.every((t) => t.push.kind === 'ok')).toBe(true);
    expect(await a.store.pending('org_organisation')).toEqual([]);
    const log = await a.store.listLog();
    expect(log.filter((e) => e.mode === 'login').map((e) => e.result)).toEqual(['success']);
    expect(log.filter((e) => e.mode === 'register').map((e) => e.result)).toEqual(['success']);
  });

  it('incremental sync: a change made through another device arrives alone, with msince = checkpoint', async () => {
    const a = await device('inc-a');
    const b = await device('inc-b');
    await a.sync();
    await b.sync();
    const checkpoint = (await a.task('org_organisation')).lastPull;
    expect(checkpoint).not.toBeNull();

    peer.clock.tick();
    const target = (await b.store.list('org_organisation')).find((r) => !r.deleted && r.modified_on !== checkpoint);
    if (target === undefined) throw new Error('no organisation to edit');
    await b.store.saveLocal('org_organisation', { uuid: target.uuid, fields: { name: 'Renamed by B', comments: 'edited' } });
    peer.clock.tick();
    const pushed = await b.sync();
    expect(pushed.repositories[0]?.tasks[0]?.push).toMatchObject({ kind: 'ok' });
    expect(await b.store.pending('org_organisation')).toEqual([]);
    expect((await peer.record('org_organisation', target.uuid))?.fields).toMatchObject({ name: 'Renamed by B', comments: 'edited' });

    peer.clock.tick();
    const before = a.exchanges.length;
    const report = await a.sync();
    expect(report.status).toBe('success');
    const pulls = pullsOf(a.exchanges.slice(before), 'org_organisation');
    expect(pulls).toHaveLength(1);
    const request = pulls[0];
    if (request === undefined) throw new Error('no pull');
    // One request on /sync/sync.xml with the checkpoint as msince (spec 2.4).
    expect(request.url.pathname).toBe('/eden/sync/sync.xml');
    expect(request.url.searchParams.get('msince')).toBe(checkpoint);
    // The change, plus only records stamped exactly at the checkpoint (msince is `>=` and the
    // checkpoint has no +1 s, by design: spec 8.14): never the rest of the table.
    const arrived = topLevelResources(request.body);
    expect(arrived.map((r) => r.uuid)).toContain(target.uuid);
    for (const r of arrived.filter((x) => x.uuid !== target.uuid)) expect(r.modifiedOn).toBe(checkpoint);
    expect(arrived.length).toBeLessThan((await peer.all('org_organisation')).length / 4);

    expect(dataOf(await a.store.get('org_organisation', target.uuid))).toEqual(dataOf(await peer.record('org_organisation', target.uuid)));
    expect((await a.task('org_organisation')).lastPull).toBe((await peer.record('org_organisation', target.uuid))?.modified_on);

    // Nothing changed since: the next pull brings only the boundary record again.
    const again = a.exchanges.length;
    await a.sync();
    const next = pullsOf(a.exchanges.slice(again), 'org_organisation')[0];
    expect(next?.url.searchParams.get('msince')).toBe((await a.task('org_organisation')).lastPull);
    expect(topLevelResources(next?.body ?? '').map((r) => r.uuid)).toEqual([target.uuid]);
  });

  it('a local edit is pushed, and another device pulls identical field values', async () => {
    const a = await device('edit-a');
    const b = await device('edit-b');
    await a.sync();
    await b.sync();
    peer.clock.tick();
    const person = (await a.store.list('pr_person'))[0];
    if (person === undefined) throw new Error('no person');
    await a.store.saveLocal('pr_person', {
      uuid: person.uuid,
      fields: { first_name: 'Zoë', last_name: "O'Brien & <Sons>", middle_name: 'naïve 北京', gender: 2, date_of_birth: '1988-02-29' },
    });
    const created = await a.store.saveLocal('org_organisation', { fields: { name: 'Created on A', acronym: 'COA', year: 2026, website: 'https://a.example.org/?q=1&r=2' } });
    expect((await a.store.pending('pr_person')).map((p) => p.uuid)).toEqual([person.uuid]);

    peer.clock.tick();
    const pushed = await a.sync();
    expect(pushed.status).toBe('success');
    expect(await a.store.pending('pr_person')).toEqual([]);
    expect(await a.store.pending('org_organisation')).toEqual([]);
    const pushes = a.exchanges.filter((e) => e.method === 'POST' && e.url.pathname === '/eden/sync/sync.xml');
    expect(pushes.map((e) => e.url.searchParams.get('resource')).sort()).toEqual(['org_organisation', 'pr_person']);

    peer.clock.tick();
    expect((await b.sync()).status).toBe('success');
    for (const [table, uuid] of [['pr_person', person.uuid], ['org_organisation', created.uuid]] as const) {
      const onA = await a.store.get(table, uuid);
      const onB = await b.store.get(table, uuid);
      const atPeer = await peer.record(table, uuid);
      expect(onB?.fields, `${table} on B`).toEqual(onA?.fields);
      expect(atPeer?.fields, `${table} at the peer`).toEqual(onA?.fields);
      expect(onB?.modified_on).toBe(onA?.modified_on);
    }
    // Created on A (mci 0), one hop at the peer, two on B.
    expect((await a.store.get('org_organisation', created.uuid))?.mci).toBe(0);
    expect((await b.store.get('org_organisation', created.uuid))?.mci).toBe(2);
    expect(await b.store.listConflicts()).toEqual([]);
  });

  it('a local delete propagates: A deletes, pushes; B pulls and has the record deleted', async () => {
    const a = await device('del-a');
    const b = await device('del-b');
    await a.sync();
    await b.sync();
    // An organisation without offices (offices restrict the delete, spec 4.10 / matrix DEL-028).
    const withOffices = new Set((await peer.all('org_office')).filter((o) => !o.deleted).map((o) => o.parent?.uuid));
    const victim = (await a.store.list('org_organisation')).find((r) => !withOffices.has(r.uuid));
    if (victim === undefined) throw new Error('no organisation without offices');
    expect((await b.store.get('org_organisation', victim.uuid))?.deleted).toBe(false);

    peer.clock.tick();
    await a.store.removeLocal('org_organisation', victim.uuid);
    expect((await a.store.pending('org_organisation')).map((p) => [p.uuid, p.op])).toEqual([[victim.uuid, 'delete']]);
    peer.clock.tick();
    const pushed = await a.sync();
    expect(pushed.status).toBe('success');
    expect(await a.store.pending('org_organisation')).toEqual([]);
    expect((await peer.record('org_organisation', victim.uuid))?.deleted).toBe(true);

    peer.clock.tick();
    expect((await b.sync()).status).toBe('success');
    const onB = await b.store.get('org_organisation', victim.uuid);
    expect(onB?.deleted).toBe(true);
    expect((await b.store.list('org_organisation')).some((r) => r.uuid === victim.uuid)).toBe(false);
    expect(await b.store.listConflicts()).toEqual([]);
  });

  it('a record the peer refuses stays pending with the peer message; the others are acknowledged', async () => {
    const a = await device('reject');
    await a.sync();
    peer.clock.tick();
    const good = await a.store.saveLocal('org_organisation', { fields: { name: 'Valid organisation', acronym: 'VO' } });
    const bad = await a.store.saveLocal('org_organisation', { fields: { acronym: 'NONAME', phone: '+1 555 0100' } });
    const edited = (await a.store.list('org_organisation'))[1];
    if (edited === undefined) throw new Error('no organisation');
    await a.store.saveLocal('org_organisation', { uuid: edited.uuid, fields: { comments: 'checked' } });

    peer.clock.tick();
    const report = await a.sync();
    const task = report.repositories[0]?.tasks.find((t) => t.resourceName === 'org_organisation');
    expect(task?.push.kind).toBe('ok');
    expect(task?.status).toBe('warning');
    expect(report.status).toBe('warning');

    const pending = await a.store.pending('org_organisation');
    expect(pending.map((p) => p.uuid)).toEqual([bad.uuid]);
    expect(pending[0]?.error).toMatch(/name.*required/i);
    expect(await peer.record('org_organisation', bad.uuid)).toBeUndefined();
    expect((await peer.record('org_organisation', good.uuid))?.fields).toMatchObject({ name: 'Valid organisation', acronym: 'VO' });
    expect((await peer.record('org_organisation', edited.uuid))?.fields['comments']).toBe('checked');
    const entry = (await a.store.listLog()).find((e) => e.mode === 'push' && e.resourceName === 'org_organisation');
    expect(entry).toMatchObject({ result: 'warning', remote: true });
    expect(entry?.message).toContain(bad.uuid);

    // Not re-sent while unchanged (it would be refused again) ...
    peer.clock.tick();
    const before = a.exchanges.length;
    await a.sync();
    expect(a.exchanges.slice(before).filter((e) => e.method === 'POST' && e.url.searchParams.get('resource') === 'org_organisation')).toEqual([]);
    expect((await a.store.pending('org_organisation')).map((p) => p.uuid)).toEqual([bad.uuid]);
    // ... and accepted once fixed.
    await a.store.saveLocal('org_organisation', { uuid: bad.uuid, fields: { name: 'Now named' } });
    peer.clock.tick();
    expect((await a.sync()).status).toBe('success');
    expect(await a.store.pending('org_organisation')).toEqual([]);
    expect((await peer.record('org_organisation', bad.uuid))?.fields).toMatchObject({ name: 'Now named', acronym: 'NONAME' });
  });

  it('EdenSyncAdapter.synchronize(lock) runs its own repository only and reports progress', async () => {
    const a = await device('adapter');
    // A second repository without URL: a run over every repository would fail it (FATAL connect).
    await a.store.putRepository({ ...a.repository, id: 'elsewhere', name: 'Elsewhere', url: '' });
    await a.store.putTask({ ...(await a.task('pr_person')), id: 'elsewhere-person', repositoryId: 'elsewhere' });
    const transport = createHttpTransport({ credentials: DEMO, retry: null });
    const progress: SyncProgress[] = [];
    const events: RunEvent['kind'][] = [];
    const adapter = new EdenSyncAdapter({
      store: a.store,
      repository: a.repository,
      clock: peer.clock,
      active: { transport, onProgress: (p) => progress.push(p) },
    });
    const lock = new InProcessLock();
    const report = await adapter.synchronize(lock, { onEvent: (e) => events.push(e.kind) });
    expect(report.status).toBe('success');
    expect(report.repositories.map((r) => r.repositoryId)).toEqual([a.repository.id]);
    expect(events[0]).toBe('run-started');
    expect(events.at(-1)).toBe('run-finished');
    expect(events.filter((e) => e === 'task-finished')).toHaveLength(2);
    expect(progress.some((p) => p.operation === 'pull' && p.phase === 'import' && p.resource === 'pr_person' && p.records > 0)).toBe(true);
    expect((await a.store.list('pr_person')).length).toBe((await peer.all('pr_person')).filter((r) => !r.deleted).length);

    // synchronize() over every repository: the URL-less one fails on its own, the peer's succeeds;
    // progress is tagged with the repository; a second run while one holds the lock is busy.
    const tagged: SynchronizeProgress[] = [];
    const deps = { store: a.store, transport, clock: peer.clock, lock, onProgress: (p: SynchronizeProgress) => tagged.push(p) };
    const [all, busy] = await Promise.all([synchronize(deps), synchronize(deps)]);
    expect(busy.status).toBe('busy');
    expect(all.repositories.map((r) => [r.repositoryId, r.status])).toEqual([
      [a.repository.id, 'success'],
      ['elsewhere', 'fatal'],
    ]);
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((p) => p.repositoryId === a.repository.id)).toBe(true);
  });
});
