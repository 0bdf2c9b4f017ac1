/**
 * IndexedDB for tests that run both in Node (fake-indexeddb) and in a real browser (its own
 * IndexedDB), so that the same test files serve both.
 */
import * as fake from 'fake-indexeddb';

type IdbGlobals = {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  IDBDatabase?: typeof IDBDatabase;
  IDBObjectStore?: typeof IDBObjectStore;
  IDBIndex?: typeof IDBIndex;
};

const globals = globalThis as IdbGlobals;
const isBrowser = globals.indexedDB !== undefined && globals.IDBKeyRange !== undefined;

/** The IndexedDB factory and key range class to pass to `openLocalStore`. */
export function testIndexedDB(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  if (isBrowser && globals.indexedDB && globals.IDBKeyRange) {
    return { indexedDB: globals.indexedDB, IDBKeyRange: globals.IDBKeyRange };
  }
  return { indexedDB: fake.indexedDB, IDBKeyRange: fake.IDBKeyRange };
}

/** The IndexedDB classes behind {@link testIndexedDB}, for spying on their prototypes. */
export function testIDBClasses(): {
  IDBDatabase: typeof IDBDatabase;
  IDBObjectStore: typeof IDBObjectStore;
  IDBIndex: typeof IDBIndex;
} {
  if (isBrowser && globals.IDBDatabase && globals.IDBObjectStore && globals.IDBIndex) {
    return { IDBDatabase: globals.IDBDatabase, IDBObjectStore: globals.IDBObjectStore, IDBIndex: globals.IDBIndex };
  }
  return { IDBDatabase: fake.IDBDatabase, IDBObjectStore: fake.IDBObjectStore, IDBIndex: fake.IDBIndex };
}

let counter = 0;

/** A database name no other test uses (fake-indexeddb is shared per process; browsers persist). */
export function uniqueDbName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
