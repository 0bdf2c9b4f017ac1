/**
 * The benchmark cases, one repetition per call, identical in Chromium (real IndexedDB) and Node
 * (fake-indexeddb). State that several cases share (generated XML, the filled stores) lives in
 * this module between calls. Timing uses `performance.now()`; nothing here asserts on a time.
 */
import Dexie from 'dexie';
import { XMLParser } from 'fast-xml-parser';
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import { EdenSyncDb } from '../../src/adapters/db/schema.js';
import { createHttpTransport } from '../../src/adapters/http/http-transport.js';
import { InProcessLock } from '../../src/adapters/lock/in-process-lock.js';
import { ALL_METHODS } from '../../src/core/model/policy.js';
import type { Repository, SyncTask } from '../../src/core/model/sync.js';
import type { ActiveContext } from '../../src/engine/active/active-context.js';
import { login } from '../../src/engine/active/login.js';
import { pull } from '../../src/engine/active/pull.js';
import { push } from '../../src/engine/active/push.js';
import { receive } from '../../src/engine/receive/receive.js';
import { runSync } from '../../src/engine/runner/run-sync.js';
import type { SyncOperations } from '../../src/engine/runner/sync-operations.js';
import { send } from '../../src/engine/send/send.js';
import { SUPER_ENTITIES } from '../../src/core/import/known-tables.js';
import { decodeS3Xml } from '../../src/core/s3xml/index.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import type { Transport } from '../../src/ports/transport.js';
import { documentXml, orgModel, plainRows } from './generate-s3xml.js';

/** Where the cases run: how to get an IndexedDB for a database name, and where the peers are. */
export type BenchEnv = {
  readonly kind: 'chromium' | 'node';
  idb(name: string): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };
  dropDb(name: string): Promise<void>;
  /** Origin of the bench server (the demo peer seeded with N organisations under /demo/N/eden). */
  readonly origin: string;
};

/** The demo peer the sync-run rows talk to (the smallest one; nothing changes on it). */
export const SYNC_PEER = 1000;

export const PAGE_SIZE = 1000;
const RESOURCE = 'org_organisation';
const CREDENTIALS = { username: 'demo@example.com', password: 'eden-sync-demo' };
const clock = { now: () => Date.now() };
const now = (): number => performance.now();
const encoder = new TextEncoder();

const texts = new Map<number, string>();
const stores = new Map<number, { name: string; store: LocalStore }>();
let serial = 0;

function text(n: number): string {
  let xml = texts.get(n);
  if (xml === undefined) {
    xml = documentXml({ from: 0, count: n });
    texts.set(n, xml);
  }
  return xml;
}

/** Drops generated texts (before a heap measurement). */
export function dropTexts(): void {
  texts.clear();
}

async function freshStore(env: BenchEnv, prefix: string): Promise<{ name: string; store: LocalStore }> {
  serial += 1;
  const name = `bench-${prefix}-${serial}`;
  const store = await openLocalStore(name, { ...env.idb(name), clock });
  return { name, store };
}

async function dropStore(env: BenchEnv, entry: { name: string; store: LocalStore } | undefined): Promise<void> {
  if (entry === undefined) return;
  entry.store.close();
  await env.dropDb(entry.name);
}

/** Generates the document of `n` organisations (cached); returns its length in UTF-16 units and bytes. */
export function prepare(n: number): { chars: number; bytes: number } {
  const xml = text(n);
  return { chars: xml.length, bytes: new TextEncoder().encode(xml).byteLength };
}

export type ImportSample = { readonly emptyMs: number; readonly unchangedMs: number; readonly organisations: number; readonly rows: number; readonly status: string };

/**
 * `receive` of `n` organisations into an empty store, then the same text again (every record
 * already there, unchanged). The filled store is kept as the store of size `n` for later cases.
 */
export async function importOnce(env: BenchEnv, n: number): Promise<ImportSample> {
  const xml = text(n);
  await dropStore(env, stores.get(n));
  stores.delete(n);
  const entry = await freshStore(env, `import-${n}`);
  let t = now();
  const first = await receive({ store: entry.store, clock }, xml, RESOURCE, {});
  const emptyMs = now() - t;
  t = now();
  const second = await receive({ store: entry.store, clock }, xml, RESOURCE, {});
  const unchangedMs = now() - t;
  stores.set(n, entry);
  const r = first.response;
  return { emptyMs, unchangedMs, organisations: r.records, rows: r.created.length, status: `${first.status}/${second.status}` };
}

type RawDb = Dexie & { items: Dexie.Table<Record<string, unknown>, [string, string]> };

async function openRawDb(env: BenchEnv, name: string): Promise<RawDb> {
  const db = new Dexie(name, env.idb(name)) as RawDb;
  db.version(1).stores({ items: '[table+uuid]' });
  await db.open();
  return db;
}

/** fast-xml-parser with attributes, no value coercion: the least a decoder must do. */
const rawParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: false });

/** Times of a floor; pull floors add the pages' size (`bytes` in UTF-16 units, `largestPage` in UTF-8 bytes). */
export type FloorSample = {
  readonly parseMs: number;
  readonly putMs: number;
  readonly fetchMs: number;
  readonly rows: number;
  readonly bytes: number;
  readonly pages: number;
  readonly largestPage: number;
};

async function bulkPutFloor(env: BenchEnv, rows: readonly Record<string, unknown>[]): Promise<number> {
  serial += 1;
  const name = `bench-raw-${serial}`;
  const db = await openRawDb(env, name);
  const t = now();
  await db.transaction('rw', db.items, () => db.items.bulkPut(rows as Record<string, unknown>[]));
  const ms = now() - t;
  db.close();
  await env.dropDb(name);
  return ms;
}

/** The import floor: raw parse of the same text + one-transaction bulkPut of as many plain objects as the import writes. */
export async function floorImport(env: BenchEnv, n: number): Promise<FloorSample> {
  const xml = text(n);
  const rows = plainRows(0, n);
  let t = now();
  const tree: unknown = rawParser.parse(xml);
  const parseMs = now() - t;
  if (tree === null) throw new Error('no parse');
  t = now();
  const putMs = await bulkPutFloor(env, rows);
  return { parseMs, putMs, fetchMs: 0, rows: rows.length, bytes: 0, pages: 1, largestPage: 0 };
}

/** Base URL of the demo peer seeded with `total` organisations (proxied by the bench server). */
function demoUrl(env: BenchEnv, total: number): string {
  return `${env.origin}/demo/${total}/eden`;
}

/** Repository and task of a fresh client store. */
async function setUpSync(store: LocalStore, url: string, resources: readonly string[], lastPull: string | null): Promise<{ repository: Repository; tasks: SyncTask[] }> {
  const repository: Repository = { id: 'bench-peer', name: 'bench peer', url, username: CREDENTIALS.username, peerUuid: null, registered: true, lastConnected: null };
  await store.putRepository(repository);
  const tasks = resources.map(
    (resourceName): SyncTask => ({
      id: `task-${resourceName}`,
      repositoryId: repository.id,
      resourceName,
      mode: 'both',
      strategy: ALL_METHODS,
      updatePolicy: 'NEWER',
      conflictPolicy: 'NEWER',
      lastPull,
      lastPush: null,
      components: true,
      filters: [],
    }),
  );
  for (const task of tasks) await store.putTask(task);
  return { repository, tasks };
}

/** A transport that adds up the time spent in requests (round trips; overlapping ones count in full). */
function timedTransport(): { transport: Transport; spent: { ms: number; requests: number } } {
  const inner = createHttpTransport({ credentials: CREDENTIALS, retry: null });
  const spent = { ms: 0, requests: 0 };
  return {
    spent,
    transport: {
      async request(request) {
        const t = now();
        try {
          return await inner.request(request);
        } finally {
          spent.ms += now() - t;
          spent.requests += 1;
        }
      },
    },
  };
}

export type PullSample = { readonly ms: number; readonly fetchMs: number; readonly requests: number; readonly error: string | null; readonly records: number };

/**
 * First sync (full, paged) of `total` organisations from the demo peer seeded with that many,
 * into an empty store, `pageSize` masters per page. `onStart`/`onEnd` let the caller sample
 * memory around exactly the pull.
 */
export async function pullOnce(env: BenchEnv, total: number, pageSize: number = PAGE_SIZE, hooks: { onStart?: () => void; onEnd?: () => void } = {}): Promise<PullSample> {
  const entry = await freshStore(env, `pull-${total}`);
  try {
    const { repository, tasks } = await setUpSync(entry.store, demoUrl(env, total), [RESOURCE], null);
    const { transport, spent } = timedTransport();
    const ctx: ActiveContext = { store: entry.store, transport, clock, repository, options: { pageSize } };
    const task = tasks[0] as SyncTask;
    hooks.onStart?.();
    const t = now();
    const result = await pull(ctx, task);
    const ms = now() - t;
    hooks.onEnd?.();
    const records = await entry.store.countRecords(RESOURCE, { includeDeleted: true });
    return { ms, fetchMs: spent.ms, requests: spent.requests, error: result.error, records };
  } finally {
    await dropStore(env, entry);
  }
}

type RawNode = Record<string, unknown>;
const listOf = (value: unknown): RawNode[] => (Array.isArray(value) ? (value as RawNode[]) : value === undefined || value === null ? [] : [value as RawNode]);

/**
 * Plain rows of a raw-parsed page, one per record a first pull writes (live masters and their
 * components; not tombstones, not the super-entity rows the import skips): table, uuid,
 * modified_on, deleted, the data fields, the parent.
 */
function rowsOfTree(tree: unknown, out: Record<string, unknown>[]): void {
  const visit = (node: RawNode, parent: string | null): void => {
    const table = String(node['@_name'] ?? '');
    // tombstones of records this store never had are not written; super-entity rows are skipped
    if (SUPER_ENTITIES.has(table) || node['@_deleted'] === 'True') return;
    const uuid = String(node['@_uuid'] ?? '');
    const fields: Record<string, unknown> = {};
    for (const data of listOf(node['data'])) fields[String(data['@_field'])] = data['@_value'] ?? data['#text'] ?? '';
    out.push({ table, uuid, modified_on: node['@_modified_on'] ?? null, deleted: false, fields, parent });
    for (const component of listOf(node['resource'])) visit(component, uuid);
  };
  for (const resource of listOf(((tree as RawNode)['s3xml'] as RawNode | undefined)?.['resource'])) visit(resource, null);
}

/**
 * The pull floor: raw `fetch` + `text()` of the same pages, a raw parse of each, and one bulkPut
 * of the rows the parse gives (built untimed from the parse tree).
 */
export async function floorPull(env: BenchEnv, total: number, pageSize: number = PAGE_SIZE): Promise<FloorSample> {
  const base = demoUrl(env, total);
  const auth = `Basic ${btoa(`${CREDENTIALS.username}:${CREDENTIALS.password}`)}`;
  let fetchMs = 0;
  let parseMs = 0;
  let bytes = 0;
  let pages = 0;
  let largestPage = 0;
  const rows: Record<string, unknown>[] = [];
  for (let start = 0; ; start += pageSize) {
    const t = now();
    const response = await fetch(`${base}/org/organisation/sync.xml?repository=bench&include_deleted=True&start=${start}&limit=${pageSize}`, { headers: { Authorization: auth } });
    const body = await response.text();
    fetchMs += now() - t;
    if (!response.ok) throw new Error(`floor fetch ${response.status}`);
    bytes += body.length;
    largestPage = Math.max(largestPage, encoder.encode(body).byteLength);
    pages += 1;
    const p = now();
    const tree: unknown = rawParser.parse(body);
    parseMs += now() - p;
    rowsOfTree(tree, rows);
    const results = Number(/results="(\d+)"/.exec(body.slice(0, 4096))?.[1] ?? '0');
    if (results < pageSize) break;
  }
  const putMs = await bulkPutFloor(env, rows);
  return { parseMs, putMs, fetchMs, rows: rows.length, bytes, pages, largestPage };
}

/** Organisations (live, spread over the table) that get a local edit, so they are pending. */
function pendingUuids(n: number, count: number): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(n / count));
  for (let i = 0; out.length < count && i < n; i += step) {
    const m = orgModel(i);
    out.push(m.deleted ? orgModel(i + 1).uuid : m.uuid);
  }
  return out;
}

const edited = new Set<number>();

export type SendPendingSample = {
  readonly sendMs: number[];
  readonly bulkGetMs: number[];
  readonly results: number;
  readonly pending: number;
  /** One extra send with the store calls counted: calls and span (first call..last settle) per method. */
  readonly storeCalls: Record<string, { calls: number; spanMs: number }>;
};

/**
 * `send` of 100 pending changes from the store of size `n` (made by `importOnce`), `reps` times,
 * and a raw Dexie bulkGet of the same 100 records (a second connection to the same database).
 */
export async function sendPending(env: BenchEnv, n: number, count: number, reps: number): Promise<SendPendingSample> {
  const entry = stores.get(n);
  if (entry === undefined) throw new Error(`no store of size ${n}; run importOnce first`);
  const uuids = pendingUuids(n, count);
  if (!edited.has(n)) {
    for (const uuid of uuids) {
      const record = await entry.store.get(RESOURCE, uuid);
      if (record === undefined) throw new Error(`missing ${uuid}`);
      await entry.store.saveLocal(RESOURCE, { uuid, fields: { ...record.fields, comments: 'edited offline' }, references: record.references });
    }
    edited.add(n);
  }
  const pending = (await entry.store.listPending(RESOURCE)).length;
  const raw = new EdenSyncDb(entry.name, env.idb(entry.name));
  await raw.open();
  const keys = uuids.map((uuid): [string, string] => [RESOURCE, uuid]);
  const sendMs: number[] = [];
  const bulkGetMs: number[] = [];
  let results = 0;
  await send({ store: entry.store }, RESOURCE, { uuids });
  await raw.records.bulkGet(keys);
  for (let i = 0; i < reps; i += 1) {
    let t = now();
    const out = await send({ store: entry.store }, RESOURCE, { uuids });
    sendMs.push(now() - t);
    results = out.results;
    t = now();
    const got = await raw.records.bulkGet(keys);
    bulkGetMs.push(now() - t);
    if (got.some((row) => row === undefined)) throw new Error('bulkGet missed a record');
  }
  raw.close();
  const methods: MethodTimes = {};
  await send({ store: timedProxy(entry.store, methods) }, RESOURCE, { uuids });
  const storeCalls: Record<string, { calls: number; spanMs: number }> = {};
  for (const [name, m] of Object.entries(methods)) storeCalls[name] = { calls: m.calls, spanMs: Math.max(0, m.last - m.first) };
  return { sendMs, bulkGetMs, results, pending, storeCalls };
}

/** `send` of every record of the store of size `n` (one document). */
export async function sendAll(env: BenchEnv, n: number): Promise<{ ms: number; results: number; chars: number }> {
  const entry = stores.get(n);
  if (entry === undefined) throw new Error(`no store of size ${n}`);
  void env;
  const t = now();
  const out = await send({ store: entry.store }, RESOURCE, {});
  return { ms: now() - t, results: out.results, chars: out.response?.length ?? 0 };
}

export type IncrementalSample = { readonly totalMs: number[]; readonly roundTripMs: number[]; readonly requests: number; readonly status: string };

/**
 * A whole sync run (login, then pull + push of every task) against the demo peer when nothing
 * changed on either side, on the store of size `n` (no pending changes: run this before
 * `sendPending`). One untimed warm-up run, then `reps` timed runs.
 */
export async function incremental(env: BenchEnv, n: number, reps: number): Promise<IncrementalSample> {
  const entry = stores.get(n);
  if (entry === undefined) throw new Error(`no store of size ${n}`);
  const store = entry.store;
  const { tasks } = await setUpSync(store, demoUrl(env, SYNC_PEER), ['org_organisation', 'org_office', 'pr_person'], '2026-12-01T00:00:00');
  void tasks;
  const { transport, spent } = timedTransport();
  const lock = new InProcessLock();
  const ctxOf = (repository: Repository, signal: ActiveContext['signal']): ActiveContext => ({ store, transport, clock, repository, ...(signal ? { signal } : {}) });
  const operations: SyncOperations = {
    login: (repository, signal) => login(ctxOf(repository, signal)),
    pull: (repository, task, signal) => pull(ctxOf(repository, signal), task),
    push: (repository, task, signal) => push(ctxOf(repository, signal), task),
  };
  const runOnce = async (): Promise<{ ms: number; rt: number; status: string }> => {
    spent.ms = 0;
    spent.requests = 0;
    const t = now();
    const report = await runSync({ store, operations, lock, clock });
    return { ms: now() - t, rt: spent.ms, status: report.status };
  };
  await runOnce();
  const totalMs: number[] = [];
  const roundTripMs: number[] = [];
  let status = '';
  for (let i = 0; i < reps; i += 1) {
    const r = await runOnce();
    totalMs.push(r.ms);
    roundTripMs.push(r.rt);
    status = r.status;
  }
  return { totalMs, roundTripMs, requests: spent.requests, status };
}

type MethodTimes = Record<string, { calls: number; first: number; last: number }>;

/** `target` with every method call counted and timed into `methods` (first call start, last settle). */
function timedProxy<T extends object>(target: T, methods: MethodTimes): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        const m = (methods[key] ??= { calls: 0, first: now(), last: 0 });
        m.calls += 1;
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        const thenable = result as { then?: unknown } | null;
        if (thenable !== null && typeof thenable === 'object' && typeof thenable.then === 'function') {
          return (result as Promise<unknown>).then(
            (v) => {
              m.last = now();
              return v;
            },
            (e: unknown) => {
              m.last = now();
              throw e;
            },
          );
        }
        m.last = now();
        return result;
      };
    },
  });
}

export type ImportProfile = {
  readonly totalMs: number;
  readonly decodeMs: number;
  /** The whole `store.write` of the import (reads, planning, writes, commit). */
  readonly transactionMs: number;
  /** Per store method inside the import transaction: calls, start of the first and end of the last call, ms after the write began. */
  readonly methods: Record<string, { calls: number; fromMs: number; toMs: number }>;
};

/**
 * Where an import into an empty store spends its time: `decodeS3Xml` alone, then one `receive`
 * whose transaction is wrapped to time every store call (spans overlap when calls run together).
 */
export async function profileImport(env: BenchEnv, n: number): Promise<ImportProfile> {
  const xml = text(n);
  let t = now();
  decodeS3Xml(xml);
  const decodeMs = now() - t;
  const entry = await freshStore(env, `profile-${n}`);
  const methods: MethodTimes = {};
  let transactionMs = 0;
  let writeStart: number | undefined;
  const wrapTx = <T extends object>(tx: T): T => timedProxy(tx, methods);
  const store = new Proxy(entry.store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'write') {
        return async (work: (tx: object) => Promise<unknown>) => {
          const started = now();
          writeStart ??= started;
          try {
            return await target.write((tx) => work(wrapTx(tx)));
          } finally {
            transactionMs += now() - started;
          }
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  t = now();
  await receive({ store, clock }, xml, RESOURCE, {});
  const totalMs = now() - t;
  await dropStore(env, entry);
  const out: Record<string, { calls: number; fromMs: number; toMs: number }> = {};
  const origin = writeStart ?? 0;
  for (const [name, m] of Object.entries(methods)) out[name] = { calls: m.calls, fromMs: m.first - origin, toMs: Math.max(m.first, m.last) - origin };
  return { totalMs, decodeMs, transactionMs, methods: out };
}

/** Closes and deletes every store this module made. */
export async function cleanup(env: BenchEnv): Promise<void> {
  for (const entry of stores.values()) await dropStore(env, entry);
  stores.clear();
  edited.clear();
  texts.clear();
}
