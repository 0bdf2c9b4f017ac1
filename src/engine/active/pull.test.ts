/**
 * Where the pull checkpoint comes from (architecture invariant 2): only `modified_on` values the
 * peer sent, and never past a record the import refused with an error
 * (docs/decisions/0015-checkpoint-not-past-rejected.md). A fake transport serves the pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../adapters/db/open-local-store.js';
import type { Repository, SyncTask } from '../../core/model/sync.js';
import type { LocalStore } from '../../ports/local-store.js';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../../ports/transport.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { pull } from './pull.js';

const ORG = 'org_organisation';
const repository: Repository = { id: 'peer', name: 'peer', url: 'http://peer.test/eden', username: 'u', peerUuid: null, registered: true, lastConnected: null };
const baseTask: SyncTask = {
  id: 'task', repositoryId: 'peer', resourceName: ORG, mode: 'pull', strategy: ['create', 'update', 'delete', 'merge'],
  updatePolicy: 'NEWER', conflictPolicy: 'NEWER', lastPull: null, lastPush: null, components: false, filters: [],
};

/** An org element: [uuid, name ('' = refused: a name is required), modified_on or null]. */
type Org = readonly [string, string, string | null];
const element = ([uuid, name, mtime]: Org): string =>
  `<resource name="${ORG}" uuid="${uuid}"${mtime === null ? '' : ` modified_on="${mtime}"`}>${name === '' ? '' : `<data field="name">${name}</data>`}</resource>`;
const doc = (...orgs: Org[]): string => `<s3xml success="${orgs.length > 0}" results="${orgs.length}">${orgs.map(element).join('')}</s3xml>`;

type Handler = (request: TransportRequest) => string | TransportResponse;
function transport(handler: Handler): Transport & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    async request(request) {
      urls.push(request.url);
      const out = handler(request);
      return typeof out === 'string' ? { status: 200, headers: {}, body: out, bytes: out.length } : out;
    },
  };
}

let store: LocalStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** A store holding the repository and the task; the device clock is far ahead of the peer's. */
async function setup(task: Partial<SyncTask> = {}): Promise<{ store: LocalStore; clock: { now(): number } }> {
  const clock = { now: () => Date.UTC(2031, 0, 1) };
  store = await openLocalStore(uniqueDbName('pull'), { ...testIndexedDB(), clock });
  await store.syncConfig();
  await store.putRepository(repository);
  await store.putTask({ ...baseTask, ...task });
  return { store, clock };
}

async function run(s: { store: LocalStore; clock: { now(): number } }, tr: Transport, pageSize = 0) {
  const task = (await s.store.getTask('task')) ?? baseTask;
  return pull({ store: s.store, clock: s.clock, transport: tr, repository, options: { pageSize } }, task);
}

const msinceOf = (url: string | undefined): string | null => new URL(url ?? 'http://x/').searchParams.get('msince');

describe('pull checkpoint: from the peer data only', () => {
  it('an element without modified_on does not move the checkpoint to the device clock', async () => {
    const s = await setup({ lastPull: '2026-01-01T00:00:00' });
    const result = await run(s, transport(() => doc(['urn:uuid:a', 'A', '2026-02-01T00:00:00'], ['urn:uuid:b', 'B', null])));
    expect(result).toMatchObject({ error: null, status: 'success', mtime: '2026-02-01T00:00:00' });
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-02-01T00:00:00');
    expect(await s.store.get(ORG, 'urn:uuid:b')).toBeDefined();
  });

  it('with no element carrying modified_on, the checkpoint stays where it was', async () => {
    const s = await setup({ lastPull: '2026-01-01T00:00:00' });
    const result = await run(s, transport(() => doc(['urn:uuid:b', 'B', null])));
    expect(result).toMatchObject({ error: null, mtime: null });
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-01-01T00:00:00');
  });
});

describe('pull checkpoint: never past a rejected record', () => {
  it('stops at the oldest rejected record, which the next pull fetches again', async () => {
    const s = await setup({ lastPull: '2026-01-01T00:00:00' });
    let fixed = false;
    const tr = transport(() =>
      doc(['urn:uuid:ok', 'OK', '2026-03-01T00:00:00'], ['urn:uuid:bad', fixed ? 'Fixed' : '', '2026-02-01T00:00:00'], ['urn:uuid:ok2', 'OK2', '2026-01-15T00:00:00']),
    );
    const first = await run(s, tr);
    expect(first).toMatchObject({ error: null, status: 'warning', mtime: '2026-02-01T00:00:00' });
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-02-01T00:00:00');
    expect(await s.store.get(ORG, 'urn:uuid:bad')).toBeUndefined();

    fixed = true;
    const second = await run(s, tr);
    expect(msinceOf(tr.urls[1])).toBe('2026-02-01T00:00:00');
    expect(second).toMatchObject({ error: null, status: 'success', mtime: '2026-03-01T00:00:00' });
    expect((await s.store.get(ORG, 'urn:uuid:bad'))?.fields['name']).toBe('Fixed');
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-03-01T00:00:00');
  });

  it('a refusal by the task strategy ("Operation not permitted") does not hold it back', async () => {
    const s = await setup({ lastPull: '2026-01-01T00:00:00', strategy: ['update'] });
    await s.store.write((tx) =>
      tx.putRecords([
        {
          table: ORG, uuid: 'urn:uuid:known', fields: { name: 'Known' }, references: {}, mci: 2, created_on: '2025-01-01T00:00:00',
          modified_on: '2025-01-01T00:00:00', created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null,
          deleted: false, replaced_by: null, parent: null,
        },
      ]),
    );
    const tr = transport(() => doc(['urn:uuid:new', 'New', '2026-02-01T00:00:00'], ['urn:uuid:known', 'Known 2', '2026-03-01T00:00:00']));
    const result = await run(s, tr);
    expect(result).toMatchObject({ status: 'warning', mtime: '2026-03-01T00:00:00' });
    expect(result.message).toContain('Operation not permitted');
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-03-01T00:00:00');
  });

  it('a paged first pull keeps the cap of a rejected record across an interruption and the resume', async () => {
    const s = await setup();
    const pages: Record<string, string> = {
      '0': doc(['urn:uuid:p1', 'P1', '2026-01-01T00:00:01'], ['urn:uuid:p2', '', '2026-01-01T00:00:02']),
      '2': doc(['urn:uuid:p3', 'P3', '2026-01-01T00:00:10'], ['urn:uuid:p4', 'P4', '2026-01-01T00:00:20']),
      '4': doc(['urn:uuid:p5', 'P5', '2026-01-01T00:00:05']),
    };
    let failAt: string | null = '2';
    const tr = transport((request) => {
      const start = new URL(request.url).searchParams.get('start') ?? '';
      if (start === failAt) throw new TransportError('network', 'connection reset');
      const body = pages[start] ?? doc();
      return { status: 200, headers: { date: 'Thu, 01 Jan 2026 00:00:15 GMT' }, body, bytes: body.length };
    });
    const first = await run(s, tr, 2);
    expect(first.error).not.toBeNull();
    const interrupted = await s.store.getTask('task');
    expect(interrupted?.lastPull).toBeNull();
    // The snapshot bound (00:00:14) is lowered to the rejected record, so a resumed run keeps the cap.
    expect(interrupted?.pullCursor).toMatchObject({ nextStart: 2, maxMtime: '2026-01-01T00:00:01', bound: '2026-01-01T00:00:02' });

    failAt = null;
    const second = await run(s, tr, 2);
    expect(second).toMatchObject({ error: null, mtime: '2026-01-01T00:00:02' });
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-01-01T00:00:02');
    expect(await s.store.get(ORG, 'urn:uuid:p5')).toBeDefined();
  });

  it('a paged first pull caps at a record rejected on a later page', async () => {
    const s = await setup();
    const pages: Record<string, string> = {
      '0': doc(['urn:uuid:q1', 'Q1', '2026-01-01T00:00:01'], ['urn:uuid:q2', 'Q2', '2026-01-01T00:00:12']),
      '2': doc(['urn:uuid:q3', '', '2026-01-01T00:00:07']),
    };
    const tr = transport((request) => {
      const body = pages[new URL(request.url).searchParams.get('start') ?? ''] ?? doc();
      return { status: 200, headers: { date: 'Thu, 01 Jan 2026 00:00:15 GMT' }, body, bytes: body.length };
    });
    const result = await run(s, tr, 2);
    expect(result).toMatchObject({ error: null, status: 'warning', mtime: '2026-01-01T00:00:07' });
    expect((await s.store.getTask('task'))?.lastPull).toBe('2026-01-01T00:00:07');
  });
});

describe('pull: removals stamped with the peer time (decision 0017)', () => {
  it('a pulled tombstone keeps its modified_on, not the device clock', async () => {
    const s = await setup({ lastPull: '2026-01-01T00:00:00' });
    await run(s, transport(() => doc(['urn:uuid:gone', 'Gone', '2026-01-10T00:00:00'])));
    const tombstone = `<s3xml success="true" results="1"><resource name="${ORG}" uuid="urn:uuid:gone" deleted="True" mci="1" modified_on="2026-02-01T00:00:00"/></s3xml>`;
    const result = await run(s, transport(() => tombstone));
    expect(result).toMatchObject({ error: null, mtime: '2026-02-01T00:00:00' });
    expect(await s.store.get(ORG, 'urn:uuid:gone')).toMatchObject({ deleted: true, modified_on: '2026-02-01T00:00:00' });
  });
});
