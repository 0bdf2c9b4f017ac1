import { LogResult } from '../../core/model/sync.js';
import type { RunStatus } from '../../core/schedule/run-status.js';
import type { LoginReport, RepositoryReport, StepReport, TaskStatus } from './run-report.js';

const SEVERITY: Readonly<Record<LogResult, number>> = { success: 0, warning: 1, error: 2, fatal: 3 };

/** The more severe of two log results (success < warning < error < fatal). */
export function worseResult(a: LogResult, b: LogResult): LogResult {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

function stepResult(step: StepReport): LogResult | null {
  if (step.kind === 'ok') return step.warning ? LogResult.WARNING : LogResult.SUCCESS;
  if (step.kind === 'failed') return LogResult.ERROR;
  return null;
}

const isCancelled = (step: StepReport): boolean =>
  step.kind === 'cancelled' || (step.kind === 'skipped' && step.reason === 'cancelled');

/** A task's status: cancelled if a step was; skipped if no step ran; else the worst step result. */
export function taskStatus(pull: StepReport, push: StepReport): TaskStatus {
  if (isCancelled(pull) || isCancelled(push)) return 'cancelled';
  const results = [stepResult(pull), stepResult(push)].filter((r): r is LogResult => r !== null);
  return results.length === 0 ? 'skipped' : results.reduce(worseResult);
}

/**
 * A repository's status: fatal if it has no URL or its login failed for good, error if the login
 * failed transiently (retry later), cancelled if anything was, else the worst task.
 */
export function repositoryStatus(login: LoginReport, tasks: readonly { status: TaskStatus }[]): LogResult | 'cancelled' {
  if (login.kind === 'failed') return login.transient ? LogResult.ERROR : LogResult.FATAL;
  if (login.kind === 'skipped' && login.reason === 'no-url') return LogResult.FATAL;
  if (login.kind === 'cancelled' || (login.kind === 'skipped' && login.reason === 'cancelled')) return 'cancelled';
  let result: LogResult = LogResult.SUCCESS;
  for (const { status } of tasks) {
    if (status === 'cancelled') return 'cancelled';
    if (status !== 'skipped') result = worseResult(result, status);
  }
  return result;
}

/** The run's status: cancelled if any repository was, else the worst repository (success if none). */
export function runStatus(repositories: readonly Pick<RepositoryReport, 'status'>[]): RunStatus {
  let result: LogResult = LogResult.SUCCESS;
  for (const { status } of repositories) {
    if (status === 'cancelled') return 'cancelled';
    result = worseResult(result, status);
  }
  return result;
}
