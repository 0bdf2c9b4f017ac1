/**
 * Why a sync run is wanted (architecture 2): the service worker starting or the app opening,
 * connectivity returning, the periodic timer, a local edit (debounced), a Background Sync event,
 * or the user pressing "Sync now".
 */
export type SyncTrigger = 'startup' | 'online' | 'timer' | 'local-change' | 'background-sync' | 'manual';

/** Every trigger, in a stable order (for UIs and exhaustive tests). */
export const SYNC_TRIGGERS: readonly SyncTrigger[] = ['startup', 'online', 'timer', 'local-change', 'background-sync', 'manual'];
