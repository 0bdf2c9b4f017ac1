/**
 * Dedicated module worker for `runtime.browser.test.ts`: checks there is no `window`, then answers
 * each {@link RoundTripRequest} with a {@link RoundTripReply} from the public entry (src/index.ts).
 */
import { assertNoWindow, roundTripReply, type RoundTripReply, type RoundTripRequest } from './engine-round-trip.js';

/** The part of `DedicatedWorkerGlobalScope` used here (tsconfig has no WebWorker lib). */
type WorkerScope = {
  onmessage: ((event: MessageEvent<RoundTripRequest>) => void) | null;
  postMessage(message: RoundTripReply): void;
};

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  void (async () => {
    try {
      assertNoWindow();
    } catch (error) {
      scope.postMessage({ ok: false, error: String(error) });
      return;
    }
    scope.postMessage(await roundTripReply(event.data));
  })();
};
