/**
 * One device, two repositories (decision 0014): a pull from one repository settles pending edits
 * for that repository only, so an edit the other one never received still goes to it.
 * Found by review: a device-wide settle deleted an edit repository B was still owed.
 */
import { afterEach, expect, it } from 'vitest';
import { openLocalStore } from '../../adapters/db/open-local-store.js';
import type { Repository, SyncTask } from '../../core/model/sync.js';
import type { LocalStore } from '../../ports/local-store.js';
import type { Transport, TransportRequest } from '../../ports/transport.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { pull } from './pull.js';
import { push } from './push.js';

const ORG = 'org_organisation';
const X = 'urn:uuid:11111111-1111-4111-8111-111111111111';
const OK = '{"status": "success", "statuscode": "200", "records": 1}';
const doc = (mtime: string, name: string, acronym: string): string =>
  `<s3xml success="true" results="1"><resource name="${ORG}" uuid="${X}" modified_on="${mtime}"><data field="name">${name}</data><data field="acronym">${acronym}</data></resource></s3xml>`;

const repo = (id: string): Repository => ({ id, name: id, url: `http://${id}.test/eden`, username: 'u', peerUuid: null, registered: true, lastConnected: null });
const task = (id: string, repositoryId: string): SyncTask => ({
  id, repositoryId, resourceName: ORG, mode: 'both', strategy: ['create', 'update', 'delete', 'merge'],
  updatePolicy: 'NEWER', conflictPolicy: 'NEWER', lastPull: null, lastPush: null, components: false, filters: [],
});

function transport(answer: () => string): Transport & { posted: string[] } {
  const posted: string[] = [];
  return {
    posted,
    async request(request: TransportRequest) {
      if (request.method === 'POST') posted.push(String(request.body));
      const body = answer();
      return { status: 200, headers: {}, body, bytes: body.length };
    },
  };
}

class Clock {
  time = Date.UTC(2026, 10, 30, 9, 0, 0);
  now(): number {
    return this.time;
  }
  tick(): void {
    this.time += 5_000;
  }
}

let store: LocalStore | undefined;
afterEach(() => store?.close());

it('an edit acknowledged by A but not by B survives a pull from A that overwrites a later edit', async () => {
  const clock = new Clock();
  store = await openLocalStore(uniqueDbName('two-repos'), { ...testIndexedDB(), clock });
  const a = repo('peer-a');
  const b = repo('peer-b');
  await store.putRepository(a);
  await store.putRepository(b);
  await store.putTask(task('ta', a.id));
  await store.putTask(task('tb', b.id));
  await pull({ store, clock, transport: transport(() => doc('2026-11-01T00:00:00', 'Org', 'O')), repository: a, options: { pageSize: 0 } }, task('ta', a.id));
  clock.tick();
  await store.saveLocal(ORG, { uuid: X, fields: { acronym: 'NEW' } });
  clock.tick();
  await push({ store, clock, transport: transport(() => OK), repository: a }, task('ta', a.id));
  clock.tick();
  await store.saveLocal(ORG, { uuid: X, fields: { name: 'Mine' } });
  // Someone renamed the record at A later; A holds our acronym (from our push) and their name.
  await pull({ store, clock, transport: transport(() => doc('2026-12-01T00:00:00', 'Theirs', 'NEW')), repository: a, options: { pageSize: 0 } }, task('ta', a.id));

  expect((await store.listConflicts()).map((c) => c.local.fields['name'])).toEqual(['Mine']);
  const toB = transport(() => OK);
  await push({ store, clock, transport: toB, repository: b }, task('tb', b.id));
  expect(toB.posted.some((body) => body.includes('>NEW<'))).toBe(true);
});
