/**
 * Integration harness: the real server (demo peer) on 127.0.0.1 and "devices", each with its own
 * fake-indexeddb factory (so no two share a database), its own store, an HTTP transport over
 * Node's fetch with the demo credentials, and `synchronize()`. One manual clock drives the peer
 * and every device, so that modification times (and with them NEWER) are under the test's control.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import { createHttpTransport } from '../../src/adapters/http/http-transport.js';
import { InProcessLock } from '../../src/adapters/lock/in-process-lock.js';
import type { LocalRecord } from '../../src/core/model/record.js';
import type { Repository, SyncTask } from '../../src/core/model/sync.js';
import type { RunReport } from '../../src/engine/runner/run-report.js';
import { synchronize } from '../../src/engine/synchronize.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { DEFAULT_DEMO_USER } from '../../server/peer/basic-auth.js';
import type { SeedOptions } from '../../server/peer/seed.js';
import { type RunningServer, startServer } from '../../server/start-server.js';

/** The demo peer's account (what `npm start` prints). */
export const DEMO = { username: DEFAULT_DEMO_USER.username, password: DEFAULT_DEMO_USER.password };

/** Small seed: 24 organisations (one tombstone, every 12th), their offices, 10 persons and their contacts. */
export const SMALL_SEED: SeedOptions = { organisations: 24, persons: 10, deletedEvery: 12 };

/** A settable clock shared by the peer and the devices; starts after every seeded mtime. */
export class WorldClock {
  time = Date.UTC(2026, 10, 30, 9, 0, 0);
  now(): number {
    return this.time;
  }
  /** Moves on by `seconds` (mtimes have whole seconds). */
  tick(seconds = 5): void {
    this.time += seconds * 1000;
  }
}

export type Peer = {
  server: RunningServer;
  readonly dataDir: string;
  readonly clock: WorldClock;
  /** Base URL of the demo peer (`.../eden`). */
  readonly edenUrl: string;
  /** The peer's record, or undefined. */
  record(table: string, uuid: string): Promise<LocalRecord | undefined>;
  /** Every record of a table at the peer, tombstones included. */
  all(table: string): Promise<readonly LocalRecord[]>;
  /** Closes the server (the data dir stays); `restart` opens it again on the same port and data. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops and removes the data dir. */
  dispose(): Promise<void>;
};

/** Starts the server in demo-peer mode with a temp data dir and a small seed. */
export async function startPeer(seed: SeedOptions = SMALL_SEED, clock = new WorldClock()): Promise<Peer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'eden-integration-'));
  const options = { dataDir, seed, clock, snapshotDelayMs: 20, distDir: join(dataDir, 'no-dist') };
  let server = await startServer({ ...options, port: 0 });
  const port = Number(new URL(server.url).port);
  let stopped = false;
  const peer: Peer = {
    get server() {
      return server;
    },
    dataDir,
    clock,
    edenUrl: `${server.url}/eden`,
    async record(table, uuid) {
      return server.peer?.store.get(table, uuid);
    },
    async all(table) {
      return (await server.peer?.store.list(table, { includeDeleted: true })) ?? [];
    },
    async stop() {
      stopped = true;
      await server.close();
    },
    async restart() {
      if (!stopped) await server.close();
      server = await startServer({ ...options, port });
      stopped = false;
    },
    async dispose() {
      if (!stopped) await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return peer;
}

/** One HTTP exchange as the device's fetch saw it: `body` is the response's, `sent` the request's (text bodies). */
export type Exchange = { readonly method: string; readonly url: URL; readonly status: number | null; readonly body: string; readonly sent: string };

export type TaskSpec = Partial<Omit<SyncTask, 'id' | 'repositoryId'>> & { readonly resourceName: string };

export type Device = {
  readonly name: string;
  readonly store: LocalStore;
  readonly repository: Repository;
  /** Every exchange of this device, oldest first (response bodies included). */
  readonly exchanges: Exchange[];
  /** Retries the transport made (attempt, code). */
  readonly retries: { attempt: number; code: string }[];
  sync(): Promise<RunReport>;
  /** The user types another password: later runs use it. */
  setPassword(password: string): void;
  task(resourceName: string): Promise<SyncTask>;
  close(): void;
};

let devices = 0;

/** The repository id every device gives the peer. */
export const REPOSITORY_ID = 'demo-peer';

/**
 * A device: its own IndexedDB factory and store, one repository (the peer) and the given tasks
 * (default policies as Eden's task defaults: mode both, all methods, NEWER/NEWER).
 */
export async function openDevice(
  peer: Pick<Peer, 'edenUrl' | 'clock'>,
  name: string,
  tasks: readonly TaskSpec[],
  options: { password?: string; url?: string } = {},
): Promise<Device> {
  devices += 1;
  const store = await openLocalStore(`device-${name}-${devices}`, { indexedDB: new IDBFactory(), IDBKeyRange, clock: peer.clock });
  await store.syncConfig();
  const repository: Repository = {
    id: REPOSITORY_ID,
    name: 'Demo peer',
    url: options.url ?? peer.edenUrl,
    username: DEMO.username,
    peerUuid: null,
    registered: false,
    lastConnected: null,
  };
  await store.putRepository(repository);
  for (const spec of tasks) {
    await store.putTask({
      id: `${name}-${spec.resourceName}`,
      repositoryId: repository.id,
      mode: 'both',
      strategy: ['create', 'update', 'delete', 'merge'],
      updatePolicy: 'NEWER',
      conflictPolicy: 'NEWER',
      lastPull: null,
      lastPush: null,
      components: false,
      filters: [],
      ...spec,
    });
  }
  const exchanges: Exchange[] = [];
  const retries: { attempt: number; code: string }[] = [];
  const recordingFetch = async (input: string, init: RequestInit): Promise<Response> => {
    const method = init.method ?? 'GET';
    const sent = typeof init.body === 'string' ? init.body : '';
    try {
      const response = await fetch(input, init);
      const body = await response.clone().text();
      exchanges.push({ method, url: new URL(input), status: response.status, body, sent });
      return response;
    } catch (error) {
      exchanges.push({ method, url: new URL(input), status: null, body: '', sent });
      throw error;
    }
  };
  const transportWith = (password: string) =>
    createHttpTransport({
      credentials: { username: DEMO.username, password },
      fetch: recordingFetch,
      timeoutMs: 10_000,
      // The real backoff policy, without real waiting.
      sleep: async () => undefined,
      random: () => 0.5,
      onRetry: (attempt, _delay, code) => retries.push({ attempt, code }),
    });
  let transport = transportWith(options.password ?? DEMO.password);
  const lock = new InProcessLock();
  return {
    name,
    store,
    repository,
    exchanges,
    retries,
    sync: () => synchronize({ store, transport, clock: peer.clock, lock }),
    setPassword(password) {
      transport = transportWith(password);
    },
    async task(resourceName) {
      const task = await store.getTask(`${name}-${resourceName}`);
      if (task === undefined) throw new Error(`no task ${resourceName} on ${name}`);
      return task;
    },
    close: () => store.close(),
  };
}

/** uuid and `modified_on` of the top-level resources of an S3XML document. */
export function topLevelResources(xml: string): { uuid: string; modifiedOn: string | null; deleted: boolean }[] {
  const out: { uuid: string; modifiedOn: string | null; deleted: boolean }[] = [];
  let depth = 0;
  const tags = /<(\/?)resource\b([^>]*?)(\/?)>/g;
  for (let match = tags.exec(xml); match !== null; match = tags.exec(xml)) {
    const [, closing, attrs = '', selfClosing] = match;
    if (closing === '/') {
      depth -= 1;
      continue;
    }
    if (depth === 0) {
      const attr = (n: string): string | null => new RegExp(`\\b${n}="([^"]*)"`).exec(attrs)?.[1] ?? null;
      out.push({ uuid: attr('uuid') ?? '', modifiedOn: attr('modified_on'), deleted: attr('deleted') === 'True' });
    }
    if (selfClosing !== '/') depth += 1;
  }
  return out;
}

/** The pulls of one resource among a device's exchanges (login probes excluded). */
export function pullsOf(exchanges: readonly Exchange[], resource: string): Exchange[] {
  const direct = `/${resource.replace('_', '/')}/sync.xml`;
  return exchanges.filter(
    (e) =>
      e.method === 'GET' &&
      (e.url.pathname.endsWith(direct) || e.url.searchParams.get('resource') === resource) &&
      e.url.searchParams.get('msince') !== '9999-12-31T23:59:59',
  );
}

/** A record's data as compared across sides: fields, references, deleted flag. */
export function dataOf(record: LocalRecord | undefined): unknown {
  if (record === undefined) return undefined;
  return { fields: record.fields, references: record.references, deleted: record.deleted };
}
