import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORE_ERROR_MESSAGES } from '../../src/adapters/db/store-error.js';
import type { ActiveContext, SyncProgress } from '../../src/engine/active/active-context.js';
import { pull } from '../../src/engine/active/pull.js';
import { fixtureMeta, fixtureText } from '../support/fixtures.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import type { TransportRequest } from '../../src/ports/transport.js';
import { testIDBClasses } from '../support/idb.js';
import { harness, makeTask, page, type Harness } from './active-support.js';
import { ADMIN_AUTH, BASE, PASSWORD, record, REPO_UUID, replay, type Seen } from './msw-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const DIRECT = `${BASE}/org/organisation/sync.xml`;
const SYNC = `${BASE}/sync/sync.xml`;
const ORG1 = 'urn:uuid:0a000000-0000-4000-8000-000000000001';

describe('pull', () => {
  it('a first pull pages on the direct route and sets the checkpoint to the newest mtime (no +1 s)', async () => {
    const h = await harness();
    const seen: Seen[] = [];
    server.use(
      http.get(DIRECT, async ({ request }) => {
        await record(seen, request);
        return replay('03-pull-full', '01-pull-org_organisation');
      }),
    );
    const progress: SyncProgress[] = [];
    const result = await pull(h.ctx({ onProgress: (p) => progress.push(p) }), makeTask());
    expect(result).toEqual({
      error: null,
      mtime: '2026-11-29T22:05:54',
      status: 'success',
      message: 'Data imported (4 records: 4 created, 0 updated, 0 deleted)',
      idle: false,
    });
    expect(seen.map((s) => s.url)).toEqual([`${DIRECT}?repository=${REPO_UUID}&include_deleted=True&start=0&limit=1000`]);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers['authorization']).toBe(ADMIN_AUTH);
    expect((await h.store.get('org_organisation', ORG1))?.fields['name']).toBe('Alpha Relief Agency');
    const task = await h.store.getTask('task-org');
    expect(task?.lastPull).toBe('2026-11-29T22:05:54');
    expect(task?.pullCursor ?? null).toBeNull();
    const importEvent = progress.find((p) => p.phase === 'import');
    expect(importEvent).toMatchObject({ operation: 'pull', records: 4, page: 1 });
    expect(importEvent?.bytes).toBe(Buffer.byteLength(fixtureText('03-pull-full/01-pull-org_organisation.response.xml')));
    expect((await h.store.listLog())[0]).toMatchObject({ mode: 'pull', action: 'import', result: 'success', transmission: 'outgoing' });
  });

  it('an incremental pull is one request on /sync/sync.xml with msince, exactly as recorded (05/01)', async () => {
    const h = await harness(makeTask({ lastPull: '2026-11-29T22:05:59' }));
    const seen: Seen[] = [];
    server.use(
      http.get(SYNC, async ({ request }) => {
        await record(seen, request);
        return replay('05-pull-msince', '01-pull-org_organisation-msince');
      }),
    );
    const result = await pull(h.ctx(), makeTask({ lastPull: '2026-11-29T22:05:59' }));
    expect(seen.map((s) => s.url)).toEqual([fixtureMeta('05-pull-msince/01-pull-org_organisation-msince.meta.json').request.url]);
    expect(result).toMatchObject({ error: null, mtime: '2026-11-29T22:06:02', status: 'success', idle: false });
    expect((await h.store.getTask('task-org'))?.lastPull).toBe('2026-11-29T22:06:02');
    // Delta updated; the deletion of a record unknown here is a no-op (as in Eden)
    expect(await h.store.get('org_organisation', 'urn:uuid:0a000000-0000-4000-8000-000000000004')).toBeDefined();
  });

  it('sends the task filters as recorded (06/01, one request with pageSize 0)', async () => {
    const task = makeTask({ filters: [{ table: 'org_organisation', selector: '~.name__like', value: 'Beta*' }] });
    const h = await harness(task, {}, { pageSize: 0 });
    const seen: Seen[] = [];
    server.use(
      http.get(SYNC, async ({ request }) => {
        await record(seen, request);
        return replay('06-pull-url-filter', '01-filter-master-name-like');
      }),
    );
    expect((await pull(h.ctx(), task)).error).toBeNull();
    expect(seen.map((s) => s.url)).toEqual([fixtureMeta('06-pull-url-filter/01-filter-master-name-like.meta.json').request.url]);
  });

  it('omits msince under THIS and OTHER although a checkpoint exists', async () => {
    const task = makeTask({ lastPull: '2026-11-29T22:05:59', updatePolicy: 'OTHER' });
    const h = await harness(task);
    const seen: Seen[] = [];
    server.use(
      http.get(DIRECT, async ({ request }) => {
        await record(seen, request);
        return replay('05-pull-msince', '03-pull-org_organisation-msince-future-empty');
      }),
    );
    expect(await pull(h.ctx(), task)).toEqual({
      error: null,
      mtime: null,
      status: 'success',
      message: 'No data to import (already up-to-date)',
      idle: true,
    });
    expect(seen[0]?.url).not.toContain('msince');
    expect((await h.store.getTask('task-org'))?.lastPull).toBe('2026-11-29T22:05:59');
    expect((await h.store.listLog())[0]?.message).toBe('No data to import (already up-to-date)');
  });

  it('returns the logged status itself: warning with the rejected items when some fail the import', async () => {
    const h = await harness(makeTask(), {}, { pageSize: 0 });
    server.use(
      http.get(SYNC, () =>
        HttpResponse.text(
          page([
            ['urn:uuid:ok-1', 'Named', '2026-01-01T00:00:01'],
            ['urn:uuid:bad-1', '', '2026-01-01T00:00:02'],
          ]),
          { headers: { 'Content-Type': 'text/xml' } },
        ),
      ),
    );
    const result = await pull(h.ctx(), makeTask());
    expect(result).toMatchObject({ error: null, mtime: '2026-01-01T00:00:01', status: 'warning', idle: false });
    expect(result.message).toMatch(/^Data imported with errors: .*urn:uuid:bad-1.*name/);
    const [entry] = await h.store.listLog();
    expect(entry).toMatchObject({ mode: 'pull', action: 'import', result: result.status, message: result.message, remote: false });
    expect(await h.store.get('org_organisation', 'urn:uuid:ok-1')).toBeDefined();
    expect(await h.store.get('org_organisation', 'urn:uuid:bad-1')).toBeUndefined();
  });

  it('resumes an interrupted paged pull after the last committed page; the checkpoint waits for the last page', async () => {
    const h = await harness(makeTask(), { retry: null }, { pageSize: 2 });
    const pages: Record<string, string> = {
      '0': page([
        ['urn:uuid:p1', 'P1', '2026-01-01T00:00:01'],
        ['urn:uuid:p2', 'P2', '2026-01-01T00:00:02'],
      ]),
      '2': page([
        ['urn:uuid:p3', 'P3', '2026-01-01T00:00:10'],
        ['urn:uuid:p4', 'P4', '2026-01-01T00:00:20'],
      ]),
      '4': page([['urn:uuid:p5', 'P5', '2026-01-01T00:00:05']]),
    };
    const starts: string[] = [];
    let failStart: string | null = '2';
    server.use(
      http.get(DIRECT, ({ request }) => {
        const start = new URL(request.url).searchParams.get('start') ?? '';
        starts.push(start);
        if (start === failStart) return HttpResponse.text('Service Unavailable', { status: 503 });
        return HttpResponse.text(pages[start] ?? page([]), {
          headers: { 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 2026 00:00:15 GMT' },
        });
      }),
    );
    const first = await pull(h.ctx(), makeTask());
    expect(first.error).toContain('internal error');
    expect(first).toMatchObject({ mtime: null, status: 'error', message: first.error, idle: false });
    expect(await h.store.get('org_organisation', 'urn:uuid:p2')).toBeDefined();
    expect(await h.store.get('org_organisation', 'urn:uuid:p3')).toBeUndefined();
    const interrupted = await h.store.getTask('task-org');
    expect(interrupted?.lastPull).toBeNull();
    expect(interrupted?.pullCursor).toMatchObject({ nextStart: 2, maxMtime: '2026-01-01T00:00:02', bound: '2026-01-01T00:00:14' });
    expect((await h.store.listLog())[0]).toMatchObject({ mode: 'pull', action: 'fetch', result: 'error', remote: true });

    failStart = null;
    starts.length = 0;
    const second = await pull(h.ctx(), makeTask());
    expect(starts).toEqual(['2', '4']);
    // newest mtime seen is 00:00:20, but the run spanned several requests: capped at the snapshot bound
    expect(second).toMatchObject({ error: null, mtime: '2026-01-01T00:00:14', status: 'success' });
    const done = await h.store.getTask('task-org');
    expect(done?.lastPull).toBe('2026-01-01T00:00:14');
    expect(done?.pullCursor ?? null).toBeNull();
    expect(await h.store.get('org_organisation', 'urn:uuid:p5')).toBeDefined();
  });

  it('a body that breaks off changes nothing and does not advance the checkpoint', async () => {
    const task = makeTask({ lastPull: '2026-11-29T22:05:59' });
    const h = await harness(task);
    const full = fixtureText('05-pull-msince/01-pull-org_organisation-msince.response.xml');
    let calls = 0;
    server.use(
      http.get(SYNC, () => {
        calls += 1;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(full.slice(0, full.length / 2)));
            controller.error(new Error('connection reset'));
          },
        });
        return new HttpResponse(stream, { headers: { 'Content-Type': 'text/xml' } });
      }),
    );
    const result = await pull(h.ctx(), task);
    expect(result.error).toContain('could not be reached');
    expect(calls).toBe(4);
    expect(h.waits).toHaveLength(3);
    expect(await h.store.list('org_organisation', { includeDeleted: true })).toHaveLength(0);
    expect((await h.store.getTask('task-org'))?.lastPull).toBe('2026-11-29T22:05:59');
  });

  it('a truncated document (length consistent) fails the import: nothing written, checkpoint kept', async () => {
    const task = makeTask({ lastPull: '2026-11-29T22:05:59' });
    const h = await harness(task);
    const full = fixtureText('05-pull-msince/01-pull-org_organisation-msince.response.xml');
    server.use(http.get(SYNC, () => HttpResponse.text(full.slice(0, Math.floor(full.length * 0.7)), { headers: { 'Content-Type': 'text/xml' } })));
    const result = await pull(h.ctx(), task);
    expect(result.error).not.toBeNull();
    expect(result.mtime).toBeNull();
    expect(await h.store.list('org_organisation', { includeDeleted: true })).toHaveLength(0);
    expect((await h.store.getTask('task-org'))?.lastPull).toBe('2026-11-29T22:05:59');
    const [entry] = await h.store.listLog();
    expect(entry).toMatchObject({ mode: 'pull', action: 'import', result: 'error', remote: false });
  });

  it('reports peer errors (401, 200 with statuscode 400) without secrets in the log', async () => {
    const h = await harness();
    server.use(http.get(DIRECT, () => replay('10-errors', '02-pull-wrong-password')));
    expect((await pull(h.ctx(), makeTask())).error).toContain('Wrong user or password');
    server.use(http.get(DIRECT, () => replay('10-errors', '12-pull-no-resource-param')));
    expect((await pull(h.ctx(), makeTask())).error).toContain('Mixed resource synchronization not supported');
    const log = JSON.stringify(await h.store.listLog());
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(ADMIN_AUTH.slice(6));
    expect((await h.store.getTask('task-org'))?.lastPull).toBeNull();
  });

  describe('prefetch of the next page', () => {
    /** Three full pages of 2 and a last one of 1 (pageSize 2): starts 0, 2, 4, 6. */
    const PAGES: Record<string, string> = {
      '0': page([
        ['urn:uuid:q1', 'Q1', '2026-01-01T00:00:01'],
        ['urn:uuid:q2', 'Q2', '2026-01-01T00:00:02'],
      ]),
      '2': page([
        ['urn:uuid:q3', 'Q3', '2026-01-01T00:00:03'],
        ['urn:uuid:q4', 'Q4', '2026-01-01T00:00:04'],
      ]),
      '4': page([
        ['urn:uuid:q5', 'Q5', '2026-01-01T00:00:05'],
        ['urn:uuid:q6', 'Q6', '2026-01-01T00:00:06'],
      ]),
      '6': page([['urn:uuid:q7', 'Q7', '2026-01-01T00:00:07']]),
    };
    const startOf = (url: string): string => new URL(url).searchParams.get('start') ?? '';

    /**
     * A context whose transport records every request (with its abort signal) and whose store
     * runs `beforeImport(n)` before the n-th write transaction begins (outside it).
     */
    function instrumented(h: Harness, beforeImport: (n: number) => Promise<void> | void, extra: Partial<ActiveContext> = {}) {
      const base = h.ctx(extra);
      const requests: TransportRequest[] = [];
      let writes = 0;
      const store = new Proxy(h.store, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (key === 'write') {
            return async (work: Parameters<LocalStore['write']>[0]) => {
              writes += 1;
              await beforeImport(writes);
              return target.write(work);
            };
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const ctx: ActiveContext = {
        ...base,
        store,
        transport: {
          request: (request) => {
            requests.push(request);
            return base.transport.request(request);
          },
        },
      };
      return { ctx, requests };
    }

    it('fetches page n+1 while page n is imported; pages and checkpoint commit in order', async () => {
      const h = await harness(makeTask(), { retry: null }, { pageSize: 2 });
      const events: string[] = [];
      const arrived = new Map<string, () => void>();
      const arrival = (start: string): Promise<void> => new Promise((resolve) => arrived.set(start, resolve));
      const waits = { '2': arrival('2'), '4': arrival('4'), '6': arrival('6') };
      server.use(
        http.get(DIRECT, ({ request }) => {
          const start = startOf(request.url);
          events.push(`GET ${start}`);
          arrived.get(start)?.();
          return HttpResponse.text(PAGES[start] ?? page([]), { headers: { 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 2026 00:00:15 GMT' } });
        }),
      );
      const next = ['2', '4', '6'] as const;
      const { ctx } = instrumented(h, async (n) => {
        // Import n waits (outside its transaction) until the request of page n+1 arrived, or 1 s:
        // without prefetch that request would only come after this import committed.
        const start = next[n - 1];
        if (start !== undefined) await Promise.race([waits[start], new Promise((r) => setTimeout(r, 1000))]);
        events.push(`import ${n}`);
      });
      const result = await pull(ctx, makeTask());
      expect(result).toMatchObject({ error: null, status: 'success', mtime: '2026-01-01T00:00:07' });
      expect(events).toEqual(['GET 0', 'GET 2', 'import 1', 'GET 4', 'import 2', 'GET 6', 'import 3', 'import 4']);
      expect((await h.store.list('org_organisation')).map((r) => r.uuid).sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((q) => `urn:uuid:${q}`));
      expect((await h.store.getTask('task-org'))?.pullCursor ?? null).toBeNull();
    });

    it('a failing prefetched page leaves the pages before it committed and the checkpoint unmoved', async () => {
      const h = await harness(makeTask(), { retry: null }, { pageSize: 2 });
      const starts: string[] = [];
      server.use(
        http.get(DIRECT, ({ request }) => {
          const start = startOf(request.url);
          starts.push(start);
          if (start === '4') return HttpResponse.text('Service Unavailable', { status: 503 });
          return HttpResponse.text(PAGES[start] ?? page([]), { headers: { 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 2026 00:00:15 GMT' } });
        }),
      );
      const result = await pull(h.ctx(), makeTask());
      expect(result).toMatchObject({ status: 'error', mtime: null });
      expect(result.error).toContain('internal error');
      expect(starts).toEqual(['0', '2', '4']);
      expect((await h.store.list('org_organisation')).map((r) => r.uuid).sort()).toEqual(['q1', 'q2', 'q3', 'q4'].map((q) => `urn:uuid:${q}`));
      const task = await h.store.getTask('task-org');
      expect(task?.lastPull).toBeNull();
      expect(task?.pullCursor).toMatchObject({ nextStart: 4, maxMtime: '2026-01-01T00:00:04' });
      expect((await h.store.listLog())[0]).toMatchObject({ mode: 'pull', action: 'fetch', result: 'error', remote: true });
    });

    it('a full disk during an import: ERROR with the store message, the prefetch cancelled, earlier pages kept', async () => {
      const h = await harness(makeTask(), { retry: null }, { pageSize: 2 });
      server.use(
        http.get(DIRECT, ({ request }) =>
          HttpResponse.text(PAGES[startOf(request.url)] ?? page([]), { headers: { 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 2026 00:00:15 GMT' } }),
        ),
      );
      const { IDBObjectStore } = testIDBClasses();
      const { put } = IDBObjectStore.prototype;
      const { ctx, requests } = instrumented(h, (n) => {
        if (n !== 2) return;
        // from the second import on, the records object store is full (the log still has room)
        vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
          if (this.name === 'records') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return put.apply(this, args);
        });
      });
      const result = await pull(ctx, makeTask());
      expect(result).toMatchObject({ status: 'error', mtime: null, idle: false });
      expect(result.error).toContain(STORE_ERROR_MESSAGES.quota);
      vi.restoreAllMocks();
      expect(requests.map((r) => startOf(r.url))).toEqual(['0', '2', '4']);
      expect(requests[2]?.signal?.aborted).toBe(true);
      expect(requests[1]?.signal?.aborted).toBe(false);
      expect((await h.store.list('org_organisation')).map((r) => r.uuid).sort()).toEqual(['urn:uuid:q1', 'urn:uuid:q2']);
      const task = await h.store.getTask('task-org');
      expect(task?.lastPull).toBeNull();
      expect(task?.pullCursor).toMatchObject({ nextStart: 2 });
      expect((await h.store.listLog())[0]).toMatchObject({ mode: 'pull', action: 'import', result: 'error', remote: false, message: result.error });
    });

    it('abort cancels the in-flight prefetch; the page being imported commits, the checkpoint does not move', async () => {
      const h = await harness(makeTask(), { retry: null }, { pageSize: 2 });
      server.use(
        http.get(DIRECT, async ({ request }) => {
          const start = startOf(request.url);
          if (start !== '0') await new Promise((r) => setTimeout(r, 200));
          return HttpResponse.text(PAGES[start] ?? page([]), { headers: { 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 2026 00:00:15 GMT' } });
        }),
      );
      const controller = new AbortController();
      const { ctx, requests } = instrumented(h, (n) => {
        if (n === 1) controller.abort();
      }, { signal: controller.signal });
      const result = await pull(ctx, makeTask());
      expect(result).toMatchObject({ status: 'error', mtime: null });
      expect(result.error).toContain('cancelled');
      expect(requests.map((r) => startOf(r.url))).toEqual(['0', '2']);
      expect(requests[1]?.signal?.aborted).toBe(true);
      expect((await h.store.list('org_organisation')).map((r) => r.uuid).sort()).toEqual(['urn:uuid:q1', 'urn:uuid:q2']);
      const task = await h.store.getTask('task-org');
      expect(task?.lastPull).toBeNull();
      expect(task?.pullCursor).toMatchObject({ nextStart: 2 });
    });
  });
});
