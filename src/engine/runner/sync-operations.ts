import type { Repository, SyncTask } from '../../core/model/sync.js';
import type { AbortSignalLike } from '../../ports/lock.js';

/**
 * What a pull or push returned (Eden's `(error, mtime)`, spec 1.10). `error` null or empty means
 * success; `mtime` is the newest `modified_on` the step covered (naive UTC), null if none.
 * `warning` (optional) turns a success into a `warning` result ("it worked, with issues", spec 1.6).
 */
export type OperationOutcome = {
  readonly error: string | null;
  readonly mtime: string | null;
  readonly warning?: string | null;
};

/**
 * The outcome of a login (spec 1.10 step 4). A failure is `transient` when a later run may work
 * without the user (peer unreachable, timeout, 5xx): the repository's result is then `error`
 * (retry later); otherwise (wrong credentials, no permission) it is `fatal` (needs the user).
 */
export type LoginOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string; readonly transient: boolean };

/**
 * The active operations the runner drives, one repository at a time (wired by the lead to
 * `src/engine/active`). Each must honour `signal` (stop promptly, reject or return an error) and
 * writes its own pull/push log entries, as `eden.py` does. Unless the runner is told to advance
 * checkpoints, `pull` and `push` persist their checkpoints themselves, in the same transaction as
 * the records they cover (architecture invariant 4.2).
 */
export interface SyncOperations {
  /** Verifies the credentials; on failure the runner skips the repository's tasks (spec 1.10 step 4). */
  login(repository: Repository, signal: AbortSignalLike): Promise<LoginOutcome>;
  pull(repository: Repository, task: SyncTask, signal: AbortSignalLike): Promise<OperationOutcome>;
  push(repository: Repository, task: SyncTask, signal: AbortSignalLike): Promise<OperationOutcome>;
}
