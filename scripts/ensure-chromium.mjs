#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium (the only browser the tests use; never a
 * downloaded one). Installs it with apt-get when missing and running as root; otherwise fails with
 * a message that says what to do. Exit code 0 when Chromium is ready.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_PATH } from './chromium-launch.mjs';

function run(cmd, args) {
  console.log(`[ensure-chromium] ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function fail(message) {
  console.error(`[ensure-chromium] ${message}`);
  process.exit(1);
}

if (existsSync(CHROMIUM_PATH)) {
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  fail(
    `${CHROMIUM_PATH} not found and not running as root, so it cannot be installed here.\n` +
      `  Install Debian's Chromium yourself: sudo apt-get update && sudo apt-get install -y chromium\n` +
      `  (or point CHROMIUM_PATH at an existing Chromium binary). Browsers are never downloaded by the tests.`,
  );
}
if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
  fail(`${CHROMIUM_PATH} not found and apt-get is not available; install Chromium and set CHROMIUM_PATH.`);
}
if (!run('apt-get', ['update', '-q']) || !run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'])) {
  fail('apt-get could not install chromium (is the Debian package mirror reachable?).');
}
if (!existsSync(CHROMIUM_PATH)) {
  fail(`apt-get finished but ${CHROMIUM_PATH} is still missing.`);
}
console.log(`[ensure-chromium] installed ${CHROMIUM_PATH}`);
