/**
 * The bench's HTTP server on 127.0.0.1, one origin for everything the page talks to (no CORS):
 * - `/bench/*`: the Vite-built browser bundle;
 * - `/demo/<N>/eden/...`: a reverse proxy to the project's demo peer seeded with N organisations
 *   (`startServer`, in memory; one per size).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export type BenchServer = { readonly origin: string; close(): Promise<void> };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

function reply(res: ServerResponse, status: number, type: string, body: Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.byteLength, 'Cache-Control': 'no-store' });
  res.end(body);
}

function serveStatic(dir: string, path: string, res: ServerResponse): void {
  const file = normalize(join(dir, path === '/' || path === '' ? 'index.html' : path));
  if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
    reply(res, 404, 'text/plain', Buffer.from('not found'));
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}

function proxy(target: string, path: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(path, target);
  const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) reply(res, 502, 'text/plain', Buffer.from('demo peer unreachable'));
    else res.destroy();
  });
  req.pipe(upstream);
}

/** Starts the bench server; `staticDir` holds the browser bundle, `demoUrls` the base URL of the demo peer of each size. */
export async function startBenchServer(options: { staticDir: string; demoUrls: ReadonlyMap<number, string> }): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/bench/')) {
      serveStatic(options.staticDir, path.slice('/bench/'.length), res);
      return;
    }
    const demo = /^\/demo\/(\d+)(\/eden(?:\/.*)?)$/.exec(path);
    const target = demo === null ? undefined : options.demoUrls.get(Number(demo[1]));
    if (demo !== null && target !== undefined) {
      proxy(target, (demo[2] ?? '') + url.search, req, res);
      return;
    }
    reply(res, 404, 'text/plain', Buffer.from('not found'));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
