import type { EdenSyncDb, SeqName } from './schema.js';

/**
 * Reserves `count` consecutive numbers of a store-wide counter and returns the first.
 * Call inside a read-write transaction that includes `meta`, so that reservations never overlap.
 */
export async function nextSeq(db: EdenSyncDb, name: SeqName, count = 1): Promise<number> {
  const row = await db.meta.get(name);
  const first = (row?.value ?? 0) + 1;
  await db.meta.put({ name, value: first + count - 1 });
  return first;
}
