import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** The snapshot file was not written by this module, or is damaged. */
export class SnapshotError extends Error {
  readonly code = 'snapshot-invalid';
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

const FORMAT = 'eden-sync-idb-snapshot';

type IndexShape = { readonly name: string; readonly keyPath: string | string[]; readonly unique: boolean; readonly multiEntry: boolean };
type StoreShape = {
  readonly name: string;
  readonly keyPath: string | string[] | null;
  readonly autoIncrement: boolean;
  readonly indexes: readonly IndexShape[];
};
type SnapshotHeader = { readonly format: string; readonly database: string; readonly version: number; readonly stores: readonly StoreShape[] };
/** One row: store index, out-of-line key (null for in-line keys), value. */
type SnapshotRow = [number, unknown, unknown];

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** JSON replacer/reviver pair that keeps `Date` values (everything else the store holds is JSON). */
function encode(_key: string, value: unknown): unknown {
  return value instanceof Date ? { $date: value.toISOString() } : value;
}
function decode(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date') return new Date(String((value as { $date: unknown }).$date));
  }
  return value;
}

/**
 * Dumps every object store of an IndexedDB database (structure and rows, read in one transaction
 * so the copy is consistent) and writes it atomically: a temp file, fsync, then rename.
 * The format is JSON lines: a header, then one `[store, key, value]` row per line.
 */
export async function saveIdbSnapshot(factory: IDBFactory, database: string, file: string): Promise<number> {
  const db = await openExisting(factory, database);
  let header: SnapshotHeader;
  const rows: SnapshotRow[] = [];
  try {
    const names = Array.from(db.objectStoreNames);
    const stores: StoreShape[] = [];
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      const reads = names.map(async (name, index) => {
        const store = tx.objectStore(name);
        stores[index] = {
          name,
          keyPath: store.keyPath as string | string[] | null,
          autoIncrement: store.autoIncrement,
          indexes: Array.from(store.indexNames).map((indexName) => {
            const idx = store.index(indexName);
            return { name: indexName, keyPath: idx.keyPath as string | string[], unique: idx.unique, multiEntry: idx.multiEntry };
          }),
        };
        const values = await done(store.getAll());
        const keys = store.keyPath === null ? await done(store.getAllKeys()) : null;
        return values.map((value, row): SnapshotRow => [index, keys === null ? null : keys[row], value]);
      });
      for (const storeRows of await Promise.all(reads)) rows.push(...storeRows);
      await completed(tx);
    }
    header = { format: FORMAT, database, version: db.version, stores };
  } finally {
    db.close();
  }
  await writeAtomically(file, header, rows);
  return rows.length;
}

async function writeAtomically(file: string, header: SnapshotHeader, rows: readonly SnapshotRow[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let chunk = `${JSON.stringify(header)}\n`;
    for (const row of rows) {
      chunk += `${JSON.stringify(row, encode)}\n`;
      if (chunk.length > 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
}

function openExisting(factory: IDBFactory, database: string): Promise<IDBDatabase> {
  return done(factory.open(database));
}

/**
 * Recreates a database from {@link saveIdbSnapshot}'s file: deletes any database of that name in
 * `factory`, creates the stores and indexes at the recorded version and puts every row back in
 * one transaction. Returns the number of rows restored.
 */
export async function loadIdbSnapshot(factory: IDBFactory, file: string): Promise<{ database: string; rows: number }> {
  let header: SnapshotHeader | null = null;
  const rows: SnapshotRow[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    if (header === null) {
      header = JSON.parse(line) as SnapshotHeader;
      if (header.format !== FORMAT || !Array.isArray(header.stores)) throw new SnapshotError(`${file} is not an IndexedDB snapshot`);
    } else {
      rows.push(JSON.parse(line, decode) as SnapshotRow);
    }
  }
  if (header === null) throw new SnapshotError(`${file} is empty`);
  const shape = header;
  await done(factory.deleteDatabase(shape.database));
  const request = factory.open(shape.database, shape.version);
  request.onupgradeneeded = () => {
    for (const store of shape.stores) {
      const created = request.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
      for (const index of store.indexes) {
        created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    }
  };
  const db = await done(request);
  try {
    if (shape.stores.length > 0) {
      const tx = db.transaction(shape.stores.map((store) => store.name), 'readwrite');
      const stores = shape.stores.map((store) => tx.objectStore(store.name));
      for (const [index, key, value] of rows) {
        const store = stores[index];
        if (store === undefined) throw new SnapshotError(`${file}: row for unknown store ${index}`);
        if (key === null) store.put(value);
        else store.put(value, key as IDBValidKey);
      }
      await completed(tx);
    }
  } finally {
    db.close();
  }
  return { database: shape.database, rows: rows.length };
}
