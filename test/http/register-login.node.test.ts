import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/adapters/http/http-transport.js';
import { EdenSyncAdapter } from '../../src/engine/eden-sync-adapter.js';
import { login, LOGIN_PROBE_MSINCE } from '../../src/engine/active/login.js';
import { register } from '../../src/engine/active/register.js';
import { fixtureMeta, fixtureText } from '../support/fixtures.js';
import { harness, repository } from './active-support.js';
import { ADMIN_AUTH, BASE, PASSWORD, USER, record, REPO_UUID, replay, type Seen, SERVER_UUID } from './msw-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const REGISTER = `${BASE}/sync/repository/register.json`;

describe('register', () => {
  it('POSTs the recorded request and stores the peer uuid', async () => {
    const h = await harness();
    const seen: Seen[] = [];
    server.use(
      http.post(REGISTER, async ({ request }) => {
        await record(seen, request);
        return replay('01-register', '01-register-new');
      }),
    );
    expect(await register(h.ctx())).toBe(true);
    const meta = fixtureMeta('01-register/01-register-new.meta.json');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe(meta.request.url);
    expect(seen[0]?.headers['authorization']).toBe(ADMIN_AUTH);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ uuid: REPO_UUID, name: 'Eden Sync client', apitype: 'eden' });
    const stored = await h.store.getRepository(repository.id);
    expect(stored).toMatchObject({ peerUuid: SERVER_UUID, registered: true });
    const [entry] = await h.store.listLog();
    expect(entry).toMatchObject({ mode: 'register', transmission: 'outgoing', action: 'request registration', result: 'success', remote: false });
  });

  it('treats HTTP 200 with a failed body as a failure (01-register/03)', async () => {
    const h = await harness();
    server.use(http.post(REGISTER, () => replay('01-register', '03-register-missing-uuid')));
    expect(await register(h.ctx())).toBe(false);
    expect(await h.store.getRepository(repository.id)).toMatchObject({ peerUuid: null, registered: false });
    const [entry] = await h.store.listLog();
    expect(entry).toMatchObject({ mode: 'register', result: 'error', remote: true });
    expect(entry?.message).toContain('No repository identifier specified');
  });

  it('reports a user without rights (01-register/08) as FATAL', async () => {
    const h = await harness();
    server.use(http.post(REGISTER, () => replay('01-register', '08-register-normaluser')));
    expect(await register(h.ctx())).toBe(false);
    const [entry] = await h.store.listLog();
    expect(entry).toMatchObject({ result: 'fatal', remote: true });
    expect(entry?.message).toContain('Insufficient Privileges');
  });
});

describe('login', () => {
  it('probes with an msince in the far future and returns ok on success', async () => {
    const h = await harness();
    const seen: Seen[] = [];
    server.use(
      http.get(`${BASE}/sync/sync.xml`, async ({ request }) => {
        await record(seen, request);
        return new HttpResponse(fixtureText('05-pull-msince/03-pull-org_organisation-msince-future-empty.response.xml'), {
          headers: { 'Content-Type': 'text/xml' },
        });
      }),
    );
    expect(await login(h.ctx())).toEqual({ kind: 'ok' });
    expect(seen[0]?.url).toBe(
      `${BASE}/sync/sync.xml?resource=org_organisation&repository=${REPO_UUID}&msince=${LOGIN_PROBE_MSINCE}&include_deleted=True`,
    );
    expect(seen[0]?.headers['authorization']).toBe(ADMIN_AUTH);
  });

  it('reports wrong credentials as a failure that needs the user, logs FATAL login, without secrets', async () => {
    const h = await harness();
    server.use(http.get(`${BASE}/sync/sync.xml`, () => replay('10-errors', '02-pull-wrong-password')));
    const result = await login(h.ctx());
    expect(result).toMatchObject({ kind: 'failed', code: 'auth', transient: false });
    expect(result.kind === 'failed' ? result.message : '').toContain('Wrong user or password');
    const log = await h.store.listLog();
    expect(log[0]).toMatchObject({ mode: 'login', action: 'login', result: 'fatal', remote: true });
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    expect(JSON.stringify(log)).not.toContain(ADMIN_AUTH.slice(6));
  });

  it('reports a user without sync rights (403) as needing the user too', async () => {
    const h = await harness();
    server.use(http.get(`${BASE}/sync/sync.xml`, () => HttpResponse.text('Insufficient Privileges', { status: 403 })));
    expect(await login(h.ctx())).toMatchObject({ kind: 'failed', code: 'forbidden', transient: false });
    expect((await h.store.listLog())[0]).toMatchObject({ mode: 'login', result: 'fatal' });
  });

  it('reports a network outage as transient (retry later) and logs it as ERROR, not FATAL', async () => {
    const h = await harness();
    let calls = 0;
    server.use(
      http.get(`${BASE}/sync/sync.xml`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    const result = await login(h.ctx());
    expect(result).toMatchObject({ kind: 'failed', code: 'network', transient: true });
    expect(result.kind === 'failed' ? result.message : '').toMatch(/could not be reached/);
    expect(calls).toBe(4);
    expect((await h.store.listLog())[0]).toMatchObject({ mode: 'login', action: 'login', result: 'error', remote: false });
  });
});

describe('EdenSyncAdapter active methods', () => {
  it('delegate to the active operations with the given transport', async () => {
    const h = await harness();
    server.use(http.post(REGISTER, () => replay('01-register', '02-register-again-same-uuid')));
    const transport = createHttpTransport({ credentials: { username: USER, password: PASSWORD } });
    const adapter = new EdenSyncAdapter({ store: h.store, clock: h.clock, repository, active: { transport } });
    expect(await adapter.register()).toBe(true);
    expect((await h.store.listLog())[0]?.message).toBe('Registration update successful');
  });

  it('keep the Eden-shaped login(): null on success, else the message', async () => {
    const h = await harness();
    const transport = createHttpTransport({ credentials: { username: USER, password: PASSWORD }, retry: null });
    const adapter = new EdenSyncAdapter({ store: h.store, clock: h.clock, repository, active: { transport } });
    server.use(http.get(`${BASE}/sync/sync.xml`, () => HttpResponse.text('<s3xml success="false" results="0"/>')));
    expect(await adapter.login()).toBeNull();
    server.use(http.get(`${BASE}/sync/sync.xml`, () => replay('10-errors', '02-pull-wrong-password')));
    expect(await adapter.login()).toMatch(/Wrong user or password/);
  });

  it('refuse to run without a transport', async () => {
    const h = await harness();
    const adapter = new EdenSyncAdapter({ store: h.store, clock: h.clock, repository });
    expect(() => adapter.login()).toThrow(/transport/);
  });
});
