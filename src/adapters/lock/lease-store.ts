/**
 * One lease row (owner id + expiry) for one lock name; the store that backs it (IndexedDB in the
 * browser) must make `tryAcquire` atomic, e.g. one read-write transaction.
 */
export interface LeaseStore {
  /**
   * Takes or renews the lease for `ttlMs` from `now` (epoch ms) if it is free, expired
   * (`expiresAt <= now`) or already held by `owner`; false when another owner holds a live lease.
   */
  tryAcquire(owner: string, now: number, ttlMs: number): Promise<boolean>;
  /** Frees the lease if `owner` holds it; otherwise does nothing. */
  release(owner: string): Promise<void>;
}

/** Lease stores by lock name. */
export type LeaseStores = (name: string) => LeaseStore;

/** In-memory lease rows (tests, and the reference semantics for an IndexedDB implementation). */
export function createMemoryLeases(): LeaseStores {
  const rows = new Map<string, { owner: string; expiresAt: number }>();
  return (name) => ({
    tryAcquire: async (owner, now, ttlMs) => {
      const row = rows.get(name);
      if (row !== undefined && row.owner !== owner && row.expiresAt > now) return false;
      rows.set(name, { owner, expiresAt: now + ttlMs });
      return true;
    },
    release: async (owner) => {
      if (rows.get(name)?.owner === owner) rows.delete(name);
    },
  });
}
