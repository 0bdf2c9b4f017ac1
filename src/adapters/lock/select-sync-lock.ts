import type { SyncLock } from '../../ports/lock.js';
import { LeaseLock, type LeaseLockOptions } from './lease-lock.js';
import { WebLocksLock, webLocksFrom } from './web-locks-lock.js';

/** Web Locks when `navigatorLike.locks` exists, otherwise the lease lock (architecture 2). */
export function selectSyncLock(navigatorLike: unknown, lease: LeaseLockOptions): SyncLock {
  const locks = webLocksFrom(navigatorLike);
  return locks === null ? new LeaseLock(lease) : new WebLocksLock(locks);
}
