#!/usr/bin/env node
/**
 * `npm test`: runs every suite in turn and ends with one line `N passed, N failed` (totals over all
 * suites; each typecheck and the import check count as one test each). Exits non-zero if anything failed.
 *
 * Suites: tsc -p tsconfig.json, tsc -p tsconfig.core.json, scripts/check-imports.mjs,
 * Vitest project 'node', scripts/ensure-chromium.mjs + Vitest project 'chromium'.
 * Extra arguments are passed to both Vitest runs (e.g. `npm test -- src/core`).
 * Set TEST_SUMMARY_FILE to also write the closing line to that file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const scratch = mkdtempSync(join(tmpdir(), 'eden-sync-test-'));

/** Runs a command with inherited output; resolves to its exit code. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      console.error(`[test] could not start ${cmd}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Counts from Vitest's JSON report; a file that failed to load counts as one failed test. */
function vitestCounts(reportPath, code) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: `no report (exit ${code})` };
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    for (const test of results) {
      if (test.status === 'passed') passed++;
      else if (test.status === 'failed') failed++;
      else skipped++;
    }
    if (file.status === 'failed' && !results.some((t) => t.status === 'failed')) failed++;
  }
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed, skipped };
}

const suites = [];

async function check(name, cmd, args) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const code = await run(cmd, args);
  const counts = code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  suites.push({ name, ...counts, seconds: (Date.now() - started) / 1000 });
  return code === 0;
}

async function vitest(project) {
  const started = Date.now();
  console.log(`\n=== vitest: ${project} ===`);
  const report = join(scratch, `${project}.json`);
  const code = await run(bin('vitest'), [
    'run',
    '--project',
    project,
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ]);
  suites.push({ name: `vitest ${project}`, ...vitestCounts(report, code), seconds: (Date.now() - started) / 1000 });
}

const started = Date.now();
await check('typecheck tsconfig.json', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
await check('typecheck tsconfig.core.json', bin('tsc'), ['-p', 'tsconfig.core.json', '--noEmit']);
await check('import directions', process.execPath, [join(root, 'scripts', 'check-imports.mjs')]);
await vitest('node');
if (await check('chromium available', process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')])) {
  await vitest('chromium');
} else {
  suites.push({ name: 'vitest chromium', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'no Chromium' });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const s of suites) {
  const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
  const note = s.note ? ` (${s.note})` : '';
  console.log(`${s.failed ? 'FAIL' : 'ok  '} ${s.name}: ${s.passed} passed, ${s.failed} failed${skipped}${note} [${s.seconds.toFixed(1)}s]`);
}
const total = (key) => suites.reduce((sum, s) => sum + s[key], 0);
const failed = total('failed');
const skipped = total('skipped');
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
const line = `${total('passed')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
if (process.env.TEST_SUMMARY_FILE) writeFileSync(process.env.TEST_SUMMARY_FILE, `${line}\n`);
console.log(line);
process.exit(failed === 0 ? 0 : 1);
