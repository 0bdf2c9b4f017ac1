import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import type { Clock } from '../../src/ports/clock.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { loadIdbSnapshot, saveIdbSnapshot } from './idb-snapshot.js';
import { seedDemoData, type SeedOptions } from './seed.js';

/** Name of the demo peer's database (inside its own fake-indexeddb factory). */
export const PEER_DB_NAME = 'eden-demo-peer';
/** The snapshot file under the data directory. */
export const SNAPSHOT_FILE = 'demo-peer.snapshot.jsonl';

export type PeerStoreOptions = {
  readonly dataDir: string;
  /** Write snapshots (default true); false keeps everything in memory (benchmarks). */
  readonly persist: boolean;
  /** Demo data for a fresh store; false for an empty one. */
  readonly seed: SeedOptions | false;
  readonly clock: Clock;
  /** Debounce of snapshots after a change, in ms. */
  readonly snapshotDelayMs: number;
  readonly log: (line: string) => void;
};

/** The demo peer's engine store, with its snapshot bookkeeping. */
export type PeerStore = {
  readonly store: LocalStore;
  /** This peer's sync uuid (`urn:uuid:...`), persistent across restarts. */
  readonly peerUuid: string;
  /** Records created by seeding on this start (0 when loaded from a snapshot). */
  readonly seeded: number;
  /** Notes a change: a snapshot follows after the debounce delay. */
  changed(): void;
  /** Writes a snapshot now if anything changed since the last one. */
  flush(): Promise<void>;
  /** Flushes and closes the store. */
  close(): Promise<void>;
};

/**
 * Opens the demo peer's store: an engine LocalStore on an in-memory fake-indexeddb, restored from
 * `<dataDir>/demo-peer.snapshot.jsonl` when that exists, else created and seeded (then snapshotted).
 * Snapshots are written atomically, debounced after changes and on close.
 */
export async function openPeerStore(options: PeerStoreOptions): Promise<PeerStore> {
  const factory = new IDBFactory();
  const file = join(options.dataDir, SNAPSHOT_FILE);
  const restored = options.persist && existsSync(file);
  if (restored) {
    const { rows } = await loadIdbSnapshot(factory, file);
    options.log(`demo peer: restored ${rows} rows from ${file}`);
  }
  const store = await openLocalStore(PEER_DB_NAME, { indexedDB: factory, IDBKeyRange, clock: options.clock });
  const { uuid } = await store.syncConfig();
  const seeded = !restored && options.seed !== false ? await seedDemoData(store, options.seed) : 0;

  let dirty = !restored;
  let timer: NodeJS.Timeout | null = null;
  let saving: Promise<void> = Promise.resolve();
  let closed = false;

  const save = (): Promise<void> => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    saving = saving.then(async () => {
      if (!dirty || !options.persist) return;
      dirty = false;
      try {
        await saveIdbSnapshot(factory, PEER_DB_NAME, file);
      } catch (error) {
        dirty = true;
        options.log(`demo peer: snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return saving;
  };

  const peer: PeerStore = {
    store,
    peerUuid: uuid.startsWith('urn:uuid:') ? uuid : `urn:uuid:${uuid}`,
    seeded,
    changed() {
      dirty = true;
      if (!options.persist || closed || timer !== null) return;
      timer = setTimeout(() => void save(), options.snapshotDelayMs);
      timer.unref();
    },
    flush: save,
    async close() {
      if (closed) return saving;
      closed = true;
      await save();
      store.close();
    },
  };
  if (dirty && options.persist) await save();
  return peer;
}
