import type { Repository, SyncTask } from '../../core/model/sync.js';
import type { AbortSignalLike } from '../../ports/lock.js';
import { taskStatus } from './aggregate-status.js';
import { guardOperation, messageOf } from './guard-operation.js';
import type { RunEvent, StepReport, TaskReport } from './run-report.js';
import type { OperationOutcome, SyncOperations } from './sync-operations.js';

/** What one task run needs from the run. */
export type TaskRunContext = {
  readonly operations: SyncOperations;
  readonly signal: AbortSignalLike;
  readonly inFlight: Set<Promise<unknown>>;
  readonly emit: (event: RunEvent) => void;
  /** Called after a successful step with an mtime, unless the run is cancelled. */
  readonly advance?: (task: SyncTask, step: 'pull' | 'push', mtime: string) => Promise<void>;
};

const runsPull = (task: SyncTask): boolean => task.mode === 'pull' || task.mode === 'both';
const runsPush = (task: SyncTask): boolean => task.mode === 'push' || task.mode === 'both';

async function runStep(ctx: TaskRunContext, repository: Repository, task: SyncTask, step: 'pull' | 'push'): Promise<StepReport> {
  const outcome = await guardOperation<OperationOutcome>(
    () => ctx.operations[step](repository, task, ctx.signal),
    ctx.signal,
    ctx.inFlight,
  );
  let report: StepReport;
  if (outcome.kind === 'aborted') report = { kind: 'cancelled' };
  else if (outcome.kind === 'threw') report = { kind: 'failed', error: messageOf(outcome.error), mtime: null };
  else if (outcome.value.error) report = { kind: 'failed', error: outcome.value.error, mtime: outcome.value.mtime };
  else report = { kind: 'ok', mtime: outcome.value.mtime, warning: outcome.value.warning ?? null };
  if (report.kind === 'ok' && report.mtime !== null && ctx.advance && !ctx.signal.aborted) {
    await ctx.advance(task, step, report.mtime);
  }
  ctx.emit({ kind: 'step-finished', repositoryId: repository.id, taskId: task.id, step, report });
  return report;
}

/**
 * One task, as `S3Sync.synchronize` does it (spec 1.10 step 6): pull first (modes pull and
 * both), then push (modes push and both); a failed pull skips this task's push. The decision is
 * per task: no error carries over to the next task (docs/decisions/0018-runner-error-per-task.md).
 */
export async function runTask(ctx: TaskRunContext, repository: Repository, task: SyncTask): Promise<TaskReport> {
  ctx.emit({ kind: 'task-started', repositoryId: repository.id, taskId: task.id, resourceName: task.resourceName });
  const pull: StepReport = runsPull(task) ? await runStep(ctx, repository, task, 'pull') : { kind: 'skipped', reason: 'mode' };
  let push: StepReport;
  if (!runsPush(task)) push = { kind: 'skipped', reason: 'mode' };
  else if (pull.kind === 'failed') push = { kind: 'skipped', reason: 'pull-failed' };
  else if (pull.kind === 'cancelled' || ctx.signal.aborted) push = { kind: 'skipped', reason: 'cancelled' };
  else push = await runStep(ctx, repository, task, 'push');
  const report: TaskReport = { taskId: task.id, resourceName: task.resourceName, mode: task.mode, pull, push, status: taskStatus(pull, push) };
  ctx.emit({ kind: 'task-finished', repositoryId: repository.id, report });
  return report;
}

/** The report of a task that never ran. */
export function skippedTask(task: SyncTask, reason: 'login-failed' | 'no-url' | 'cancelled'): TaskReport {
  const pull: StepReport = runsPull(task) ? { kind: 'skipped', reason } : { kind: 'skipped', reason: 'mode' };
  const push: StepReport = runsPush(task) ? { kind: 'skipped', reason } : { kind: 'skipped', reason: 'mode' };
  return { taskId: task.id, resourceName: task.resourceName, mode: task.mode, pull, push, status: taskStatus(pull, push) };
}
