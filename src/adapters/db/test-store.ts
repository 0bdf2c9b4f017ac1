/** Test support (imported by `*.test.ts` only): stores with a settable clock and predictable uuids. */
import type { LocalRecord } from '../../core/model/record.js';
import type { LocalStore } from '../../ports/local-store.js';
import { openLocalStore } from './open-local-store.js';

/** A clock the test moves by hand; starts at 2024-01-02T03:04:05Z. */
export class ManualClock {
  time = Date.UTC(2024, 0, 2, 3, 4, 5);
  now(): number {
    return this.time;
  }
  advance(seconds: number): void {
    this.time += seconds * 1000;
  }
}

export type TestStore = { store: LocalStore; clock: ManualClock; name: string; reopen(): Promise<LocalStore> };

/**
 * Opens a fresh store on the given IndexedDB (tests pass `testIndexedDB()` and `uniqueDbName()` from
 * test/support/idb.ts; src/ never imports test/); `reopen` opens the same database again.
 */
export async function openTestStore(
  idb: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
  name: string,
): Promise<TestStore> {
  const clock = new ManualClock();
  let next = 0;
  const options = { ...idb, clock, newUuid: () => `urn:uuid:test-${++next}` };
  const store = await openLocalStore(name, options);
  return {
    store,
    clock,
    name,
    reopen: async () => {
      store.close();
      return openLocalStore(name, options);
    },
  };
}

/** A record as a peer would send it. */
export function peerRecord(table: string, uuid: string, overrides: Partial<LocalRecord> = {}): LocalRecord {
  return {
    table,
    uuid,
    fields: { name: uuid },
    references: {},
    mci: 1,
    created_on: '2023-05-01T00:00:00',
    modified_on: '2023-05-01T00:00:00',
    created_by: null,
    modified_by: null,
    owned_by_user: null,
    owned_by_group: null,
    deleted: false,
    replaced_by: null,
    parent: null,
    ...overrides,
  };
}
