import { LogResult, type SyncTask } from '../../core/model/sync.js';
import type { StoreWriter } from '../../ports/local-store.js';
import { TransportError } from '../../ports/transport.js';
import { type DecodedSources, decodeSources, type receive, receiveDecoded } from '../receive/receive.js';
import { type ActiveContext, activeOptions, currentRepository } from './active-context.js';
import type { ActiveResult } from './active-result.js';
import { buildPagedPullUrl, buildPullUrl, msinceFor } from './eden-urls.js';
import { readPageResults } from './page-results.js';
import { earlierOf, laterOf, pullCheckpoint, snapshotBound } from './pull-checkpoint.js';
import { filtersKey, type PullCursor, readPullCursor, withPullCursor } from './pull-cursor.js';
import { logPullResult } from './pull-log.js';
import { type FetchedPage, type PageRequest, requestPage } from './pull-page.js';
import { describeFailure } from './sync-log.js';

type ReceiveOptions = Parameters<typeof receive>[3];
type ImportReport = Awaited<ReturnType<typeof receive>>['response'];

/** The conflict resolver a pull may pass on to the import (Eden's `onconflict`). */
export type PullOnConflict = ReceiveOptions['onconflict'];

/**
 * Eden's pull result: an error message, or the new checkpoint (null when nothing was imported),
 * plus the logged result: `warning` when items were rejected by the import (the others imported).
 */
export type PullResult = ActiveResult;

/** Raised when the import of a page fails; nothing of that page was committed. */
class PullImportError extends Error {
  override readonly name = 'PullImportError';
  readonly code = 'import';
}

/** A page as received and decoded. */
type ReadyPage = FetchedPage & { readonly decoded: DecodedSources };

type Totals = { records: number; created: number; updated: number; deleted: number; errors: string[]; bytes: number };

function errorDetails(report: ImportReport): string[] {
  return report.errors.map((e) => `(UID: ${e.uuid ?? '?'}) ${e.table}${e.field ? `.${e.field}` : ''}: ${e.message}`);
}

/**
 * Pulls one task's resource from the peer and imports it (Eden's `pull`, spec 2.4, 9.1.3).
 *
 * - Incremental pulls (a checkpoint and an update policy other than THIS/OTHER) are one request on
 *   `/sync/sync.xml` with msince, as Eden does: Eden orders them by `modified_on` DESC with no
 *   tie-breaker (spec 8.5), so offsets are not stable between pages.
 * - Full pulls are paged on the direct route (`start`/`limit`, spec 2.3) in Eden's id order, where
 *   changed records keep their place. Each page is imported by `receive` in its own transaction,
 *   which also stores a cursor on the task (`SyncTask.pullCursor`); an interrupted pull resumes
 *   at the page after the last committed one. `pageSize: 0` pulls everything in one request.
 * - While a page is imported, the next one is fetched and decoded (prefetch): outside the import
 *   transaction, which never waits on the network; it is used only after that page committed, and
 *   cancelled (its own abort signal) when the import fails or the operation is aborted. A failed
 *   prefetch fails the pull as a failed fetch would: the pages before it stay committed.
 * - The checkpoint (`pullCheckpoint`) is written with the last page, in the same transaction, and
 *   only then; an error of any kind leaves it untouched. It comes from the `modified_on` values the
 *   peer sent (never the device clock) and never passes the oldest record the import refused with
 *   an error, which the next pull fetches again (docs/decisions/0015-checkpoint-not-past-rejected.md). A local store failure (a full disk) is
 *   an import ERROR: nothing of that page is written.
 *
 * Returns Eden's `(error, mtime)` with the logged `status` and `message` (see `ActiveResult`).
 */
export async function pull(ctx: ActiveContext, task: SyncTask, onconflict?: PullOnConflict): Promise<PullResult> {
  const resource = task.resourceName;
  const options = activeOptions(ctx);
  const config = await ctx.store.syncConfig();
  const repository = await currentRepository(ctx);
  const stored = (await ctx.store.getTask(task.id)) ?? task;
  const msince = msinceFor(stored.lastPull, stored.updatePolicy);
  const paged = msince === null && options.pageSize > 0;
  const resumed = paged ? readPullCursor(stored, msince) : null;
  // `rejected`: the oldest mtime of a record this invocation's pages refused; the stored cursor keeps
  // it folded into `bound` (a cap the checkpoint never passes), so a resumed run keeps it too.
  const cursor: { nextStart: number; maxMtime: string | null; bound: string | null; rejected: string | null } = {
    nextStart: resumed?.nextStart ?? 0,
    maxMtime: resumed?.maxMtime ?? null,
    bound: resumed?.bound ?? null,
    rejected: null,
  };
  const totals: Totals = { records: 0, created: 0, updated: 0, deleted: 0, errors: [], bytes: 0 };
  let action = 'fetch';
  const outcome: { checkpoint: string | null } = { checkpoint: null };
  const base = { baseUrl: repository.url, resource, repositoryUuid: config.uuid, msince, filters: stored.filters };
  const startPage = (page: number, start: number): PageRequest<ReadyPage> => {
    const url = paged ? buildPagedPullUrl({ ...base, start, limit: options.pageSize }) : buildPullUrl(base);
    const before = totals.bytes;
    const progress = (bytes: number): void =>
      ctx.onProgress?.({ operation: 'pull', resource, phase: 'download', records: totals.records, bytes: before + bytes, page });
    return requestPage(ctx, url, options.pullTimeoutMs, progress, async (fetched) => ({ ...fetched, decoded: await decodeSources(fetched.response.body) }));
  };
  // The page after the one being imported is fetched and decoded meanwhile (prefetch), outside
  // the import transaction; it is awaited only after that page committed, cancelled if anything fails.
  let next: PageRequest<ReadyPage> | null = null;
  try {
    for (let page = 1; ; page += 1) {
      if (ctx.signal?.aborted) throw new TransportError('aborted');
      action = 'fetch';
      const request: PageRequest<ReadyPage> = next ?? startPage(page, cursor.nextStart);
      next = null;
      const { response, elapsedMs: elapsed, decoded } = await request.result;
      totals.bytes += response.bytes;
      const masters = paged ? readPageResults(response.body) : null;
      if (paged && masters === null) throw new TransportError('bad-response', 'the page has no results count');
      const last = !paged || (masters ?? 0) < options.pageSize;
      const multiPage = paged && !(page === 1 && resumed === null && last);
      const firstOfRun = page === 1 && resumed === null;
      if (!last) next = startPage(page + 1, cursor.nextStart + (masters ?? 0));

      action = 'import';
      const pageState = { committed: false };
      const finish = async (tx: StoreWriter, report: ImportReport | null): Promise<void> => {
        pageState.committed = true;
        // Peer times only (invariant 2): `peerMtime` leaves out elements without modified_on.
        const peerMtime = report?.peerMtime ?? null;
        const rejected = earlierOf(cursor.rejected, report?.rejectedMtime ?? null);
        const maxMtime = laterOf(cursor.maxMtime, peerMtime);
        const snapshot = firstOfRun && !last ? snapshotBound(response.headers['date'], elapsed, peerMtime) : cursor.bound;
        const bound = earlierOf(snapshot, rejected);
        const current = (await tx.getTask(task.id)) ?? stored;
        if (last) {
          outcome.checkpoint = pullCheckpoint({ previous: current.lastPull, maxMtime, multiPage, bound, rejected });
          await tx.putTask(withPullCursor({ ...current, lastPull: outcome.checkpoint }, null));
        } else {
          const nextCursor: PullCursor = { msince, filters: filtersKey(current), nextStart: cursor.nextStart + (masters ?? 0), maxMtime, bound };
          await tx.putTask(withPullCursor(current, nextCursor));
        }
        cursor.maxMtime = maxMtime;
        cursor.bound = bound;
        cursor.rejected = rejected;
      };
      const result = await receiveDecoded({ store: ctx.store, clock: ctx.clock }, decoded, resource, {
        strategy: stored.strategy,
        updatePolicy: stored.updatePolicy,
        conflictPolicy: stored.conflictPolicy,
        ...(onconflict !== undefined ? { onconflict } : {}),
        lastSync: stored.lastPull,
        mixed: false,
        ignoreErrors: true,
        source: repository.name,
        repositoryId: repository.id,
        // The peer's deletion time, not the device clock (decision 0017): a later peer update of a
        // record it removed or moved is then not refused as "older" under NEWER.
        removalTime: 'peer',
        afterImport: (tx, report) => finish(tx, report),
      });
      if (result.status === LogResult.ERROR || result.status === LogResult.FATAL) {
        throw new PullImportError(result.message ?? 'Import failed');
      }
      if (!pageState.committed) await ctx.store.write((tx) => finish(tx, null));
      const report = result.response;
      totals.records += report.records;
      totals.created += report.created.length;
      totals.updated += report.updated.length;
      totals.deleted += report.deleted.length;
      totals.errors.push(...errorDetails(report));
      cursor.nextStart += masters ?? 0;
      ctx.onProgress?.({ operation: 'pull', resource, phase: 'import', records: totals.records, bytes: totals.bytes, page });
      if (last) break;
    }
  } catch (error) {
    next?.cancel();
    const failure = describeFailure(error);
    const input = { resourceName: resource, mode: 'pull', action, result: failure.result, remote: failure.remote, message: failure.message } as const;
    return logPullResult(ctx, input, { mtime: null });
  }
  const warning = totals.errors.length > 0;
  const message = warning
    ? `Data imported with errors: ${totals.errors.slice(0, 20).join('; ')}${totals.errors.length > 20 ? ` (+${totals.errors.length - 20} more)` : ''}`
    : totals.records === 0
      ? 'No data to import (already up-to-date)'
      : `Data imported (${totals.records} records: ${totals.created} created, ${totals.updated} updated, ${totals.deleted} deleted)`;
  return logPullResult(
    ctx,
    { resourceName: resource, mode: 'pull', action: 'import', result: warning ? LogResult.WARNING : LogResult.SUCCESS, remote: false, message },
    { mtime: cursor.maxMtime === null ? null : outcome.checkpoint, idle: totals.records === 0 && !warning },
  );
}
