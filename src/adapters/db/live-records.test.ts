import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../core/model/record.js';
import { liveRecords } from './live-records.js';
import { testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { openTestStore as openStore, peerRecord, type TestStore } from './test-store.js';

const openTestStore = (): Promise<TestStore> => openStore(testIndexedDB(), uniqueDbName('local-store'));

let t: TestStore;
afterEach(() => t?.store.close());

/** Collects the values a live query emits and waits for the n-th one. */
function collector() {
  const values: string[][] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    values,
    next(records: readonly LocalRecord[]) {
      values.push(records.map((r) => r.uuid));
      for (const w of waiters.filter((w) => values.length >= w.count)) w.resolve();
    },
    until(count: number): Promise<void> {
      if (values.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

describe('liveRecords', () => {
  it('emits the current records, then again after local edits and peer writes, until unsubscribed', { timeout: 5000 }, async () => {
    t = await openTestStore();
    await t.store.saveLocal('pr_person', { uuid: 'a', fields: {} });
    const seen = collector();
    const subscription = liveRecords(t.store, 'pr_person').subscribe({ next: (v) => seen.next(v) });
    await seen.until(1);
    expect(seen.values[0]).toEqual(['a']);

    await t.store.write((tx) => tx.putRecords([peerRecord('pr_person', 'b')]));
    await seen.until(2);
    expect(seen.values.at(-1)).toEqual(['a', 'b']);

    await t.store.removeLocal('pr_person', 'a');
    await seen.until(3);
    expect(seen.values.at(-1)).toEqual(['b']);

    subscription.unsubscribe();
    const count = seen.values.length;
    await t.store.saveLocal('pr_person', { uuid: 'c', fields: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.values).toHaveLength(count);
  });
});
