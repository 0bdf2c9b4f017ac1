import { nextSeq } from './next-seq.js';
import type { EdenSyncDb } from './schema.js';

/**
 * Marks a change of `records` (call in the read-write transaction that makes it, with `meta`).
 * The counter lives in the database, so writes of other tabs and the service worker count too.
 */
export async function noteRecordWrite(db: EdenSyncDb): Promise<void> {
  await nextSeq(db, 'recordWrites');
}

/** How many write transactions have changed `records` so far (read with `meta` in scope). */
export async function recordWriteCount(db: EdenSyncDb): Promise<number> {
  return (await db.meta.get('recordWrites'))?.value ?? 0;
}
