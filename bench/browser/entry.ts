/** The Chromium side of the bench: `window.bench.call({name, args})` runs one case in this page. */
import { callCase, type BenchCall } from '../lib/bench-api.js';
import type { BenchEnv } from '../lib/cases.js';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    request.onblocked = () => resolve();
  });
}

const env: BenchEnv = {
  kind: 'chromium',
  idb: () => ({ indexedDB, IDBKeyRange }),
  dropDb: deleteDatabase,
  origin: location.origin,
};

(globalThis as unknown as { bench: { call(call: BenchCall): Promise<unknown> } }).bench = {
  call: (call) => callCase(env, call),
};
document.title = 'bench ready';
