import { useEffect, useState } from 'preact/hooks';
import { connectivityText, type Connectivity } from './connectivity-text.js';

/** Where the app learns whether the device is online; the page passes `window`. */
export type ConnectivitySource = {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
};

/** The app shell: a heading and a live status region that follows the device's connectivity. */
export function App({ connectivity }: { readonly connectivity: ConnectivitySource }) {
  const [state, setState] = useState<Connectivity>(connectivity.navigator.onLine ? 'online' : 'offline');
  useEffect(() => {
    const online = () => setState('online');
    const offline = () => setState('offline');
    connectivity.addEventListener('online', online);
    connectivity.addEventListener('offline', offline);
    return () => {
      connectivity.removeEventListener('online', online);
      connectivity.removeEventListener('offline', offline);
    };
  }, [connectivity]);
  return (
    <main class="app">
      <header class="app-header">
        <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width={32} height={32} />
        <h1>Eden Sync</h1>
      </header>
      <p role="status" aria-live="polite" class={`status status-${state}`}>
        {connectivityText(state)}
      </p>
    </main>
  );
}
