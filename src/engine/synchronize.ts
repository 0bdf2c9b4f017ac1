import { LogResult, type Repository, type SyncLogEntry, type SyncTask } from '../core/model/sync.js';
import type { Clock } from '../ports/clock.js';
import type { LocalStore } from '../ports/local-store.js';
import type { AbortSignalLike, SyncLock } from '../ports/lock.js';
import type { Transport } from '../ports/transport.js';
import type { ActiveContext, ActiveOptions, SyncProgress } from './active/active-context.js';
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

/**
 * Wraps the store so that the outcome of a pull or push can be told from the log entry it writes:
 * the active operations return only `(error, mtime)`, their warnings live in the log (spec 1.6).
 * Methods are bound to the real store (the store keeps private state).
 */
function observingLog(store: LocalStore, seen: (entry: SyncLogEntry) => void): LocalStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendLog') {
        return (entry: SyncLogEntry): Promise<void> => {
          seen(entry);
          return target.appendLog(entry);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A warning of a step that worked "with issues": a pull that imported with item errors, or a
 * push the peer answered with refused records (remote). "No data to send" is no warning.
 */
function warningOf(entry: SyncLogEntry | null): string | null {
  if (entry === null || entry.result !== LogResult.WARNING) return null;
  return entry.mode === 'pull' || entry.remote ? entry.message : null;
}

/** The runner's operations over `src/engine/active`, each repository with its own context. */
export function activeOperations(deps: SynchronizeDeps): SyncOperations {
  const transportFor = (repository: Repository): Transport =>
    typeof deps.transport === 'function' ? deps.transport(repository) : deps.transport;
  const contextFor = (repository: Repository, signal: AbortSignalLike, store: LocalStore = deps.store): ActiveContext => ({
    store,
    transport: transportFor(repository),
    clock: deps.clock,
    repository,
    signal,
    ...(deps.onProgress ? { onProgress: (progress: SyncProgress) => deps.onProgress?.({ ...progress, repositoryId: repository.id }) } : {}),
    ...(deps.options ? { options: deps.options } : {}),
  });
  const step = async (kind: 'pull' | 'push', repository: Repository, task: SyncTask, signal: AbortSignalLike): Promise<OperationOutcome> => {
    let last: SyncLogEntry | null = null;
    const store = observingLog(deps.store, (entry) => {
      if (entry.mode === kind && entry.resourceName === task.resourceName) last = entry;
    });
    const ctx = contextFor(repository, signal, store);
    const result = kind === 'pull' ? await pull(ctx, task) : await push(ctx, task);
    return { error: result.error, mtime: result.mtime, warning: result.error ? null : warningOf(last) };
  };
  return {
    async login(repository, signal) {
      const ctx = contextFor(repository, signal);
      const error = await login(ctx);
      if (error !== null) return error;
      // Eden registers when the repository is saved (spec 2.1); a device does it on its first run.
      // A failed registration is logged and retried by the push ("Registration required").
      const current = (await deps.store.getRepository(repository.id)) ?? repository;
      if (!current.registered && !signal.aborted) await register(ctx);
      return null;
    },
    pull: (repository, task, signal) => step('pull', repository, task, signal),
    push: (repository, task, signal) => step('push', repository, task, signal),
  };
}

/**
 * One synchronization run (Eden's `S3Sync.synchronize`, spec 1.10) over every repository of the
 * store, or the given ones: the runner (`runSync`: lock, login, per task pull then push, report)
 * driving the real active operations. Those write their own log entries (FATAL login included)
 * and checkpoints, in the transactions of the records they cover (architecture invariant 4.2),
 * so the runner neither logs login failures nor advances checkpoints itself.
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
