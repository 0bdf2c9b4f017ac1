/** Whether the device currently has a network connection, as the browser reports it. */
export type Connectivity = 'online' | 'offline';

/** The status line the shell shows for a connectivity state. */
export function connectivityText(state: Connectivity): string {
  return state === 'online' ? 'Online.' : 'Offline. This device has no network connection.';
}
