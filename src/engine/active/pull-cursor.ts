import type { PullCursor, SyncTask } from '../../core/model/sync.js';

export type { PullCursor } from '../../core/model/sync.js';

/** True for a well-formed cursor; a stored task is data from an earlier version, checked before use. */
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

/** The task's cursor (`SyncTask.pullCursor`) if it is valid for this msince and these filters, else null. */
export function readPullCursor(task: SyncTask, msince: string | null): PullCursor | null {
  const cursor: unknown = task.pullCursor;
  if (!isCursor(cursor)) return null;
  return cursor.msince === msince && cursor.filters === filtersKey(task) ? cursor : null;
}

/** The task with the cursor set (or cleared with null). */
export function withPullCursor(task: SyncTask, cursor: PullCursor | null): SyncTask {
  return { ...task, pullCursor: cursor };
}
