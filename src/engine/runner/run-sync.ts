import { LogResult, type Repository, type SyncLogEntry, type SyncTask } from '../../core/model/sync.js';
import { formatEdenDateTime, parseEdenDateTime } from '../../core/time/eden-date-time.js';
import type { Clock } from '../../ports/clock.js';
import type { LocalStore } from '../../ports/local-store.js';
import type { AbortSignalLike, SyncLock } from '../../ports/lock.js';
import { repositoryStatus, runStatus } from './aggregate-status.js';
import { guardOperation, messageOf } from './guard-operation.js';
import type { LoginReport, RepositoryReport, RunEvent, RunReport, TaskReport } from './run-report.js';
import { runTask, skippedTask, type TaskRunContext } from './run-task.js';
import type { LoginOutcome, SyncOperations } from './sync-operations.js';

export type RunSyncDeps = {
  readonly store: LocalStore;
  readonly operations: SyncOperations;
  readonly lock: SyncLock;
  readonly clock: Clock;
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Write the `login` entry on a failed login (Eden's `synchronize`: FATAL; ERROR when the failure
   * is transient); false if `login` logs it. Default true.
   */
  readonly logLoginFailure?: boolean;
  /**
   * Let the runner set `lastPull`/`lastPush` to mtime + 1 s after a successful step (Eden's
   * `synchronize`). Default false: the operations persist checkpoints with their records (4.2).
   */
  readonly advanceCheckpoints?: boolean;
};

export type RunSyncOptions = {
  /** Only these repositories (in store order); default all. */
  readonly repositoryIds?: readonly string[];
  readonly signal?: AbortSignalLike;
};

/** The message Eden logs when a run finds the lock taken (spec 1.2). */
export const BUSY_MESSAGE = 'Synchronization already active - skipping run';

/** The lock name: one run at a time per local store, across every context of the origin. */
export function syncLockName(store: Pick<LocalStore, 'name'>): string {
  return `eden-sync:${store.name}`;
}

type RunContext = TaskRunContext & { readonly deps: RunSyncDeps };

function logEntry(deps: RunSyncDeps, fields: Omit<SyncLogEntry, 'timestmp'>): SyncLogEntry {
  return { timestmp: formatEdenDateTime(deps.clock.now()), ...fields };
}

/** Eden's checkpoint after a step: mtime + 1 s (spec 1.10); null when mtime is not a datetime. */
function checkpointAfter(mtime: string): string | null {
  const ms = parseEdenDateTime(mtime);
  return ms === null ? null : formatEdenDateTime(ms + 1000);
}

async function advanceCheckpoint(store: LocalStore, task: SyncTask, step: 'pull' | 'push', mtime: string): Promise<void> {
  const next = checkpointAfter(mtime);
  if (next === null) return;
  await store.write(async (tx) => {
    const current = (await tx.getTask(task.id)) ?? task;
    await tx.putTask(step === 'pull' ? { ...current, lastPull: next } : { ...current, lastPush: next });
  });
}

async function login(ctx: RunContext, repository: Repository): Promise<LoginReport> {
  if (!repository.url) {
    await ctx.deps.store.appendLog(logEntry(ctx.deps, {
      repositoryId: repository.id, resourceName: null, transmission: 'none', mode: 'none',
      action: 'connect', result: LogResult.FATAL, remote: false, message: 'No URL configured for this repository',
    }));
    return { kind: 'skipped', reason: 'no-url' };
  }
  const outcome = await guardOperation(() => ctx.operations.login(repository, ctx.signal), ctx.signal, ctx.inFlight);
  if (outcome.kind === 'aborted') return { kind: 'cancelled' };
  // A thrown login is unexpected: FATAL, as Eden logs every login error.
  const result: LoginOutcome =
    outcome.kind === 'done' ? outcome.value : { kind: 'failed', code: 'exception', message: messageOf(outcome.error), transient: false };
  if (result.kind === 'ok') return { kind: 'ok' };
  const error = result.message || 'Login failed';
  if (ctx.deps.logLoginFailure !== false) {
    await ctx.deps.store.appendLog(logEntry(ctx.deps, {
      repositoryId: repository.id, resourceName: null, transmission: 'outgoing', mode: 'login', action: 'login',
      result: result.transient ? LogResult.ERROR : LogResult.FATAL, remote: !result.transient, message: error,
    }));
  }
  return { kind: 'failed', error, code: result.code, transient: result.transient };
}

async function runRepository(ctx: RunContext, repository: Repository): Promise<RepositoryReport> {
  const { store } = ctx.deps;
  ctx.emit({ kind: 'repository-started', repositoryId: repository.id });
  const tasks = await store.listTasks(repository.id);
  const loginReport: LoginReport = ctx.signal.aborted ? { kind: 'skipped', reason: 'cancelled' } : await login(ctx, repository);
  ctx.emit({ kind: 'login-finished', repositoryId: repository.id, login: loginReport });
  const reports: TaskReport[] = [];
  for (const task of tasks) {
    if (loginReport.kind === 'failed') reports.push(skippedTask(task, 'login-failed'));
    else if (loginReport.kind === 'skipped' && loginReport.reason === 'no-url') reports.push(skippedTask(task, 'no-url'));
    else if (loginReport.kind !== 'ok' || ctx.signal.aborted) reports.push(skippedTask(task, 'cancelled'));
    else reports.push(await runTask(ctx, repository, task));
  }
  const report: RepositoryReport = { repositoryId: repository.id, login: loginReport, tasks: reports, status: repositoryStatus(loginReport, reports) };
  if (loginReport.kind === 'ok' && report.status !== 'cancelled') {
    // Spec 1.10 step 7; re-read so that a registration during the run is not overwritten.
    const current = (await store.getRepository(repository.id)) ?? repository;
    await store.putRepository({ ...current, lastConnected: formatEdenDateTime(ctx.deps.clock.now()) });
  }
  ctx.emit({ kind: 'repository-finished', report });
  return report;
}

async function execute(deps: RunSyncDeps, options: RunSyncOptions, signal: AbortSignalLike, inFlight: Set<Promise<unknown>>, startedAt: number, emit: (e: RunEvent) => void): Promise<RunReport> {
  const ctx: RunContext = {
    deps,
    operations: deps.operations,
    signal,
    inFlight,
    emit,
    ...(deps.advanceCheckpoints === true ? { advance: (task: SyncTask, step: 'pull' | 'push', mtime: string) => advanceCheckpoint(deps.store, task, step, mtime) } : {}),
  };
  const wanted = options.repositoryIds === undefined ? null : new Set(options.repositoryIds);
  const repositories = (await deps.store.listRepositories()).filter((r) => wanted === null || wanted.has(r.id));
  const reports: RepositoryReport[] = [];
  for (const repository of repositories) {
    if (signal.aborted) reports.push({ repositoryId: repository.id, login: { kind: 'skipped', reason: 'cancelled' }, tasks: [], status: 'cancelled' });
    else reports.push(await runRepository(ctx, repository));
  }
  return { status: runStatus(reports), startedAt, finishedAt: deps.clock.now(), repositories: reports };
}

/**
 * Runs every task of every (selected) repository once, as `S3Sync.synchronize` does (spec 1.10),
 * under the sync lock (spec 1.2): a second run while one is active returns `busy` at once, not
 * queued. Cancelling through `options.signal` stops promptly: no step starts after the abort, the
 * running one gets the signal, and the report (`cancelled`) is returned without waiting for it;
 * the lock is kept until that step settles. Rejects only when the local store fails.
 */
export async function runSync(deps: RunSyncDeps, options: RunSyncOptions = {}): Promise<RunReport> {
  const startedAt = deps.clock.now();
  const emit = (event: RunEvent): void => {
    try {
      deps.onEvent?.(event);
    } catch {
      // A failing listener must not break the run.
    }
  };
  const finish = (report: RunReport): RunReport => {
    emit({ kind: 'run-finished', report });
    return report;
  };
  const empty = (status: RunReport['status']): RunReport => ({ status, startedAt, finishedAt: deps.clock.now(), repositories: [] });
  if (options.signal?.aborted === true) return finish(empty('cancelled'));

  let publish!: (report: RunReport) => void;
  const published = new Promise<RunReport>((resolve) => (publish = resolve));
  const locked = deps.lock.run(syncLockName(deps.store), async (signal) => {
    emit({ kind: 'run-started', at: startedAt });
    const inFlight = new Set<Promise<unknown>>();
    const report = await execute(deps, options, signal, inFlight, startedAt, emit);
    publish(report);
    await Promise.allSettled([...inFlight]);
    return report;
  }, { ifAvailable: true, ...(options.signal ? { signal: options.signal } : {}) });

  const first = await Promise.race([published.then((report) => ({ kind: 'acquired' as const, value: report })), locked]);
  if (first.kind === 'acquired') return finish(first.value);
  const ids = options.repositoryIds;
  await deps.store.appendLog(logEntry(deps, {
    repositoryId: ids !== undefined && ids.length === 1 ? (ids[0] ?? null) : null, resourceName: null,
    transmission: 'none', mode: 'none', action: 'check', result: LogResult.ERROR, remote: false, message: BUSY_MESSAGE,
  }));
  return finish(empty('busy'));
}
