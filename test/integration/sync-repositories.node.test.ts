/**
 * End-to-end over real HTTP (decision 0014): one device synchronizing with two demo peers, and
 * component records pushed nested under their master.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/core/model/sync.js';
import { type Device, openDevice, type Peer, startPeer, WorldClock } from './integration-support.js';

const ORG = 'org_organisation';
const OFFICE = 'org_office';

let first: Peer;
let second: Peer;
const opened: Device[] = [];

beforeAll(async () => {
  const clock = new WorldClock();
  first = await startPeer(undefined, clock);
  second = await startPeer(undefined, clock);
});
afterAll(async () => {
  for (const d of opened) d.close();
  await first.dispose();
  await second.dispose();
});

const pushedBodies = (d: Device): string[] => d.exchanges.filter((e) => e.method === 'POST' && e.url.pathname.endsWith('/sync/sync.xml')).map((e) => e.sent);

/** A device syncing `org_organisation` with the first peer (its default repository) and the second. */
async function deviceWithTwoPeers(name: string): Promise<Device> {
  const d = await openDevice(first, name, [{ resourceName: ORG }]);
  opened.push(d);
  const repository: Repository = { ...d.repository, id: 'second-peer', name: 'Second peer', url: second.edenUrl };
  await d.store.putRepository(repository);
  const task = await d.task(ORG);
  await d.store.putTask({ ...task, id: `${name}-second-${ORG}`, repositoryId: repository.id });
  return d;
}

describe('one device, two repositories', () => {
  it('a local edit and a local create reach both peers, and then leave pending', async () => {
    const d = await deviceWithTwoPeers('two-peers');
    first.clock.tick();
    expect((await d.sync()).status).toBe('success');
    const [target] = await d.store.list(ORG);
    const uuid = target?.uuid ?? '';
    first.clock.tick();
    await d.store.saveLocal(ORG, { uuid, fields: { phone: '+41 9 999' } });
    const created = await d.store.saveLocal(ORG, { fields: { name: 'Made on the device', acronym: 'MD' } });
    first.clock.tick();
    const report = await d.sync();
    expect(report.status).toBe('success');
    for (const peer of [first, second]) {
      expect((await peer.record(ORG, uuid))?.fields['phone']).toBe('+41 9 999');
      expect((await peer.record(ORG, created.uuid))?.fields).toMatchObject({ name: 'Made on the device', acronym: 'MD' });
    }
    expect(await d.store.pending(ORG)).toEqual([]);
    // Nothing is pushed again.
    const pushes = pushedBodies(d).length;
    first.clock.tick();
    expect((await d.sync()).status).toBe('success');
    expect(pushedBodies(d)).toHaveLength(pushes);
  });
});

describe('components', () => {
  it('a new office under a peer organisation is pushed nested with the organisation task, once', async () => {
    const d = await openDevice(first, 'components', [{ resourceName: ORG }]);
    opened.push(d);
    first.clock.tick();
    expect((await d.sync()).status).toBe('success');
    const [org] = await d.store.list(ORG);
    const master = org?.uuid ?? '';
    first.clock.tick();
    const office = await d.store.saveLocal(OFFICE, { fields: { name: 'Device field office' }, parent: { table: ORG, uuid: master, alias: null } });
    first.clock.tick();
    const report = await d.sync();
    expect(report.status).toBe('success');
    const atPeer = await first.record(OFFICE, office.uuid);
    expect(atPeer?.fields).toMatchObject({ name: 'Device field office' });
    expect(atPeer?.parent?.uuid).toBe(master);
    expect(await d.store.pending(OFFICE)).toEqual([]);
    const pushes = pushedBodies(d);
    expect(pushes.at(-1)).toContain(`uuid="${office.uuid}"`);

    // Its later edit goes by fields, and the organisation is not changed by carrying it.
    const orgBefore = await first.record(ORG, master);
    first.clock.tick();
    await d.store.saveLocal(OFFICE, { uuid: office.uuid, fields: { name: 'Renamed office' } });
    first.clock.tick();
    expect((await d.sync()).status).toBe('success');
    expect((await first.record(OFFICE, office.uuid))?.fields['name']).toBe('Renamed office');
    expect((await first.record(ORG, master))?.fields).toEqual(orgBefore?.fields);
    expect(await d.store.pending(OFFICE)).toEqual([]);
    const count = pushedBodies(d).length;
    first.clock.tick();
    expect((await d.sync()).status).toBe('success');
    expect(pushedBodies(d)).toHaveLength(count);
  });
});
