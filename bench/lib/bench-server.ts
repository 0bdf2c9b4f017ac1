/**
 * The bench's HTTP server on 127.0.0.1, one origin for everything the page talks to (no CORS):
 * - `/bench/*`: the Vite-built browser bundle;
 * - `/replay/<total>/eden/...`: a replay peer that answers Eden's paged direct-route pull
 *   (`/org/organisation/sync.xml?start=&limit=`) with generated pages of a `total`-organisation
 *   dataset (pages cached after first use), and empty documents on `/sync/sync.xml`;
 * - `/demo/eden/...`: a reverse proxy to the project's demo peer (`startServer`).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { pageXml } from './generate-s3xml.js';

/** `warm` generates every page of a dataset up front, so no timed request pays for generation. */
export type BenchServer = { readonly origin: string; warm(total: number, limit: number): void; close(): Promise<void> };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

const EMPTY = Buffer.from(`<?xml version='1.0' encoding='utf-8'?>\n<s3xml success="true" results="0" domain="vm" url="http://127.0.0.1/eden"/>`);

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

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.on('data', () => undefined);
    req.on('end', () => resolve());
  });
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

/** Starts the bench server; `staticDir` holds the browser bundle, `demoUrl` is the demo peer's base URL. */
export async function startBenchServer(options: { staticDir: string; demoUrl: string | null }): Promise<BenchServer> {
  const pages = new Map<string, Buffer>();
  const page = (total: number, start: number, limit: number): Buffer => {
    const key = `${total}:${start}:${limit}`;
    let body = pages.get(key);
    if (body === undefined) {
      body = Buffer.from(pageXml(total, start, limit));
      pages.set(key, body);
    }
    return body;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/bench/')) {
      serveStatic(options.staticDir, path.slice('/bench/'.length), res);
      return;
    }
    if (path.startsWith('/demo/eden')) {
      if (options.demoUrl === null) reply(res, 503, 'text/plain', Buffer.from('no demo peer'));
      else proxy(options.demoUrl, path.slice('/demo'.length) + url.search, req, res);
      return;
    }
    const replay = /^\/replay\/(\d+)\/eden(\/.*)$/.exec(path);
    if (replay !== null) {
      const total = Number(replay[1]);
      const rest = replay[2] ?? '';
      void drain(req).then(() => {
        if (rest === '/org/organisation/sync.xml' && req.method === 'GET') {
          const start = Number(url.searchParams.get('start') ?? '0');
          const limit = Number(url.searchParams.get('limit') ?? String(total));
          reply(res, 200, 'text/xml; charset=utf-8', page(total, start, limit));
        } else if (rest === '/sync/sync.xml' && req.method === 'GET') {
          reply(res, 200, 'text/xml; charset=utf-8', EMPTY);
        } else if (rest === '/sync/repository/register.json') {
          reply(res, 200, 'application/json', Buffer.from(JSON.stringify({ status: 'success', statuscode: '200', sender: 'urn:uuid:be0c0000-0000-4000-8000-ffffffffffff' })));
        } else if (rest === '/sync/sync.xml') {
          reply(res, 200, 'application/json', Buffer.from(JSON.stringify({ status: 'success', statuscode: '200', message: 'ok' })));
        } else {
          reply(res, 404, 'text/plain', Buffer.from('not found'));
        }
      });
      return;
    }
    reply(res, 404, 'text/plain', Buffer.from('not found'));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    warm(total, limit) {
      for (let start = 0; start <= total; start += limit) page(total, start, limit);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
