/**
 * Helpers shared by the receive acceptance tests (test/receive/): a fresh store with a hand-moved
 * clock, a full dump of the store's IndexedDB database (every object store, every row) to prove
 * that a refused import changed nothing, and small S3XML builders.
 */
import { openTestStore, peerRecord, type ManualClock } from '../../src/adapters/db/test-store.js';
import type { LocalRecord } from '../../src/core/model/record.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';

export type Opened = { readonly store: LocalStore; readonly clock: ManualClock };

/** A fresh store (fake-indexeddb in Node, the real IndexedDB in Chromium). */
export async function openStore(prefix: string): Promise<Opened> {
  const { store, clock } = await openTestStore(testIndexedDB(), uniqueDbName(prefix));
  return { store, clock };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Every row of every object store of the store's database, read with raw IndexedDB (independent of
 * the store's own readers), as JSON text so that two dumps compare with `toBe`/`toEqual`.
 */
export async function dumpStore(store: LocalStore): Promise<Record<string, unknown[]>> {
  const { indexedDB } = testIndexedDB();
  const open = indexedDB.open(store.name);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const list = db.objectStoreNames;
    const names = Array.from({ length: list.length }, (_, i) => list.item(i) ?? '').sort();
    const tx = db.transaction(names, 'readonly');
    const dump: Record<string, unknown[]> = {};
    for (const name of names) dump[name] = (await request(tx.objectStore(name).getAll())) as unknown[];
    return JSON.parse(JSON.stringify(dump)) as Record<string, unknown[]>;
  } finally {
    db.close();
  }
}

export const ORG = 'org_organisation';
export const OFFICE = 'org_office';

/** Wraps resource elements in an S3XML document. */
export const s3xml = (...resources: string[]): string => `<?xml version="1.0" encoding="utf-8"?>\n<s3xml>${resources.join('')}</s3xml>`;

/** Escapes text for an XML attribute or text node. */
export const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A record as a peer sent it (stored with `putRecords`, not pending). */
export function peer(table: string, uuid: string, fields: LocalRecord['fields'], overrides: Partial<LocalRecord> = {}): LocalRecord {
  return peerRecord(table, uuid, { fields, created_on: '2024-01-01T09:00:00', modified_on: '2024-01-01T09:00:00', ...overrides });
}

/** Stores peer records as an earlier import would have (no pending marks). */
export async function seed(store: LocalStore, records: readonly LocalRecord[]): Promise<void> {
  await store.write((tx) => tx.putRecords(records));
}
