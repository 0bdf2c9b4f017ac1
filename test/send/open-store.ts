/** A fresh local store on the test IndexedDB, with a clock the test sets by hand. */
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import type { Clock } from '../../src/ports/clock.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';

export type ManualClock = Clock & { time: number };

export async function openSendStore(prefix: string): Promise<{ store: LocalStore; clock: ManualClock }> {
  const clock: ManualClock = {
    time: Date.UTC(2024, 0, 2, 3, 4, 5),
    now() {
      return this.time;
    },
  };
  let next = 0;
  const store = await openLocalStore(uniqueDbName(prefix), { ...testIndexedDB(), clock, newUuid: () => `urn:uuid:test-${++next}` });
  return { store, clock };
}
