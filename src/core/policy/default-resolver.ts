import type { ConflictItem, OnConflict } from './conflict-item.js';

/**
 * Eden's default conflict rule (`S3Sync.onconflict`, spec 4.9) driven by the conflict policy passed
 * in, as the import matrix's "default-resolver" does: OTHER accepts; NEWER accepts when the local
 * mtime is at or before the incoming one (a local record without mtime is treated as oldest, where
 * Eden raises TypeError: decision 0006); MASTER accepts only an update from the master onto a copy
 * that is not itself the master (Eden's inverted check fixed: decision 0005); THIS, null and
 * anything else refuse.
 */
export function defaultResolver(conflictPolicy: string | null | undefined): OnConflict {
  switch (conflictPolicy) {
    case 'OTHER':
      return () => true;
    case 'NEWER':
      return (item: ConflictItem) => item.localMtime === null || item.localMtime <= item.incoming.mtime;
    case 'MASTER':
      return (item: ConflictItem) => item.local.mci !== 0 && item.incoming.mci === 1;
    default:
      return () => false;
  }
}
