import Dexie from 'dexie';
import type { EdenSyncDb, RecordRow } from './schema.js';

/** Indexes of `records` read by exact key. */
export type RecordIndex = 'parentKey' | 'refUuids';

/** Requests issued at once: a queue of hundreds of thousands is slow in some engines. */
const BATCH = 2000;

/** One native `getAll` per key, all issued at once; resolves in a Dexie promise (keeps the transaction zone). */
function getAllEach(source: IDBIndex, keys: readonly string[]): Promise<RecordRow[][]> {
  return new Dexie.Promise<RecordRow[][]>((resolve, reject) => {
    const results: RecordRow[][] = new Array<RecordRow[]>(keys.length);
    let left = keys.length;
    if (left === 0) resolve(results);
    keys.forEach((key, position) => {
      const request = source.getAll(key);
      request.onsuccess = () => {
        results[position] = request.result as RecordRow[];
        left -= 1;
        if (left === 0) resolve(results);
      };
      request.onerror = (event) => {
        event.preventDefault();
        reject(request.error ?? new Error('reading an index failed'));
      };
    });
  });
}

/**
 * The rows under each key of one `records` index, aligned with `keys`: one native `getAll` per key,
 * issued in batches in one read transaction (or the caller's). Dexie's per-query collections cost
 * several times the request itself, and its `anyOf` walks a cursor.
 */
export function rowsPerIndexKey(db: EdenSyncDb, index: RecordIndex, keys: readonly string[]): Promise<RecordRow[][]> {
  return db.transaction('r', [db.records], async (tx) => {
    const source = tx.idbtrans.objectStore(db.records.name).index(index);
    const results: RecordRow[][] = [];
    for (let from = 0; from < keys.length; from += BATCH) results.push(...(await getAllEach(source, keys.slice(from, from + BATCH))));
    return results;
  });
}
