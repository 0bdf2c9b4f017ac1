import Dexie, { type Collection, type IndexableType } from 'dexie';
import type { RecordQuery } from '../../ports/local-store.js';
import { PageCache } from './page-cache.js';
import { descendingKey, scopeFilter } from './record-row.js';
import { recordWriteCount } from './record-writes.js';
import type { EdenSyncDb, RecordRow } from './schema.js';
import { StoreError } from './store-error.js';

/** Rows read per step when a query filters in memory. */
const CHUNK = 512;

/**
 * How one query reads: a forward range of one index (insertion order, or with msince
 * `modified_on >= msince` newest first), the in-memory filter of its scope, and how to name a
 * row's position in that index. `shape` identifies the query apart from paging.
 */
type Plan = {
  readonly index: string;
  readonly lower: IndexableType;
  readonly upper: IndexableType;
  readonly keyOf: (row: RecordRow) => IndexableType;
  readonly accept: ((row: RecordRow) => boolean) | null;
  readonly shape: string;
};

function planOf(table: string, query: RecordQuery): Plan {
  const msince = query.msince ?? '';
  const accept = scopeFilter(query);
  const shape = JSON.stringify([table, msince, query.includeDeleted === true, query.mastersOnly === true]);
  if (msince === '') {
    return { index: '[table+seq]', lower: [table, Dexie.minKey], upper: [table, Dexie.maxKey], keyOf: (r) => [r.table, r.seq], accept, shape };
  }
  const upper = [table, descendingKey(msince), Dexie.maxKey];
  return { index: '[table+desc+nseq]', lower: [table, Dexie.minKey, Dexie.minKey], upper, keyOf: (r) => [r.table, r.desc, r.nseq], accept, shape };
}

/** The plan's range, from its start or just after the index key `after`. */
function range(db: EdenSyncDb, plan: Plan, after?: IndexableType): Collection<RecordRow> {
  const where = db.records.where(plan.index);
  return after === undefined ? where.between(plan.lower, plan.upper, true, true) : where.between(after, plan.upper, false, true);
}

/** Up to `limit` selected rows after `after`: one `getAll`, or chunks when filtering (never a cursor). */
async function readFrom(db: EdenSyncDb, plan: Plan, after: IndexableType | undefined, limit: number | undefined): Promise<RecordRow[]> {
  const accept = plan.accept;
  if (accept === null) return (limit === undefined ? range(db, plan, after) : range(db, plan, after).limit(limit)).toArray();
  if (limit === undefined) return (await range(db, plan, after).toArray()).filter(accept);
  const rows: RecordRow[] = [];
  let from = after;
  for (;;) {
    const size = Math.max(limit - rows.length, CHUNK);
    const batch = await range(db, plan, from).limit(size).toArray();
    for (const row of batch) {
      if (!accept(row)) continue;
      rows.push(row);
      if (rows.length === limit) return rows;
    }
    const last = batch[batch.length - 1];
    if (batch.length < size || last === undefined) return rows;
    from = plan.keyOf(last);
  }
}

/** The index key of the `start`-th selected row (1-based), or null when fewer rows are selected. */
async function positionOf(db: EdenSyncDb, plan: Plan, start: number): Promise<IndexableType | null> {
  const accept = plan.accept;
  if (accept === null) {
    // Primary keys only (getAllKeys), then the one row: no values for the skipped rows.
    const keys = (await range(db, plan).limit(start).primaryKeys()) as [string, string][];
    const key = keys[start - 1];
    const row = keys.length === start && key !== undefined ? await db.records.get(key) : undefined;
    return row === undefined ? null : plan.keyOf(row);
  }
  let seen = 0;
  let from: IndexableType | undefined;
  for (;;) {
    const batch = await range(db, plan, from).limit(CHUNK).toArray();
    for (const row of batch) if (accept(row) && ++seen === start) return plan.keyOf(row);
    const last = batch[batch.length - 1];
    if (batch.length < CHUNK || last === undefined) return null;
    from = plan.keyOf(last);
  }
}

function checkPaging(query: RecordQuery): void {
  for (const value of [query.start, query.limit]) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new StoreError('invalid', `start and limit must be whole numbers >= 0, got ${String(value)}`);
    }
  }
}

const caches = new WeakMap<EdenSyncDb, PageCache>();

function cacheOf(db: EdenSyncDb): PageCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new PageCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * One page of the records of `table` a query selects, exactly as offset paging over the whole
 * selection would give it. A page that follows the previous one (start = its start + its length,
 * same query, no write to `records` since) continues from that page's last index key, so paging
 * through a table costs time linear in its size; any other start reads primary keys up to it.
 * Continuations are only remembered from committed state (not inside a read-write transaction,
 * which might still roll back).
 */
export async function queryRecordRows(db: EdenSyncDb, table: string, query: RecordQuery): Promise<RecordRow[]> {
  checkPaging(query);
  if (query.limit === 0) return [];
  const plan = planOf(table, query);
  const start = query.start ?? 0;
  if (start === 0 && query.limit === undefined) return readFrom(db, plan, undefined, undefined);
  const remember = Dexie.currentTransaction?.mode !== 'readwrite';
  const cache = cacheOf(db);
  return db.transaction('r', [db.records, db.meta], async () => {
    const writes = await recordWriteCount(db);
    let after: IndexableType | undefined;
    if (start > 0) {
      const found = cache.lookup(plan.shape, start, writes) ?? (await positionOf(db, plan, start));
      if (found === null) return [];
      after = found;
    }
    const rows = await readFrom(db, plan, after, query.limit);
    const last = rows[rows.length - 1];
    if (remember && last !== undefined) cache.remember(plan.shape, start + rows.length, writes, plan.keyOf(last));
    return rows;
  });
}

/** Counts every record the query selects (`start` and `limit` ignored): native unless filtering. */
export async function countRecordRows(db: EdenSyncDb, table: string, query: RecordQuery): Promise<number> {
  const plan = planOf(table, query);
  const accept = plan.accept;
  if (accept === null) return range(db, plan).count();
  return (await range(db, plan).toArray()).filter(accept).length;
}
