import Dexie from 'dexie';
import type { Clock } from '../../ports/clock.js';
import type { LocalStore } from '../../ports/local-store.js';
import { DexieLocalStore } from './dexie-local-store.js';
import { EdenSyncDb } from './schema.js';
import { guarded, StoreError } from './store-error.js';

/** Options of {@link openLocalStore}; every one has a default for the browser and service worker. */
export type OpenLocalStoreOptions = {
  /** IndexedDB factory; `globalThis.indexedDB` by default (pass fake-indexeddb's in Node). */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /** Time source for `created_on`/`modified_on`; the system clock by default. */
  readonly clock?: Clock;
  /** uuid source for new records and this device; `urn:uuid:` + `crypto.randomUUID()` by default. */
  readonly newUuid?: () => string;
};

const systemClock: Clock = { now: () => Date.now() };

/** Eden's uuid form (spec 1.9): `urn:uuid:` and a random v4 uuid. */
export function randomUrnUuid(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/**
 * Dexie's `liveQuery` runs only when `Dexie.dependencies.indexedDB` is set, which Dexie takes from
 * the globals at load time. Where there are none (Node), the injected factory fills the gap.
 */
function adoptAsDexieDefault(indexedDB: IDBFactory, keyRange: typeof IDBKeyRange): void {
  const deps = Dexie.dependencies;
  if (deps.indexedDB) return;
  deps.indexedDB = indexedDB;
  deps.IDBKeyRange = keyRange;
}

/**
 * Opens (creating or upgrading) the local store called `name`. The IndexedDB globals are read here
 * only, so the rest of the store runs unchanged in the page, the service worker and Node.
 */
export async function openLocalStore(name: string, options: OpenLocalStoreOptions = {}): Promise<LocalStore> {
  const indexedDB = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const keyRange = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  if (indexedDB === undefined || keyRange === undefined) throw new StoreError('unavailable', 'no IndexedDB in this context');
  adoptAsDexieDefault(indexedDB, keyRange);
  const db = new EdenSyncDb(name, { indexedDB, IDBKeyRange: keyRange });
  await guarded(() => db.open());
  return new DexieLocalStore(db, options.clock ?? systemClock, options.newUuid ?? randomUrnUuid);
}
