import type { Repository } from '../core/model/sync.js';
import type { Clock } from '../ports/clock.js';
import type { LocalStore } from '../ports/local-store.js';
import type { AbortSignalLike, SyncLock } from '../ports/lock.js';
import type { Transport } from '../ports/transport.js';
import type { ActiveContext, ActiveOptions, SyncProgress } from './active/active-context.js';
import { type ActiveResult, warningOf } from './active/active-result.js';
import { login } from './active/login.js';
import { pull } from './active/pull.js';
import { push } from './active/push.js';
import { register } from './active/register.js';
import type { RunEvent, RunReport } from './runner/run-report.js';
import { runSync, type RunSyncOptions } from './runner/run-sync.js';
import type { OperationOutcome, SyncOperations } from './runner/sync-operations.js';

/** Progress of an active operation, tagged with its repository. */
export type SynchronizeProgress = SyncProgress & { readonly repositoryId: string };

/** What {@link synchronize} works with. */
export type SynchronizeDeps = {
  readonly store: LocalStore;
  /** The transport (it holds the credentials): one for every repository, or one per repository. */
  readonly transport: Transport | ((repository: Repository) => Transport);
  readonly clock: Clock;
  readonly lock: SyncLock;
  readonly onEvent?: (event: RunEvent) => void;
  readonly onProgress?: (progress: SynchronizeProgress) => void;
  /** Tunables of the active operations (page and batch sizes, timeouts). */
  readonly options?: Partial<ActiveOptions>;
};

export type SynchronizeOptions = RunSyncOptions;

/** The runner's operations over `src/engine/active`, each repository with its own context. */
export function activeOperations(deps: SynchronizeDeps): SyncOperations {
  const transportFor = (repository: Repository): Transport =>
    typeof deps.transport === 'function' ? deps.transport(repository) : deps.transport;
  const contextFor = (repository: Repository, signal: AbortSignalLike): ActiveContext => ({
    store: deps.store,
    transport: transportFor(repository),
    clock: deps.clock,
    repository,
    signal,
    ...(deps.onProgress ? { onProgress: (progress: SyncProgress) => deps.onProgress?.({ ...progress, repositoryId: repository.id }) } : {}),
    ...(deps.options ? { options: deps.options } : {}),
  });
  const outcomeOf = (result: ActiveResult): OperationOutcome => ({ error: result.error, mtime: result.mtime, warning: warningOf(result) });
  return {
    async login(repository, signal) {
      const ctx = contextFor(repository, signal);
      const outcome = await login(ctx);
      if (outcome.kind === 'failed') return outcome;
      // Eden registers when the repository is saved (spec 2.1); a device does it on its first run.
      // A failed registration is logged and retried by the push ("Registration required").
      const current = (await deps.store.getRepository(repository.id)) ?? repository;
      if (!current.registered && !signal.aborted) await register(ctx);
      return outcome;
    },
    pull: async (repository, task, signal) => outcomeOf(await pull(contextFor(repository, signal), task)),
    push: async (repository, task, signal) => outcomeOf(await push(contextFor(repository, signal), task)),
  };
}

/**
 * One synchronization run (Eden's `S3Sync.synchronize`, spec 1.10) over every repository of the
 * store, or the given ones: the runner (`runSync`: lock, login, per task pull then push, report)
 * driving the real active operations. Those write their own log entries (the login's included)
 * and their checkpoints, in the transactions of the records they cover (architecture invariant
 * 4.2), so the runner neither logs login failures nor advances checkpoints itself. They return
 * their result status: a warning about data becomes the step's warning, an idle push none.
 */
export function synchronize(deps: SynchronizeDeps, options: SynchronizeOptions = {}): Promise<RunReport> {
  return runSync(
    {
      store: deps.store,
      operations: activeOperations(deps),
      lock: deps.lock,
      clock: deps.clock,
      ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
      logLoginFailure: false,
      advanceCheckpoints: false,
    },
    options,
  );
}
