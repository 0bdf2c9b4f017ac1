import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start-server.js';

let dir: string;
let server: RunningServer;
const INDEX = '<!doctype html><title>Eden Sync</title>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eden-static-'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), INDEX);
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
  await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"Eden Sync"}');
  await writeFile(join(dist, 'assets', 'index-DG0s4FDb.js'), 'console.log(1);');
  await writeFile(join(dist, 'assets', 'index-BVUzz4rZ.css'), 'body{}');
  await writeFile(join(dist, 'icon.svg'), '<svg/>');
  await writeFile(join(dir, 'secret.txt'), 'outside dist');
  server = await startServer({ distDir: dist, dataDir: join(dir, 'data'), seed: false, persist: false });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('static serving of dist/', () => {
  it('serves index.html with no-cache at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it.each([
    ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
    ['/assets/index-DG0s4FDb.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-BVUzz4rZ.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/icon.svg', 'image/svg+xml', 'public, max-age=0, must-revalidate'],
  ])('serves %s as %s with %s', async (path, type, cache) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
  });

  it('falls back to index.html for client-side routes, not for missing files', async () => {
    const route = await fetch(`${server.url}/records/org_organisation/123`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toBe(INDEX);
    expect((await fetch(`${server.url}/assets/missing-abcdefgh.js`)).status).toBe(404);
  });

  it('answers a matching ETag with 304 and HEAD without a body', async () => {
    const first = await fetch(`${server.url}/sw.js`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const second = await fetch(`${server.url}/sw.js`, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    const head = await fetch(`${server.url}/sw.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves files outside dist (path traversal)', async () => {
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = request({ host: url.hostname, port: url.port, path: '/../secret.txt', method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.body).not.toContain('outside dist');
    const encoded = await fetch(`${server.url}/%2e%2e/secret.txt`);
    expect(await encoded.text()).not.toContain('outside dist');
  });

  it('refuses other methods than GET and HEAD', async () => {
    expect((await fetch(`${server.url}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
