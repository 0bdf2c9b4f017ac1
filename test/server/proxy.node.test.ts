import { createHash } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamUrlOf } from '../../server/http/eden-proxy.js';
import { startServer, type RunningServer } from '../../server/start-server.js';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; bytes: number; sha: string };

let upstream: Server;
let upstreamPort = 0;
let proxy: RunningServer;
const seen: Seen[] = [];
const RESPONSE_CHUNK = Buffer.alloc(64 * 1024, 'r');
const RESPONSE_CHUNKS = 128; // 8 MiB back

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    let answered = false;
    const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes: 0, sha: '' };
    seen.push(entry);
    const answerEarly = req.url?.includes('stream') === true;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
      if (answerEarly && !answered) {
        answered = true;
        // Answer before the request body has ended: only possible if both directions stream.
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-upstream': 'early' });
        res.write('first-chunk;');
      }
    });
    req.on('end', () => {
      entry.bytes = bytes;
      entry.sha = hash.digest('hex');
      if (answerEarly) {
        let sent = 0;
        const pump = (): void => {
          while (sent < RESPONSE_CHUNKS) {
            sent += 1;
            if (!res.write(RESPONSE_CHUNK)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end(`;sha=${entry.sha};bytes=${bytes}`);
        };
        pump();
        return;
      }
      res.writeHead(401, {
        'content-type': 'text/html; charset=UTF-8',
        'www-authenticate': 'Basic realm="eden"',
        'set-cookie': ['session_id_eden=abc; HttpOnly; Path=/', 'other=1; Path=/'],
        'x-powered-by': 'web2py',
      });
      res.end('Authentication Required');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as AddressInfo).port;
  proxy = await startServer({ edenUrl: `http://127.0.0.1:${upstreamPort}/eden`, distDir: '/nonexistent-dist' });
});
afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe('proxy mode: /eden/* to EDEN_URL', () => {
  it('is in proxy mode without a demo peer', () => {
    expect(proxy.mode).toBe('proxy');
    expect(proxy.peer).toBeNull();
  });

  it('passes method, path, query, Authorization and Content-Disposition through and rewrites Host', async () => {
    const body = '<s3xml><resource name="org_organisation"/></s3xml>';
    const res = await fetch(`${proxy.url}/eden/sync/sync.xml?resource=org_organisation&repository=R1&%5B~%5D~.name__like=Beta*`, {
      method: 'PUT',
      headers: {
        authorization: 'Basic YWRtaW5AZXhhbXBsZS5jb206dGVzdGluZw==',
        'content-type': 'text/xml',
        'content-disposition': 'attachment; filename="data.xml"',
        'x-custom': 'kept',
      },
      body,
    });
    const last = seen[seen.length - 1];
    expect(last?.method).toBe('PUT');
    expect(last?.url).toBe('/eden/sync/sync.xml?resource=org_organisation&repository=R1&%5B~%5D~.name__like=Beta*');
    expect(last?.headers.host).toBe(`127.0.0.1:${upstreamPort}`);
    expect(last?.headers.authorization).toBe('Basic YWRtaW5AZXhhbXBsZS5jb206dGVzdGluZw==');
    expect(last?.headers['content-disposition']).toBe('attachment; filename="data.xml"');
    expect(last?.headers['content-type']).toBe('text/xml');
    expect(last?.headers['x-custom']).toBe('kept');
    expect(last?.bytes).toBe(Buffer.byteLength(body));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="eden"');
    expect(res.headers.getSetCookie()).toEqual(['session_id_eden=abc; HttpOnly; Path=/', 'other=1; Path=/']);
    expect(res.headers.get('x-powered-by')).toBe('web2py');
    expect(await res.text()).toBe('Authentication Required');
  });

  it('streams a large body both ways without buffering', { timeout: 15_000 }, async () => {
    const url = new URL(`${proxy.url}/eden/stream`);
    const chunk = Buffer.alloc(64 * 1024, 'q');
    const CHUNKS = 160; // 10 MiB up
    const sent = createHash('sha256');
    const result = await new Promise<{ early: string; total: number; tail: string; header: string | undefined }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/octet-stream' } }, (res) => {
        let total = 0;
        let early = '';
        let tail = '';
        res.on('data', (data: Buffer) => {
          if (total === 0) {
            early = data.toString('latin1');
            // The first response bytes arrived while the upload is still open: send the rest now.
            for (let i = 1; i < CHUNKS; i += 1) {
              sent.update(chunk);
              req.write(chunk);
            }
            req.end();
          }
          total += data.length;
          tail = (tail + data.toString('latin1')).slice(-200);
        });
        res.on('end', () => resolve({ early, total, tail, header: res.headers['x-upstream'] as string | undefined }));
        res.on('error', reject);
      });
      req.on('error', reject);
      sent.update(chunk);
      req.write(chunk);
      req.flushHeaders();
    });
    expect(result.header).toBe('early');
    expect(result.early.startsWith('first-chunk;')).toBe(true);
    expect(result.tail).toContain(`;sha=${sent.digest('hex')};bytes=${CHUNKS * chunk.length}`);
    expect(result.total).toBeGreaterThan(RESPONSE_CHUNKS * RESPONSE_CHUNK.length);
  });

  it('answers 502 with a short message when the upstream is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dead = await startServer({ edenUrl: `http://127.0.0.1:${deadPort}/eden`, distDir: '/nonexistent-dist' });
    try {
      const res = await fetch(`${dead.url}/eden/sync/sync.xml?resource=org_organisation`);
      expect(res.status).toBe(502);
      expect(await res.text()).toBe('Bad Gateway: Eden upstream unreachable');
    } finally {
      await dead.close();
    }
  });

  it('maps /eden onto the path of EDEN_URL', () => {
    const base = new URL('https://eden.example.org/sahana');
    expect(upstreamUrlOf(base, '/eden/sync/sync.xml?a=1').href).toBe('https://eden.example.org/sahana/sync/sync.xml?a=1');
    expect(upstreamUrlOf(new URL('http://h:8000/eden/'), '/eden').href).toBe('http://h:8000/eden');
    expect(upstreamUrlOf(new URL('http://h:8000/eden'), '/eden/org/office/fields.s3json').href).toBe('http://h:8000/eden/org/office/fields.s3json');
  });

  it('leaves non-/eden paths to the static server', async () => {
    const before = seen.length;
    const res = await fetch(`${proxy.url}/edenish/route`);
    expect(res.status).toBe(404);
    expect(seen.length).toBe(before);
  });
});
