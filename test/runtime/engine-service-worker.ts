/**
 * Module service worker for `runtime.browser.test.ts`: answers a {@link RoundTripRequest} sent with
 * a MessagePort by posting a {@link RoundTripReply} on that port, using the public entry (src/index.ts).
 * Claims its clients at once so a test can talk to it right after registering.
 */
import { assertNoWindow, roundTripReply, type RoundTripReply, type RoundTripRequest } from './engine-round-trip.js';

/** The parts of `ServiceWorkerGlobalScope` used here (tsconfig has no WebWorker lib). */
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type ExtendableMessageEvent = ExtendableEvent & { readonly data: RoundTripRequest; readonly ports: readonly MessagePort[] };
type ServiceWorkerScope = {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
};

const scope = globalThis as unknown as ServiceWorkerScope;

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));

scope.addEventListener('message', (event) => {
  const port = event.ports[0];
  if (port === undefined) return;
  const reply = (async (): Promise<RoundTripReply> => {
    try {
      assertNoWindow();
    } catch (error) {
      return { ok: false, error: String(error) };
    }
    return roundTripReply(event.data);
  })();
  event.waitUntil(reply.then((message) => port.postMessage(message)));
});
