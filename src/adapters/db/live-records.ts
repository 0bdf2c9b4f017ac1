import { liveQuery } from 'dexie';
import type { LocalRecord } from '../../core/model/record.js';
import type { StoreReader } from '../../ports/local-store.js';

/** A subscription to a live query; `unsubscribe` stops further values. */
export type LiveSubscription = { unsubscribe(): void };

/** What the UI subscribes to: the current value now, then again after every change it depends on. */
export type LiveObserver<T> = { readonly next: (value: T) => void; readonly error?: (error: unknown) => void };

/** A minimal observable of a read-only query. */
export type LiveObservable<T> = { subscribe(observer: LiveObserver<T>): LiveSubscription };

/**
 * Re-runs `read` whenever data it read changes (in this context or, through Dexie's
 * BroadcastChannel, in another tab or the service worker). `read` must only await store reads
 * of a store opened by `openLocalStore` in this context.
 */
export function liveRead<T>(read: () => Promise<T>): LiveObservable<T> {
  // An `async` querier: Dexie tracks reads across awaits only for async functions.
  const observable = liveQuery(async () => read());
  return {
    subscribe(observer: LiveObserver<T>): LiveSubscription {
      const subscription = observable.subscribe({
        next: (value) => observer.next(value),
        error: (error: unknown) => observer.error?.(error),
      });
      return { unsubscribe: () => subscription.unsubscribe() };
    },
  };
}

/** The records of one table, live: insertion order, deleted ones only when asked for. */
export function liveRecords(
  store: Pick<StoreReader, 'queryRecords'>,
  table: string,
  options: { includeDeleted?: boolean } = {},
): LiveObservable<readonly LocalRecord[]> {
  return liveRead(() => store.queryRecords(table, { includeDeleted: options.includeDeleted === true }));
}
