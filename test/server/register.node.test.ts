import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo({ seed: false });
});
afterAll(() => h.stop());

function post(body: string, path = '/eden/sync/repository/register.json', method = 'POST'): Promise<Response> {
  return h.call(path, { method, headers: { 'content-type': 'application/json' }, body });
}

describe('POST /eden/sync/repository/register.json (spec 2.1, cap 01-register)', () => {
  it('registers, then updates, always answering with the same sender uuid', async () => {
    const first = await post(JSON.stringify({ uuid: '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01', name: 'client.example', apitype: 'eden' }));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    const text = await first.text();
    expect(text).toMatch(/^\{"status": "success", "statuscode": "200", "message": "Registration successful", "sender": "urn:uuid:[0-9a-f-]{36}"\}$/);
    const sender = (JSON.parse(text) as { sender: string }).sender;
    expect(sender).toBe(h.server.peer?.peerUuid);

    const again = await h.call('/eden/sync/repository/register.json', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uuid: '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01', name: 'client.example', apitype: 'eden' }),
    });
    expect(await again.json()).toEqual({ status: 'success', statuscode: '200', message: 'Registration update successful', sender });
    const stored = await h.server.peer?.store.getRepository('5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01');
    expect(stored).toMatchObject({ id: '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01', name: 'client.example', registered: true, url: '' });
  });

  it('answers a body without uuid with HTTP 200 and statuscode 400 in the JSON (cap 01-register/03)', async () => {
    const res = await post(JSON.stringify({ name: 'no-uuid', apitype: 'eden' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'failed',
      statuscode: '400',
      message: 'No repository identifier specified',
      sender: h.server.peer?.peerUuid,
    });
  });

  it('answers malformed JSON with a real 400 Invalid parameters (cap 01-register/04)', async () => {
    const res = await post('{"uuid": "abc", "name": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { status: string; statuscode: string; message: string };
    expect(body.status).toBe('failed');
    expect(body.statuscode).toBe('400');
    expect(body.message).toMatch(/^Invalid parameters: /);
  });

  it('answers an empty body with 400 Missing parameters', async () => {
    const res = await post('');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Missing parameters' });
  });

  it('answers GET with 405 and another extension with 415 (cap 01-register/06-07)', async () => {
    const get = await h.call('/eden/sync/repository/register.json');
    expect(get.status).toBe(405);
    expect(await get.text()).toBe('{"status": "failed", "statuscode": "405", "message": "Unsupported method!"}');
    const xml = await post(JSON.stringify({ uuid: 'x' }), '/eden/sync/repository/register.xml');
    expect(xml.status).toBe(415);
    expect(await xml.text()).toBe('{"status": "failed", "statuscode": "415", "message": "Unsupported data format!"}');
  });
});
