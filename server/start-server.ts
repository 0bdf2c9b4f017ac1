import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Clock } from '../src/ports/clock.js';
import { createEdenProxy } from './http/eden-proxy.js';
import { sendPlain } from './http/reply.js';
import { BodyTooLargeError } from './http/request-body.js';
import { createStaticHandler } from './http/static-files.js';
import { DEFAULT_DEMO_USER, type DemoUser } from './peer/basic-auth.js';
import { createDemoPeerHandler } from './peer/demo-peer.js';
import { openPeerStore, type PeerStore } from './peer/peer-store.js';
import type { SeedOptions } from './peer/seed.js';

/** Options of {@link startServer}; all optional. */
export type ServerOptions = {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** The built app; default `<repo>/dist`. */
  readonly distDir?: string;
  /** Proxy mode: `/eden/*` goes to this Eden base URL (e.g. `http://host:8000/eden`). Demo peer mode when absent. */
  readonly edenUrl?: string | null;
  /** Where the demo peer keeps its snapshot; default `./.data`. */
  readonly dataDir?: string;
  /** Demo peer accounts; default {@link DEFAULT_DEMO_USER}. */
  readonly users?: readonly DemoUser[];
  /** Demo data for a fresh demo peer (default {@link DEFAULT_SEED}); false for none. Ignored when a snapshot exists. */
  readonly seed?: SeedOptions | false;
  /** Snapshot the demo peer to `dataDir` (default true). */
  readonly persist?: boolean;
  /** Debounce of demo peer snapshots after a change, ms (default 1000). */
  readonly snapshotDelayMs?: number;
  /** Largest accepted push body, bytes (default 256 MiB). */
  readonly maxBodyBytes?: number;
  readonly clock?: Clock;
  /** Diagnostic lines (never credentials); default silent. */
  readonly log?: (line: string) => void;
};

/** A running server. */
export type RunningServer = {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly mode: 'demo' | 'proxy';
  /** The demo peer's store and uuid (null in proxy mode). */
  readonly peer: PeerStore | null;
  /** Stops accepting connections, ends open ones, flushes and closes the demo peer. */
  close(): Promise<void>;
};

const REPO_ROOT = resolve(import.meta.dirname, '..');

function isEdenPath(pathname: string): boolean {
  return pathname === '/eden' || pathname.startsWith('/eden/');
}

/**
 * Starts the project's server: the built app from `distDir` (SPA fallback, PWA caching) and, under
 * `/eden`, either a streaming reverse proxy to a real Eden (`edenUrl`) or the built-in
 * Eden-compatible demo peer, which reuses the engine's send and receive.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? { now: () => Date.now() };
  const serveStatic = createStaticHandler(options.distDir ?? resolve(REPO_ROOT, 'dist'));
  const edenUrl = options.edenUrl ?? null;
  let peer: PeerStore | null = null;
  let eden: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  if (edenUrl !== null && edenUrl !== '') {
    eden = createEdenProxy(edenUrl);
  } else {
    peer = await openPeerStore({
      dataDir: resolve(options.dataDir ?? '.data'),
      persist: options.persist ?? true,
      seed: options.seed ?? {},
      clock,
      snapshotDelayMs: options.snapshotDelayMs ?? 1000,
      log,
    });
    eden = createDemoPeerHandler({
      peer,
      clock,
      users: options.users ?? [DEFAULT_DEMO_USER],
      maxBodyBytes: options.maxBodyBytes ?? 256 * 1024 * 1024,
    });
  }

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = isEdenPath(pathname) ? eden : serveStatic;
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!(error instanceof BodyTooLargeError)) log(`error on ${req.method ?? '?'} ${pathname}: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else if (error instanceof BodyTooLargeError) sendPlain(res, 413, 'Request body too large');
      else sendPlain(res, 500, 'Internal error');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    mode: peer === null ? 'proxy' : 'demo',
    peer,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        await peer?.close();
      })();
      return closing;
    },
  };
}
