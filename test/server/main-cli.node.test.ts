/**
 * `npm start`'s entry as a user runs it: prints where to open the app, never prints a password set
 * through the environment, and stops cleanly (exit 0, data flushed) on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('starts, hides an environment password, and stops cleanly on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eden-sync-main-'));
  dirs.push(dataDir);
  const secret = 'env-secret-never-printed';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-build', '--port', '0'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DEMO_PASSWORD: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toContain('Demo account:');
  const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  expect(url).toBeDefined();
  const status = await fetch(`${url}/eden/sync/sync.xml?resource=org_organisation`).then((r) => r.status);
  expect(status).toBe(401);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(output).toContain('demo peer');
  expect(output).not.toContain(secret);
  expect(readdirSync(dataDir).some((name) => name.endsWith('.jsonl'))).toBe(true);
}, 60_000);
