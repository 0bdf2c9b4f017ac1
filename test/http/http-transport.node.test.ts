import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { basicAuthHeader } from '../../src/adapters/http/basic-auth.js';
import { createHttpTransport, type HttpTransportOptions } from '../../src/adapters/http/http-transport.js';
import { type TransportError, isTransportError, type TransportRequest } from '../../src/ports/transport.js';
import { ADMIN_AUTH, BASE, fakeSleep, leaksSecret, PASSWORD, record, replay, type Seen, USER } from './msw-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SYNC = `${BASE}/sync/sync.xml`;
const PULL_URL = `${SYNC}?resource=org_organisation&repository=5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01&include_deleted=True`;

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  const sleeper = fakeSleep();
  const t = createHttpTransport({
    credentials: { username: USER, password: PASSWORD },
    sleep: sleeper.sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { t, waits: sleeper.waits };
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (isTransportError(error)) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

const get = (url = PULL_URL): TransportRequest => ({ method: 'GET', url });

describe('HTTP Basic auth', () => {
  it('is sent unsolicited on every request, as recorded', async () => {
    const seen: Seen[] = [];
    server.use(
      http.get(SYNC, async ({ request }) => {
        await record(seen, request);
        return replay('03-pull-full', '01-pull-org_organisation');
      }),
    );
    const { t } = transport();
    const response = await t.request(get());
    await t.request(get());
    expect(response.status).toBe(200);
    expect(response.body).toContain('<s3xml');
    expect(response.headers['content-type']).toBe('text/xml');
    expect(seen).toHaveLength(2);
    for (const s of seen) expect(s.headers['authorization']).toBe(ADMIN_AUTH);
  });

  it('encodes non-ASCII credentials as UTF-8', () => {
    expect(basicAuthHeader({ username: 'é', password: 'x' })).toBe(`Basic ${Buffer.from('é:x', 'utf8').toString('base64')}`);
  });
});

describe('Eden errors become typed TransportErrors', () => {
  const cases: [string, string, string, string, boolean][] = [
    ['10-errors', '02-pull-wrong-password', 'auth', 'Wrong user or password', false],
    ['10-errors', '04-pull-normaluser', 'forbidden', 'Insufficient Privileges', false],
    ['10-errors', '07-push-unregistered-repository', 'registration-required', 'not registered', false],
    ['10-errors', '12-pull-no-resource-param', 'peer-error', 'Mixed resource synchronization not supported', false],
    ['10-errors', '17-push-mixed-resource', 'peer-error', 'Mixed resource synchronization not supported', false],
    ['01-register', '03-register-missing-uuid', 'peer-error', 'No repository identifier specified', false],
    ['10-errors', '09-pull-unknown-resource-prefix-and-name', 'peer-error', 'HTTP 400', false],
    ['10-errors', '11-pull-resource-without-underscore', 'peer-error', 'Invalid request', false],
    ['10-errors', '13-push-malformed-xml', 'peer-error', 'XML Parse error', false],
    ['09-push-without-content-disposition', '01-push-text-xml-no-content-disposition', 'server', 'ticket eden/127.0.0.1.2026-11-29', true],
  ];
  for (const [folder, name, code, text, transient] of cases) {
    it(`${folder}/${name} -> ${code}`, async () => {
      let calls = 0;
      server.use(
        http.all(`${BASE}/*`, () => {
          calls += 1;
          return replay(folder, name);
        }),
      );
      const { t, waits } = transport();
      const error = await failure(t.request({ method: 'POST', url: `${SYNC}?resource=x_y`, body: '<s3xml/>' }));
      expect(error.code).toBe(code);
      expect(error.message).toContain(text);
      expect(error.message).not.toMatch(/<[a-z]/i);
      expect(error.transient).toBe(transient);
      expect(error.name).toBe('TransportError');
      // transient errors are retried with backoff (4 attempts by default), others are not
      expect(calls).toBe(transient ? 4 : 1);
      expect(waits).toEqual(transient ? [500, 1000, 2000] : []);
    });
  }

  it('a 200 with a success JSON body is a success', async () => {
    server.use(http.post(SYNC, () => replay('08-push', '01-push-create-POST')));
    const { t } = transport();
    const response = await t.request({ method: 'POST', url: SYNC, body: '<s3xml/>' });
    expect(JSON.parse(response.body)).toMatchObject({ status: 'success', created: [5, 6, 7] });
  });
});

describe('retries', () => {
  it('retries network errors and 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(SYNC, () => {
        calls += 1;
        if (calls === 1) return HttpResponse.error();
        if (calls === 2) return new HttpResponse('Service Unavailable', { status: 503 });
        return replay('05-pull-msince', '03-pull-org_organisation-msince-future-empty');
      }),
    );
    const retries: number[] = [];
    const { t, waits } = transport({ onRetry: (attempt) => retries.push(attempt), random: () => 0.25 });
    const response = await t.request(get());
    expect(response.body).toContain('results="0"');
    expect(calls).toBe(3);
    expect(waits).toEqual([250, 500]);
    expect(retries).toEqual([2, 3]);
  });

  it('gives up after maxAttempts with the last transient error', async () => {
    let calls = 0;
    server.use(
      http.get(SYNC, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    const { t } = transport({ retry: { baseMs: 10, capMs: 100, maxAttempts: 2 } });
    const error = await failure(t.request(get()));
    expect(error.code).toBe('network');
    expect(error.transient).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('abort and timeout', () => {
  it('an aborted request rejects with code aborted and is not retried', async () => {
    let calls = 0;
    server.use(
      http.get(SYNC, async () => {
        calls += 1;
        await delay(5_000);
        return HttpResponse.text('late');
      }),
    );
    const { t } = transport();
    const controller = new AbortController();
    const pending = t.request({ ...get(), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(pending);
    expect(error.code).toBe('aborted');
    expect(calls).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const fetchSpy = vi.fn();
    const { t } = transport({ fetch: fetchSpy });
    const controller = new AbortController();
    controller.abort();
    expect((await failure(t.request({ ...get(), signal: controller.signal }))).code).toBe('aborted');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a request slower than its timeout fails with code timeout (transient)', async () => {
    server.use(
      http.get(SYNC, async () => {
        await delay(5_000);
        return HttpResponse.text('late');
      }),
    );
    const { t } = transport({ retry: null });
    const error = await failure(t.request({ ...get(), timeoutMs: 50 }));
    expect(error.code).toBe('timeout');
    expect(error.transient).toBe(true);
  });

  it('the default timeout applies when the request gives none', async () => {
    server.use(
      http.get(SYNC, async () => {
        await delay(5_000);
        return HttpResponse.text('late');
      }),
    );
    const { t } = transport({ retry: null, timeoutMs: 40 });
    expect((await failure(t.request(get()))).code).toBe('timeout');
  });
});

describe('truncated bodies', () => {
  it('a body shorter than its Content-Length is a network error', async () => {
    server.use(
      http.get(SYNC, () => new HttpResponse('<s3xml success="true" results="4"><resource', { headers: { 'Content-Length': '5000' } })),
    );
    const { t } = transport({ retry: null });
    const error = await failure(t.request(get()));
    expect(error.code).toBe('network');
    expect(error.message).toContain('truncated');
  });

  it('a body stream that breaks off is a network error', async () => {
    server.use(
      http.get(SYNC, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('<s3xml success="true" results="4"><resource name='));
            controller.error(new Error('connection reset'));
          },
        });
        return new HttpResponse(stream, { headers: { 'Content-Type': 'text/xml' } });
      }),
    );
    const { t } = transport({ retry: null });
    expect((await failure(t.request(get()))).code).toBe('network');
  });

  it('reports download progress in bytes', async () => {
    server.use(http.get(SYNC, () => replay('03-pull-full', '01-pull-org_organisation')));
    const { t } = transport();
    const progress: number[] = [];
    const response = await t.request({ ...get(), onDownloadProgress: (b) => progress.push(b) });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(response.bytes);
    expect(response.bytes).toBe(Buffer.byteLength(response.body, 'utf8'));
  });
});

describe('requests Eden must never get', () => {
  it('DELETE is refused before anything is sent', async () => {
    const fetchSpy = vi.fn();
    const { t } = transport({ fetch: fetchSpy });
    for (const method of ['DELETE', 'delete', 'PATCH', 'OPTIONS']) {
      const error = await failure(t.request({ method: method as 'GET', url: PULL_URL }));
      expect(error.code).toBe('invalid-request');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('URLs with credentials are refused', async () => {
    const fetchSpy = vi.fn();
    const { t } = transport({ fetch: fetchSpy });
    const error = await failure(t.request({ method: 'GET', url: `http://admin:${PASSWORD}@127.0.0.1:8000/eden/sync/sync.xml` }));
    expect(error.code).toBe('invalid-request');
    expect(error.message).not.toContain(PASSWORD);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a caller cannot override the Authorization header', async () => {
    const seen: Seen[] = [];
    server.use(
      http.get(SYNC, async ({ request }) => {
        await record(seen, request);
        return HttpResponse.text('<s3xml results="0"/>');
      }),
    );
    const { t } = transport();
    await t.request({ ...get(), headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(seen[0]?.headers['authorization']).toBe(ADMIN_AUTH);
  });
});

describe('credentials never leak into errors', () => {
  const password = 'Sup3r-S3cret!';
  const creds = { username: USER, password };
  const header = basicAuthHeader(creds);
  const secrets = [password, header, header.slice('Basic '.length)];

  it('not from a peer that echoes them back', async () => {
    server.use(
      http.get(SYNC, ({ request }) =>
        HttpResponse.json(
          { status: 'failed', statuscode: '400', message: `bad ${request.headers.get('authorization')} pw=${password}` },
          { status: 400 },
        ),
      ),
    );
    const t = createHttpTransport({ credentials: creds, retry: null });
    const error = await failure(t.request(get()));
    expect(error.code).toBe('peer-error');
    expect(error.message).toContain('[redacted]');
    expect(leaksSecret(error, secrets)).toBe(false);
  });

  it('not from a failing fetch, a 401 or a 500 page', async () => {
    const throwing = createHttpTransport({
      credentials: creds,
      retry: null,
      fetch: async () => {
        throw new TypeError(`connect failed for ${header} ${password}`);
      },
    });
    const netError = await failure(throwing.request(get()));
    expect(netError.code).toBe('network');
    expect(leaksSecret(netError, secrets)).toBe(false);

    server.use(http.get(SYNC, () => replay('10-errors', '02-pull-wrong-password')));
    const t = createHttpTransport({ credentials: creds, retry: null });
    const authError = await failure(t.request(get()));
    expect(authError.code).toBe('auth');
    expect(leaksSecret(authError, secrets)).toBe(false);
  });
});
