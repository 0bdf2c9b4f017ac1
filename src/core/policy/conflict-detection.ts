/**
 * Conflict detection against `last_sync` (spec 4.8, matrix C-group). Both sides count as modified
 * when their mtime is at or after last_sync (equality counts); a local record without an mtime
 * counts as modified. Without last_sync there is never a conflict. Times are epoch ms.
 */
export function isConflict(localMtime: number | null, incomingMtime: number, lastSync: number | null): boolean {
  if (lastSync === null) return false;
  const localModified = localMtime === null || localMtime >= lastSync;
  const incomingModified = incomingMtime >= lastSync;
  return localModified && incomingModified;
}
