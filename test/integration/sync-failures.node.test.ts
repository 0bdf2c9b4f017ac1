/**
 * Failures end to end over real HTTP: a wrong password, and the peer going away and coming back
 * (server closed, then restarted on the same port and data directory).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, type Device, openDevice, type Peer, startPeer } from './integration-support.js';

const TASKS = [{ resourceName: 'org_organisation' }, { resourceName: 'pr_person' }];

let peer: Peer | null = null;
const opened: Device[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) d.close();
  await peer?.dispose();
  peer = null;
});

async function setup(): Promise<Peer> {
  peer = await startPeer();
  return peer;
}

async function device(p: Peer, name: string, options: { password?: string } = {}): Promise<Device> {
  const d = await openDevice(p, name, TASKS, options);
  opened.push(d);
  return d;
}

describe('synchronize() failures against the demo peer', () => {
  it('wrong password: a clear FATAL login error, nothing pulled, no checkpoint moved, the password nowhere', async () => {
    const p = await setup();
    // A device that synced once with the right password, then the user typed a wrong one.
    const bad = await device(p, 'pw');
    expect((await bad.sync()).status).toBe('success');
    const checkpoints = [(await bad.task('org_organisation')).lastPull, (await bad.task('pr_person')).lastPull];
    expect(checkpoints.every((c) => c !== null)).toBe(true);
    const lastConnected = (await bad.store.getRepository(bad.repository.id))?.lastConnected;
    const logged = (await bad.store.listLog()).length;
    const sent = bad.exchanges.length;
    // Something to pull (a change at the peer) and something to push: neither may move.
    const other = await device(p, 'pw-other');
    await other.sync();
    const person = (await other.store.list('pr_person'))[0];
    if (person === undefined) throw new Error('no person');
    p.clock.tick();
    await other.store.saveLocal('pr_person', { uuid: person.uuid, fields: { comments: 'changed at the peer' } });
    p.clock.tick();
    await other.sync();

    const password = 'Wr0ng-Secret-Pa55';
    bad.setPassword(password);
    await bad.store.saveLocal('org_organisation', { fields: { name: 'Unsent while locked out' } });
    p.clock.tick();
    const report = await bad.sync();
    expect(report.status).toBe('fatal');
    const repo = report.repositories[0];
    expect(repo?.login).toMatchObject({ kind: 'failed', code: 'auth', transient: false });
    const error = repo?.login.kind === 'failed' ? repo.login.error : '';
    expect(error).toMatch(/wrong user or password/i);
    expect(repo?.tasks.map((t) => [t.pull, t.push])).toEqual([
      [{ kind: 'skipped', reason: 'login-failed' }, { kind: 'skipped', reason: 'login-failed' }],
      [{ kind: 'skipped', reason: 'login-failed' }, { kind: 'skipped', reason: 'login-failed' }],
    ]);

    // Exactly one request (the login probe): 401, no retry, no pull, no push, no registration.
    expect(bad.exchanges.slice(sent).map((e) => [e.method, e.status])).toEqual([['GET', 401]]);
    expect(bad.retries).toEqual([]);

    const log = await bad.store.listLog();
    const fresh = log.slice(0, log.length - logged);
    const logins = fresh.filter((e) => e.mode === 'login');
    expect(fresh).toEqual(logins);
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ action: 'login', result: 'fatal', remote: true, repositoryId: bad.repository.id });
    expect(logins[0]?.message).toMatch(/wrong user or password/i);

    expect([(await bad.task('org_organisation')).lastPull, (await bad.task('pr_person')).lastPull]).toEqual(checkpoints);
    expect((await bad.task('org_organisation')).lastPush).toBeNull();
    expect((await bad.store.get('pr_person', person.uuid))?.fields['comments']).not.toBe('changed at the peer');
    expect((await bad.store.pending('org_organisation')).length).toBe(1);
    expect((await bad.store.getRepository(bad.repository.id))?.lastConnected).toBe(lastConnected);

    // With the right password again, the same device catches up.
    bad.setPassword(DEMO.password);
    p.clock.tick();
    expect((await bad.sync()).status).toBe('success');
    expect((await bad.store.get('pr_person', person.uuid))?.fields['comments']).toBe('changed at the peer');
    expect(await bad.store.pending('org_organisation')).toEqual([]);

    // The password (plain, base64'd in the header, or URL-encoded) appears in no log entry and no report.
    const token = Buffer.from(`${DEMO.username}:${password}`).toString('base64');
    const everything = JSON.stringify({ log: await bad.store.listLog(), report, conflicts: await bad.store.listConflicts(), repo: await bad.store.getRepository(bad.repository.id) });
    for (const secret of [password, token, encodeURIComponent(password)]) expect(everything).not.toContain(secret);
  });

  it('peer down then back: a transient error, nothing lost, checkpoints kept; the next run after restart succeeds', async () => {
    const p = await setup();
    const a = await device(p, 'down');
    const b = await device(p, 'down-b');
    expect((await a.sync()).status).toBe('success');
    expect((await b.sync()).status).toBe('success');
    // A change pushed just before the peer goes down survives its restart (snapshot on close).
    const person = (await b.store.list('pr_person'))[0];
    if (person === undefined) throw new Error('no person');
    p.clock.tick();
    await b.store.saveLocal('pr_person', { uuid: person.uuid, fields: { comments: 'pushed before the outage' } });
    p.clock.tick();
    expect((await b.sync()).status).toBe('success');

    const before = { org: await a.task('org_organisation'), person: await a.task('pr_person') };
    const lastConnected = (await a.store.getRepository(a.repository.id))?.lastConnected;
    p.clock.tick();
    const edit = await a.store.saveLocal('org_organisation', { fields: { name: 'Captured while the peer is down' } });

    await p.stop();
    p.clock.tick();
    const sent = a.exchanges.length;
    const report = await a.sync();
    const repo = report.repositories[0];
    // An outage is an error to retry later, not FATAL (that is for what needs the user).
    expect(report.status).toBe('error');
    expect(repo?.status).toBe('error');
    expect(repo?.login).toMatchObject({ kind: 'failed', code: 'network', transient: true });
    expect(repo?.login.kind === 'failed' ? repo.login.error : '').toMatch(/could not be reached/i);
    // Transient: the transport retried with backoff (network errors), then gave up.
    expect(a.retries.length).toBeGreaterThan(0);
    expect(a.retries.every((r) => r.code === 'network')).toBe(true);
    expect(a.exchanges.slice(sent).every((e) => e.status === null)).toBe(true);
    const login = (await a.store.listLog()).find((e) => e.mode === 'login');
    expect(login).toMatchObject({ result: 'error', remote: false });

    // Nothing lost, nothing moved.
    expect(await a.task('org_organisation')).toEqual(before.org);
    expect(await a.task('pr_person')).toEqual(before.person);
    expect((await a.store.pending('org_organisation')).map((c) => c.uuid)).toEqual([edit.uuid]);
    expect((await a.store.get('org_organisation', edit.uuid))?.fields['name']).toBe('Captured while the peer is down');
    expect((await a.store.getRepository(a.repository.id))?.lastConnected).toBe(lastConnected);

    // The peer comes back on the same port with the same data directory.
    await p.restart();
    p.clock.tick();
    const again = await a.sync();
    expect(again.status).toBe('success');
    expect(await a.store.pending('org_organisation')).toEqual([]);
    expect((await p.record('org_organisation', edit.uuid))?.fields['name']).toBe('Captured while the peer is down');
    // B's change from before the outage was kept by the peer and reaches A now.
    expect((await p.record('pr_person', person.uuid))?.fields['comments']).toBe('pushed before the outage');
    expect((await a.store.get('pr_person', person.uuid))?.fields['comments']).toBe('pushed before the outage');
    expect((await a.task('pr_person')).lastPull).toBe((await p.record('pr_person', person.uuid))?.modified_on);
    expect((await a.task('org_organisation')).lastPull! >= before.org.lastPull!).toBe(true);
  });
});
