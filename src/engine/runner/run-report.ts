import type { LogResult, TaskMode } from '../../core/model/sync.js';
import type { RunStatus } from '../../core/schedule/run-status.js';

/** Why a step did not run: its task's mode, a failed pull (spec 1.10), login or URL failure, or cancellation. */
export type SkipReason = 'mode' | 'pull-failed' | 'login-failed' | 'no-url' | 'cancelled';

/**
 * One pull or push. `cancelled`: it started and was aborted; `skipped` with reason `cancelled`:
 * it never started because the run had been cancelled.
 */
export type StepReport =
  | { readonly kind: 'ok'; readonly mtime: string | null; readonly warning: string | null }
  | { readonly kind: 'failed'; readonly error: string; readonly mtime: string | null }
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'cancelled' };

/** A task's status: a log result, or `skipped` (nothing ran) or `cancelled`. */
export type TaskStatus = LogResult | 'skipped' | 'cancelled';

export type TaskReport = {
  readonly taskId: string;
  readonly resourceName: string;
  readonly mode: TaskMode;
  readonly pull: StepReport;
  readonly push: StepReport;
  readonly status: TaskStatus;
};

/**
 * The login (or URL check) of one repository. A failed login is `transient` when a later run may
 * work without the user (the repository's status is then `error`), else it is `fatal`.
 */
export type LoginReport =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed'; readonly error: string; readonly code: string; readonly transient: boolean }
  | { readonly kind: 'skipped'; readonly reason: 'no-url' | 'cancelled' }
  | { readonly kind: 'cancelled' };

export type RepositoryReport = {
  readonly repositoryId: string;
  readonly login: LoginReport;
  readonly tasks: readonly TaskReport[];
  /** `fatal` when the URL check or login failed (`error` if the login failure is transient); `cancelled`; else the worst task result. */
  readonly status: LogResult | 'cancelled';
};

/** The result of one {@link runSync} call; times are epoch ms from the injected clock. */
export type RunReport = {
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly repositories: readonly RepositoryReport[];
};

/** Progress events, in order: run, repository, task, step, task, ..., run. */
export type RunEvent =
  | { readonly kind: 'run-started'; readonly at: number }
  | { readonly kind: 'repository-started'; readonly repositoryId: string }
  | { readonly kind: 'login-finished'; readonly repositoryId: string; readonly login: LoginReport }
  | { readonly kind: 'task-started'; readonly repositoryId: string; readonly taskId: string; readonly resourceName: string }
  | { readonly kind: 'step-finished'; readonly repositoryId: string; readonly taskId: string; readonly step: 'pull' | 'push'; readonly report: StepReport }
  | { readonly kind: 'task-finished'; readonly repositoryId: string; readonly report: TaskReport }
  | { readonly kind: 'repository-finished'; readonly report: RepositoryReport }
  | { readonly kind: 'run-finished'; readonly report: RunReport };
