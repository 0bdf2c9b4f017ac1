import type { SyncTask } from '../../core/model/sync.js';

/**
 * Where an interrupted paged pull resumes (written in the transaction of each committed page).
 * Valid only for the same msince and filters. `nextStart` is a record offset, so a changed page
 * size does not invalidate it. `maxMtime` is the newest `modified_on` imported so far and `bound`
 * the snapshot bound of the run (see `pull`).
 */
export type PullCursor = {
  readonly msince: string | null;
  readonly filters: string;
  readonly nextStart: number;
  readonly maxMtime: string | null;
  readonly bound: string | null;
};

/** A task that may carry a pull cursor (the store keeps the task object whole). */
export type TaskWithCursor = SyncTask & { readonly pullCursor?: PullCursor | null };

function isCursor(v: unknown): v is PullCursor {
  if (v === null || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  const strOrNull = (x: unknown): boolean => x === null || typeof x === 'string';
  return (
    strOrNull(c['msince']) &&
    typeof c['filters'] === 'string' &&
    typeof c['nextStart'] === 'number' &&
    Number.isInteger(c['nextStart']) &&
    (c['nextStart'] as number) >= 0 &&
    strOrNull(c['maxMtime']) &&
    strOrNull(c['bound'])
  );
}

/** The key of a task's filters, stored in the cursor so that changed filters restart the pull. */
export function filtersKey(task: SyncTask): string {
  return JSON.stringify(task.filters.map((f) => [f.table, f.selector, f.value]));
}

/** The task's cursor if it is valid for this msince and these filters, else null. */
export function readPullCursor(task: SyncTask, msince: string | null): PullCursor | null {
  const cursor: unknown = (task as TaskWithCursor).pullCursor;
  if (!isCursor(cursor)) return null;
  return cursor.msince === msince && cursor.filters === filtersKey(task) ? cursor : null;
}

/** The task with the cursor set (or cleared with null). */
export function withPullCursor(task: SyncTask, cursor: PullCursor | null): TaskWithCursor {
  const next: TaskWithCursor = { ...task, pullCursor: cursor };
  return next;
}
