import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE } from '../../server/peer/peer-store.js';
import { rootAttributes, startDemo } from './server-harness.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('demo peer persistence (snapshot under DATA_DIR)', () => {
  it('keeps records, registrations and its own uuid across a restart, without re-seeding', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eden-peer-persist-'));
    dirs.push(dataDir);
    const h = await startDemo({ dataDir, seed: { organisations: 8, persons: 3 }, snapshotDelayMs: 5000 });
    const uuid = h.server.peer?.peerUuid;
    expect(h.server.peer?.seeded).toBeGreaterThan(8);
    await h.register('client-a');
    const push = await h.call('/eden/sync/sync.xml?resource=org_organisation&repository=client-a', {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<s3xml><resource name="org_organisation" uuid="urn:uuid:kept" modified_on="2026-01-01T00:00:00"><data field="name">Kept Across Restarts</data></resource></s3xml>',
    });
    expect(push.status).toBe(200);
    // The debounce (5 s) has not fired: close() must flush.
    await h.restart({ seed: { organisations: 50 } });
    expect(h.server.peer?.peerUuid).toBe(uuid);
    expect(h.server.peer?.seeded).toBe(0);
    const pulled = await (await h.call('/eden/sync/sync.xml?resource=org_organisation')).text();
    expect(rootAttributes(pulled).results).toBe('9');
    expect(pulled).toContain('Kept Across Restarts');
    const again = await h.call('/eden/sync/sync.xml?resource=org_organisation&repository=client-a', { method: 'POST', body: '<s3xml/>' });
    expect(again.status).toBe(200);
    const register = await h.call('/eden/sync/repository/register.json', { method: 'POST', body: '{"uuid":"client-a"}' });
    expect(await register.json()).toMatchObject({ message: 'Registration update successful', sender: uuid });
    await h.stop();
    expect((await readdir(dataDir)).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('writes a debounced snapshot after a change while running', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eden-peer-debounce-'));
    dirs.push(dataDir);
    const h = await startDemo({ dataDir, seed: false, snapshotDelayMs: 30 });
    await h.register('client-debounced');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8')).toContain('client-debounced');
    await h.stop();
  });

  it('keeps nothing on disk with persist: false', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eden-peer-memory-'));
    dirs.push(dataDir);
    const h = await startDemo({ dataDir, seed: { organisations: 3 }, persist: false });
    await h.register('client-b');
    await h.stop();
    expect(await readdir(dataDir)).toEqual([]);
  });
});
