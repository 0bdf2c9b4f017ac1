/**
 * The public entry (src/index.ts) runs unchanged in the runtimes it promises, proven in real
 * Chromium: a dedicated module worker, a module service worker and the page. Each opens a store on
 * its own scope's IndexedDB (`openLocalStore` with no options), receives a recorded Eden pull and
 * sends the resource back out (see `engine-round-trip.ts`); the page checks the summary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeS3Xml } from '../../src/index.js';
import { fixtureText } from '../support/fixtures.js';
import { COUNTED_TABLES, runRoundTrip, type RoundTripReply, type RoundTripRequest, type RoundTripSummary } from './engine-round-trip.js';

const FIXTURE = '03-pull-full/01-pull-org_organisation.response.xml';
const RESOURCE = 'org_organisation';
const REPLY_TIMEOUT_MS = 10_000;

/** What the fixture itself says, decoded independently of the round trip. */
function expectedFromFixture(xml: string) {
  const doc = decodeS3Xml(xml);
  const masters = doc.resources.filter((r) => r.name === RESOURCE);
  const stored: Record<string, number> = Object.fromEntries(COUNTED_TABLES.map((t) => [t, 0]));
  for (const master of masters) {
    stored[master.name] = (stored[master.name] ?? 0) + 1;
    for (const component of master.components) {
      // Super-entity rows (org_site) are exported as components but never imported (spec 3.5).
      if (component.name !== 'org_site') stored[component.name] = (stored[component.name] ?? 0) + 1;
    }
  }
  return {
    uuids: masters.map((m) => m.attributes['uuid'] ?? ''),
    names: masters.map((m) => m.data.find((d) => d.field === 'name')?.text ?? null),
    stored,
  };
}

function request(prefix: string): RoundTripRequest {
  return { xml: fixtureText(FIXTURE), resource: RESOURCE, dbName: `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` };
}

/** The checks every runtime's summary must pass. */
function expectRoundTrip(summary: RoundTripSummary, xml: string): void {
  const expected = expectedFromFixture(xml);
  expect(expected.uuids).toHaveLength(4);
  expect(summary.lock).toEqual({ outcome: 'acquired', heldDuringWork: true });
  expect(summary.receive).toMatchObject({ status: 'success', message: null, errors: 0, records: 4, updated: [] });
  expect([...summary.receive.created].sort()).toEqual(expect.arrayContaining([...expected.uuids].sort()));
  expect(summary.stored).toEqual(expected.stored);
  expect(summary.send.status).toBe('success');
  expect(summary.send.results).toBe(4);
  expect(summary.send.mtime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  expect([...summary.send.masterUuids].sort()).toEqual([...expected.uuids].sort());
  expect(new Set(summary.send.masterNames)).toEqual(new Set(expected.names));
  expect(summary.send.components['org_office']).toBe(expected.stored['org_office']);
}

/** The first message on `target`, or a rejection on error or timeout. */
function nextReply(target: { onmessage: ((event: MessageEvent<RoundTripReply>) => void) | null }, onError?: (fail: (e: Error) => void) => void): Promise<RoundTripReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    target.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    onError?.((error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function summaryOf(reply: RoundTripReply): RoundTripSummary {
  if (!reply.ok) throw new Error(`runtime failed: ${reply.error}`);
  return reply.summary;
}

describe('public entry in real Chromium runtimes', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('runs in the page: openLocalStore + EdenSyncAdapter receive/send round trip', async () => {
    const req = request('runtime-page');
    const summary = await runRoundTrip(req);
    expect(summary.probe).toMatchObject({ scope: 'Window', hasWindow: true, hasDocument: true });
    expectRoundTrip(summary, req.xml);
  });

  it('runs in a dedicated module worker on the worker\'s own IndexedDB, with no window', async () => {
    const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module' });
    cleanups.push(() => worker.terminate());
    const req = request('runtime-worker');
    const reply = nextReply(worker, (fail) => {
      worker.onerror = (event) => fail(new Error(`worker error: ${event.message || 'script failed to load'}`));
      worker.onmessageerror = () => fail(new Error('worker message could not be deserialized'));
    });
    worker.postMessage(req);
    const summary = summaryOf(await reply);
    expect(summary.probe).toEqual({ scope: 'DedicatedWorkerGlobalScope', hasWindow: false, hasDocument: false, hasLocalStorage: false });
    expectRoundTrip(summary, req.xml);
    // Same answer as the page gives for the same input (apart from where it ran).
    const inPage = await runRoundTrip(request('runtime-worker-page'));
    expect({ ...summary, probe: null }).toEqual({ ...inPage, probe: null });
  });

  it('runs in a module service worker through a MessageChannel, with no window', async () => {
    const script = new URL('./engine-service-worker.ts', import.meta.url);
    const scope = new URL(`./sw-runtime-${Math.random().toString(36).slice(2, 8)}/`, script).href;
    const registration = await navigator.serviceWorker.register(script, { type: 'module', scope });
    cleanups.push(async () => {
      await registration.unregister();
    });
    const worker = await activated(registration);
    const channel = new MessageChannel();
    cleanups.push(() => channel.port1.close());
    const reply = nextReply(channel.port1, (fail) => {
      channel.port1.onmessageerror = () => fail(new Error('service worker message could not be deserialized'));
    });
    const req = request('runtime-sw');
    worker.postMessage(req, [channel.port2]);
    const summary = summaryOf(await reply);
    expect(summary.probe).toEqual({ scope: 'ServiceWorkerGlobalScope', hasWindow: false, hasDocument: false, hasLocalStorage: false });
    expectRoundTrip(summary, req.xml);
  });
});

/** The registration's worker once it is activated (a module SW that fails to evaluate rejects `register` itself). */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  if (worker === null) throw new Error('registration has no worker');
  if (worker.state === 'activated') return worker;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service worker stuck in state ${worker.state}`)), REPLY_TIMEOUT_MS);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') {
        clearTimeout(timer);
        resolve();
      } else if (worker.state === 'redundant') {
        clearTimeout(timer);
        reject(new Error('service worker became redundant (install failed)'));
      }
    });
  });
  return worker;
}
