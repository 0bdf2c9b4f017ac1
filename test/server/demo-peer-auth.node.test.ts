import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, PLAIN_USER, startDemo, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.stop());

const PULL = '/eden/sync/sync.xml?resource=org_organisation&include_deleted=True';

describe('demo peer authentication (spec 2.2, cap 10-errors/01-06)', () => {
  it.each([
    ['no credentials', null],
    ['a wrong password', basic('admin@example.com', 'wrong')],
    ['an unknown user', basic('nobody@example.com', 'testing')],
    ['a malformed header', 'Bearer abc'],
  ])('answers 401 with the eden challenge for %s', async (_case, authorization) => {
    const res = await h.call(PULL, { authorization });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="eden"');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe('Authentication Required');
  });

  it('accepts the username case-insensitively, the password exactly', async () => {
    expect((await h.call(PULL, { authorization: basic('ADMIN@example.com', 'testing') })).status).toBe(200);
    expect((await h.call(PULL, { authorization: basic('admin@example.com', 'Testing') })).status).toBe(401);
  });

  it('answers 403 Insufficient Privileges to a user without sync rights, on pull, push and register', async () => {
    const authorization = basic(PLAIN_USER.username, PLAIN_USER.password);
    const pull = await h.call(PULL, { authorization });
    const push = await h.call('/eden/sync/sync.xml?resource=org_organisation&repository=x', { method: 'POST', body: '<s3xml/>', authorization });
    const register = await h.call('/eden/sync/repository/register.json', { method: 'POST', body: '{"uuid":"x"}', authorization });
    for (const res of [pull, push, register]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toBe('Insufficient Privileges');
    }
  });

  it('lets that user read the schema endpoints', async () => {
    const res = await h.call('/eden/org/organisation/fields.s3json', { authorization: basic(PLAIN_USER.username, PLAIN_USER.password) });
    expect(res.status).toBe(200);
  });

  it('answers OPTIONS with 401 unauthenticated and 405 authenticated, without CORS headers (cap 10-errors/20-21)', async () => {
    const anonymous = await h.call(PULL, { method: 'OPTIONS', authorization: null, headers: { origin: 'http://elsewhere' } });
    expect(anonymous.status).toBe(401);
    const authed = await h.call(PULL, { method: 'OPTIONS', headers: { origin: 'http://elsewhere' } });
    expect(authed.status).toBe(405);
    expect(await authed.json()).toEqual({ status: 'failed', statuscode: '405', message: 'Unsupported method!' });
    for (const res of [anonymous, authed]) {
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control'))).toEqual([]);
    }
  });

  it('refuses DELETE on the sync URLs with 405 and deletes nothing (spec 2.3, 9.2 item 6)', async () => {
    const before = await (await h.call(PULL)).text();
    const res = await h.call('/eden/sync/sync.xml?resource=org_organisation', { method: 'DELETE' });
    expect(res.status).toBe(405);
    const direct = await h.call('/eden/org/organisation/sync.xml', { method: 'DELETE' });
    expect(direct.status).toBe(405);
    expect(await (await h.call(PULL)).text()).toBe(before);
  });

  it('answers sync.json with 405 Unsupported method! (cap 10-errors/18)', async () => {
    const res = await h.call('/eden/sync/sync.json?resource=org_organisation');
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"status": "failed", "statuscode": "405", "message": "Unsupported method!"}');
  });

  it('requires credentials before telling unknown paths apart', async () => {
    expect((await h.call('/eden/nothing/here', { authorization: null })).status).toBe(401);
    expect((await h.call('/eden/nothing/here')).status).toBe(404);
  });
});
