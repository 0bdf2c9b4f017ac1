import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/start-server.js';
import type { DemoUser } from '../../server/peer/basic-auth.js';

export const SYNC_USER: DemoUser = { username: 'admin@example.com', password: 'testing', canSync: true };
export const PLAIN_USER: DemoUser = { username: 'normaluser@example.com', password: 'testing', canSync: false };

/** `Authorization` header value for Basic auth. */
export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export const ADMIN = basic(SYNC_USER.username, SYNC_USER.password);

export type Harness = {
  server: RunningServer;
  dataDir: string;
  /** fetch relative to the server, with admin credentials unless `authorization` is given (null: none). */
  call(path: string, init?: RequestInit & { authorization?: string | null }): Promise<Response>;
  /** Registers `uuid` as a repository. */
  register(uuid: string): Promise<void>;
  restart(options?: ServerOptions): Promise<void>;
  stop(): Promise<void>;
};

/** Starts a demo peer on 127.0.0.1:0 with a temp data dir and a small deterministic seed. */
export async function startDemo(options: ServerOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'eden-peer-')));
  const base: ServerOptions = {
    dataDir,
    users: [SYNC_USER, PLAIN_USER],
    seed: { organisations: 30, persons: 12 },
    snapshotDelayMs: 20,
    distDir: join(dataDir, 'no-dist'),
    ...options,
  };
  const harness: Harness = {
    server: await startServer(base),
    dataDir,
    async call(path, init = {}) {
      const { authorization, ...rest } = init;
      const headers = new Headers(rest.headers);
      const auth = authorization === undefined ? ADMIN : authorization;
      if (auth !== null) headers.set('authorization', auth);
      return fetch(harness.server.url + path, { ...rest, headers });
    },
    async register(uuid) {
      const res = await harness.call('/eden/sync/repository/register.json', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uuid, name: `client ${uuid}`, apitype: 'eden' }),
      });
      if (res.status !== 200) throw new Error(`register failed: ${res.status}`);
      await res.text();
    },
    async restart(more = {}) {
      await harness.server.close();
      harness.server = await startServer({ ...base, ...more });
    },
    async stop() {
      await harness.server.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The top-level `<resource>` opening tags of an S3XML text, as attribute maps. */
export function topLevelResources(xml: string): Record<string, string>[] {
  const result: Record<string, string>[] = [];
  let depth = 0;
  const tags = /<(\/?)resource\b([^>]*?)(\/?)>/g;
  for (let match = tags.exec(xml); match !== null; match = tags.exec(xml)) {
    const [, closing, attrs = '', selfClosing] = match;
    if (closing === '/') {
      depth -= 1;
      continue;
    }
    if (depth === 0) {
      const map: Record<string, string> = {};
      for (const attr of attrs.matchAll(/([\w:]+)="([^"]*)"/g)) map[attr[1] ?? ''] = attr[2] ?? '';
      result.push(map);
    }
    if (selfClosing !== '/') depth += 1;
  }
  return result;
}

/** Root `<s3xml>` attributes. */
export function rootAttributes(xml: string): Record<string, string> {
  const root = /<s3xml\b([^>]*?)\/?>/.exec(xml)?.[1] ?? '';
  const map: Record<string, string> = {};
  for (const attr of root.matchAll(/([\w:]+)="([^"]*)"/g)) map[attr[1] ?? ''] = attr[2] ?? '';
  return map;
}
