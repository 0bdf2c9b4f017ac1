/** Fixtures for the active-operation tests: a fresh store, a repository, a task, a transport. */
import type { Repository, SyncTask } from '../../src/core/model/sync.js';
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import { createHttpTransport, type HttpTransportOptions } from '../../src/adapters/http/http-transport.js';
import type { ActiveContext, ActiveOptions } from '../../src/engine/active/active-context.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';
import { BASE, fakeSleep, PASSWORD, REPO_UUID, USER } from './msw-support.js';

export const repository: Repository = {
  id: 'repo-1',
  name: 'Eden test server',
  url: BASE,
  username: USER,
  peerUuid: null,
  registered: false,
  lastConnected: null,
};

export function makeTask(overrides: Partial<SyncTask> = {}): SyncTask {
  return {
    id: 'task-org',
    repositoryId: repository.id,
    resourceName: 'org_organisation',
    mode: 'both',
    strategy: ['create', 'update', 'delete'],
    updatePolicy: 'NEWER',
    conflictPolicy: 'MASTER',
    lastPull: null,
    lastPush: null,
    components: false,
    filters: [],
    ...overrides,
  };
}

/** A clock fixed at the capture time (late November 2026), settable. */
export class TestClock {
  time = Date.UTC(2026, 10, 29, 22, 10, 0);
  now(): number {
    return this.time;
  }
}

export type Harness = { store: LocalStore; clock: TestClock; waits: number[]; ctx(extra?: Partial<ActiveContext>): ActiveContext };

/** A store whose device uuid is the recorded repository uuid, with the repository and a task stored. */
export async function harness(task: SyncTask | null = makeTask(), transportOptions: Partial<HttpTransportOptions> = {}, options: Partial<ActiveOptions> = {}): Promise<Harness> {
  const clock = new TestClock();
  let n = 0;
  const store = await openLocalStore(uniqueDbName('active'), {
    ...testIndexedDB(),
    clock,
    newUuid: () => (n++ === 0 ? REPO_UUID : `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`),
  });
  await store.syncConfig();
  await store.putRepository(repository);
  if (task) await store.putTask(task);
  const sleeper = fakeSleep();
  const transport = createHttpTransport({ credentials: { username: USER, password: PASSWORD }, sleep: sleeper.sleep, random: () => 0.5, ...transportOptions });
  return {
    store,
    clock,
    waits: sleeper.waits,
    ctx: (extra = {}) => ({ store, transport, clock, repository, options, ...extra }),
  };
}

/** A tiny S3XML page of org_organisation records `[uuid, name, modified_on]`. */
export function page(records: readonly (readonly [string, string, string])[], attrs = ''): string {
  const body = records
    .map(([uuid, name, mtime]) => `<resource name="org_organisation" uuid="${uuid}" mci="1" created_on="${mtime}" modified_on="${mtime}"><data field="name">${name}</data></resource>`)
    .join('');
  return `<?xml version='1.0' encoding='utf-8'?>\n<s3xml success="${records.length > 0}"${attrs} results="${records.length}" domain="vm" url="${BASE}">${body}</s3xml>`;
}
