import { describe, expect, it } from 'vitest';
import { fixturePaths, fixtureText } from '../support/fixtures.js';
import { testIndexedDB } from '../support/idb.js';

/** Proves the 'chromium' project really runs in Debian's headless Chromium with real IndexedDB. */
describe('browser test environment', () => {
  it('runs in headless Chromium', () => {
    expect(navigator.userAgent).toMatch(/HeadlessChrome\/\d+/);
    expect(typeof window).toBe('object');
    expect(typeof process === 'undefined' || !process.versions?.node).toBe(true);
  });

  it('has the real IndexedDB, not fake-indexeddb', async () => {
    expect(Object.prototype.toString.call(indexedDB)).toBe('[object IDBFactory]');
    expect(indexedDB.constructor.name).toBe('IDBFactory');
    expect(Function.prototype.toString.call(IDBFactory)).toContain('[native code]');
    const name = `smoke-${Math.random().toString(36).slice(2)}`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put({ hello: 'eden' }, 'k');
      const get = tx.objectStore('kv').get('k');
      get.onsuccess = () => resolve(get.result);
      tx.onerror = () => reject(tx.error);
    });
    expect(value).toEqual({ hello: 'eden' });
    expect(testIndexedDB().indexedDB).toBe(globalThis.indexedDB);
    expect(testIndexedDB().IDBKeyRange).toBe(globalThis.IDBKeyRange);
    db.close();
    await new Promise((resolve) => {
      indexedDB.deleteDatabase(name).onsuccess = resolve;
    });
  });

  it('can read the shared Eden fixtures (server.fs.allow covers ../shared)', () => {
    const paths = fixturePaths();
    expect(paths.length).toBeGreaterThan(100);
    const xml = paths.find((p) => p.endsWith('.xml'));
    expect(xml).toBeDefined();
    expect(fixtureText(xml ?? '').length).toBeGreaterThan(0);
  });
});
