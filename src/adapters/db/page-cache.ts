import type { IndexableType } from 'dexie';

/** Where the next page of one query continues: after `after` in its index, valid at `writes`. */
type Continuation = { readonly writes: number; readonly after: IndexableType };

/** Entries kept per database; the oldest goes first. */
const MAX_ENTRIES = 256;

/**
 * Continuations of paged queries: after a page of `(query, start)` with n rows, the index key of its
 * last row is kept under `(query, start + n)`, so that the next page in sequence starts from that key
 * instead of walking `start` rows again. An entry is used only while no write has changed `records`
 * since (the store-wide write counter is unchanged), so results equal plain offset paging.
 */
export class PageCache {
  readonly #entries = new Map<string, Continuation>();

  /** The key to continue after, or undefined when unknown or outdated. */
  lookup(shape: string, start: number, writes: number): IndexableType | undefined {
    const entry = this.#entries.get(`${shape}\u0000${start}`);
    return entry !== undefined && entry.writes === writes ? entry.after : undefined;
  }

  remember(shape: string, start: number, writes: number, after: IndexableType): void {
    const key = `${shape}\u0000${start}`;
    this.#entries.delete(key);
    this.#entries.set(key, { writes, after });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}
