import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type ConnectivitySource } from './app.js';

/** A connectivity source the test can switch, standing in for `window`. */
function fakeConnectivity(onLine: boolean) {
  const listeners = new Map<string, Set<() => void>>();
  const source: ConnectivitySource & { set(next: boolean): void } = {
    navigator: { onLine },
    addEventListener(type, listener) {
      const set = listeners.get(type) ?? new Set();
      set.add(listener);
      listeners.set(type, set);
    },
    removeEventListener(type, listener) {
      listeners.get(type)?.delete(listener);
    },
    set(next) {
      for (const listener of listeners.get(next ? 'online' : 'offline') ?? []) listener();
    },
  };
  return source;
}

const host = document.createElement('div');
document.body.append(host);

afterEach(() => render(null, host));

describe('App shell', () => {
  it('shows the heading and a status region', () => {
    act(() => render(<App connectivity={fakeConnectivity(true)} />, host));
    expect(host.querySelector('h1')?.textContent).toBe('Eden Sync');
    const status = host.querySelector('[role="status"]');
    expect(status?.textContent).toMatch(/^Online/);
  });

  it('follows online/offline events', () => {
    const connectivity = fakeConnectivity(true);
    act(() => render(<App connectivity={connectivity} />, host));
    act(() => connectivity.set(false));
    expect(host.querySelector('[role="status"]')?.textContent).toMatch(/^Offline/);
    act(() => connectivity.set(true));
    expect(host.querySelector('[role="status"]')?.textContent).toMatch(/^Online/);
  });

  it('starts offline when the browser is offline', () => {
    act(() => render(<App connectivity={fakeConnectivity(false)} />, host));
    expect(host.querySelector('[role="status"]')?.textContent).toMatch(/^Offline/);
  });
});
