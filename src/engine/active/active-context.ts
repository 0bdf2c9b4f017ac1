import type { Repository } from '../../core/model/sync.js';
import type { Clock } from '../../ports/clock.js';
import type { LocalStore } from '../../ports/local-store.js';
import type { AbortSignalLike, Transport } from '../../ports/transport.js';

/** Progress of an active operation, for the UI (cumulative counts within one pull or push). */
export type SyncProgress = {
  readonly operation: 'pull' | 'push';
  readonly resource: string;
  readonly phase: 'download' | 'import' | 'upload';
  /** Records imported (pull) or acknowledged by the peer (push) so far. */
  readonly records: number;
  /** Bytes received (pull) or sent (push) so far. */
  readonly bytes: number;
  /** Page or batch number, from 1. */
  readonly page: number;
};

/** Tunables of the active operations. */
export type ActiveOptions = {
  /** Masters per page of a full pull; 0 = one request on `/sync/sync.xml` (as Eden does). */
  readonly pageSize: number;
  /** Records per push request (perf.md: ~4-5 ms per record on Eden's side). */
  readonly pushBatchSize: number;
  readonly pullTimeoutMs: number;
  /** 10,000 records take ~50 s on Eden (perf.md); batches stay far below. */
  readonly pushTimeoutMs: number;
  readonly registerTimeoutMs: number;
  /** Re-send pending changes the peer rejected before (default false: they wait for a new local edit). */
  readonly resendRejected: boolean;
};

export const DEFAULT_ACTIVE_OPTIONS: ActiveOptions = {
  pageSize: 1000,
  pushBatchSize: 250,
  pullTimeoutMs: 60_000,
  pushTimeoutMs: 120_000,
  registerTimeoutMs: 30_000,
  resendRejected: false,
};

/** Everything an active operation needs for one repository. */
export type ActiveContext = {
  readonly store: LocalStore;
  /** The transport of this repository (it holds the credentials). */
  readonly transport: Transport;
  readonly clock: Clock;
  readonly repository: Repository;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly options?: Partial<ActiveOptions>;
};

/** The options of a context with defaults filled in. */
export function activeOptions(ctx: ActiveContext): ActiveOptions {
  return { ...DEFAULT_ACTIVE_OPTIONS, ...ctx.options };
}

/** The repository as currently stored (registration may have changed it), else the context's copy. */
export async function currentRepository(ctx: ActiveContext): Promise<Repository> {
  return (await ctx.store.getRepository(ctx.repository.id)) ?? ctx.repository;
}

/** What an `EdenSyncAdapter` needs beyond store, clock and repository to run the active operations. */
export type ActiveExtras = Pick<ActiveContext, 'transport' | 'signal' | 'onProgress' | 'options'>;

/** The context of one active operation from an adapter's parts; throws when no transport was given. */
export function activeContext(
  parts: Pick<ActiveContext, 'store' | 'clock' | 'repository'>,
  extras: ActiveExtras | undefined,
): ActiveContext {
  if (!extras) throw new Error('EdenSyncAdapter: the active operations need a transport (option `active`)');
  return { store: parts.store, clock: parts.clock, repository: parts.repository, ...extras };
}
