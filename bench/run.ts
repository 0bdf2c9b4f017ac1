/**
 * `npm run bench`: how fast and how lean a sync is, as ratios to raw floors measured in the same
 * run, in headless Chromium (primary: real IndexedDB) and in Node (secondary: fake-indexeddb).
 * Prints one table and writes bench/RESULTS.md. Never asserts on a timing.
 *
 * Options: --quick (small sizes only, for trying the bench out), --skip-node, --skip-chromium,
 * --node-100k (Node at the Chromium sizes; fake-indexeddb makes that take many minutes).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { startServer, type RunningServer } from '../server/start-server.js';
import type { BenchCall } from './lib/bench-api.js';
import { startBenchServer } from './lib/bench-server.js';
import { PAGE_SIZE, type PullSample, SYNC_PEER } from './lib/cases.js';
import { consoleTable, markdownTable, type Row, verdict } from './lib/report.js';
import { runSuite, type Driver, type PullMemSample, type SuitePlan } from './lib/suite.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium-launch.mjs';

const ROOT = resolve(import.meta.dirname, '..');
/** Every this many ms the heap sampler forces a GC and records the live heap. */
const LIVE_SAMPLE_MS = 2000;

const argv = new Set(process.argv.slice(2));
const REPS_NOTE = argv.has('--node-100k')
  ? '100k cases run once (reps = 1); Node runs the Chromium sizes (--node-100k).'
  : '100k cases run once (reps = 1) to keep the run near 10 minutes; Node (fake-indexeddb) runs 1k and 10k: its size comparisons are 10k vs 1k.';
const quick = argv.has('--quick');
const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
};

const CHROMIUM_PLAN: SuitePlan = quick
  ? {
      imports: [{ n: 1000, reps: 2 }, { n: 10_000, reps: 2 }],
      pulls: [{ n: 1000, reps: 2 }, { n: 10_000, reps: 1 }],
      pageSize: PAGE_SIZE,
      large: 10_000,
      mid: 1000,
      base: 1000,
      sendReps: 20,
      incrementalReps: 3,
      sendAllReps: 1,
      profile: 10_000,
    }
  : {
      imports: [{ n: 1000, reps: 1 }, { n: 10_000, reps: 3 }, { n: 100_000, reps: 1 }],
      pulls: [{ n: 10_000, reps: 3 }, { n: 100_000, reps: 1 }],
      pageSize: PAGE_SIZE,
      large: 100_000,
      mid: 10_000,
      base: 1000,
      sendReps: 20,
      incrementalReps: 5,
      sendAllReps: 1,
      profile: 10_000,
    };

const NODE_PLAN: SuitePlan = argv.has('--node-100k')
  ? CHROMIUM_PLAN
  : {
      imports: [{ n: 1000, reps: 3 }, { n: 10_000, reps: quick ? 1 : 2 }],
      pulls: [{ n: 1000, reps: 3 }, { n: 10_000, reps: quick ? 1 : 2 }],
      pageSize: PAGE_SIZE,
      large: 10_000,
      mid: 1000,
      base: 1000,
      sendReps: 20,
      incrementalReps: 3,
      sendAllReps: 1,
      profile: 10_000,
    };

async function buildBundle(outDir: string): Promise<void> {
  await build({
    root: join(ROOT, 'bench', 'browser'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 100_000 },
  });
}

async function chromiumDriver(origin: string): Promise<{ driver: Driver; browser: Browser; version: string }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') log(`[chromium console] ${message.text()}`);
  });
  page.on('pageerror', (error) => log(`[chromium pageerror] ${error.message}`));
  const cdp: CDPSession = await context.newCDPSession(page);
  const load = async (): Promise<void> => {
    await page.goto(`${origin}/bench/index.html`);
    await page.waitForFunction(() => 'bench' in globalThis, undefined, { timeout: 30_000 });
    await cdp.send('Performance.enable');
  };
  await load();
  const call = <T>(c: BenchCall): Promise<T> =>
    page.evaluate((arg) => (globalThis as unknown as { bench: { call(c: unknown): Promise<unknown> } }).bench.call(arg), c as unknown) as Promise<T>;
  const heapUsed = async (): Promise<number> => {
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const jsHeap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    return Math.max(usage.usedSize, jsHeap);
  };
  const driver: Driver = {
    env: 'chromium',
    call,
    reset: load,
    async pullMem(total, pageSize) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const heapBaseline = await heapUsed();
      let heapPeak = heapBaseline;
      let heapLivePeak = heapBaseline;
      let running = true;
      const sampler = (async () => {
        let lastGc = Date.now();
        while (running) {
          heapPeak = Math.max(heapPeak, await heapUsed());
          if (Date.now() - lastGc >= LIVE_SAMPLE_MS) {
            await cdp.send('HeapProfiler.collectGarbage');
            heapLivePeak = Math.max(heapLivePeak, await heapUsed());
            lastGc = Date.now();
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      try {
        const result = await call<PullSample>({ name: 'pullOnce', args: [total, pageSize] });
        return { ...result, heapBaseline, heapPeak, heapLivePeak };
      } finally {
        running = false;
        await sampler;
      }
    },
  };
  return { driver, browser, version: browser.version() };
}

function nodeDriver(origin: string): { driver: Driver; child: ChildProcess; ready: Promise<void> } {
  const child = fork(join(ROOT, 'bench', 'node', 'worker.ts'), [origin], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  child.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
    if (message.ready === true) {
      markReady();
      return;
    }
    const entry = waiting.get(message.id ?? -1);
    if (entry === undefined) return;
    waiting.delete(message.id ?? -1);
    if (message.ok === true) entry.resolve(message.value);
    else entry.reject(new Error(message.error ?? 'node worker failed'));
  });
  child.on('exit', (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`node worker exited with ${code ?? '?'}`));
    waiting.clear();
  });
  const send = <T>(call: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      next += 1;
      waiting.set(next, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id: next, call });
    });
  const driver: Driver = {
    env: 'node',
    call: (c) => send(c),
    pullMem: (total, pageSize) => send<PullMemSample>({ name: 'pullMem', args: [total, pageSize] }),
    reset: async () => undefined,
  };
  return { driver, child, ready };
}

function notesOf(rows: readonly Row[]): string[] {
  return rows.filter((r) => r.note !== undefined).map((r) => `- ${r.env} / ${r.name}: ${r.note ?? ''}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const ensure = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')], { stdio: 'inherit' });
  const skipChromium = argv.has('--skip-chromium');
  if (ensure.status !== 0 && !skipChromium) throw new Error('Chromium is not available (scripts/ensure-chromium.mjs failed)');

  const work = mkdtempSync(join(tmpdir(), 'eden-bench-'));
  const bundleDir = join(work, 'bundle');
  log('building the browser bundle with Vite');
  await buildBundle(bundleDir);

  // One in-memory demo peer per pull size (and the small one the sync-run rows talk to).
  const pullSizes = [...(skipChromium ? [] : CHROMIUM_PLAN.pulls), ...(argv.has('--skip-node') ? [] : NODE_PLAN.pulls)].map((p) => p.n);
  const sizes = [...new Set([SYNC_PEER, ...pullSizes])].sort((a, b) => a - b);
  const demos: RunningServer[] = [];
  const demoUrls = new Map<number, string>();
  const seedTimes: string[] = [];
  for (const n of sizes) {
    const t = Date.now();
    const demo = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(work, `demo-data-${n}`),
      distDir: bundleDir,
      persist: false,
      seed: { organisations: n, persons: 0, contacts: 0 },
    });
    demos.push(demo);
    demoUrls.set(n, `${demo.url}/eden`);
    seedTimes.push(`${n}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    log(`demo peer with ${n} organisations at ${demo.url} (seeded in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const server = await startBenchServer({ staticDir: bundleDir, demoUrls });
  log(`bench server at ${server.origin}`);

  const rows: Row[] = [];
  let chromiumVersion = 'not run';
  try {
    if (!skipChromium) {
      const { driver, browser, version } = await chromiumDriver(server.origin);
      chromiumVersion = version;
      log(`Chromium ${version}`);
      try {
        rows.push(...(await runSuite(driver, CHROMIUM_PLAN, log)));
      } finally {
        await browser.close();
      }
    }
    if (!argv.has('--skip-node')) {
      const { driver, child, ready } = nodeDriver(server.origin);
      await ready;
      try {
        rows.push(...(await runSuite(driver, NODE_PLAN, log)));
      } finally {
        child.kill();
      }
    }
  } finally {
    await server.close();
    for (const demo of demos) await demo.close();
    rmSync(work, { recursive: true, force: true });
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const table = consoleTable(rows);
  const misses = rows.filter((r) => verdict(r) === 'MISS');
  console.log(`\nEden Sync bench — Chromium ${chromiumVersion}, Node ${process.version}, ${minutes} min`);
  console.log(`${REPS_NOTE}\n`);
  console.log(table);
  console.log('\nNotes:');
  for (const line of notesOf(rows)) console.log(line);
  console.log(`\n${rows.filter((r) => verdict(r) === 'PASS').length} PASS, ${misses.length} MISS`);

  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    '# Bench results',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Command: \`${command}\``,
    `- Chromium: ${chromiumVersion} (${CHROMIUM_PATH}, headless)`,
    `- Node: ${process.version} (fake-indexeddb; secondary)`,
    `- Machine: ${(await import('node:os')).cpus().length} cores; run took ${minutes} min`,
    `- Demo peers (in memory, seeded at the start; organisations: seeding time): ${seedTimes.join(', ')}`,
    '',
    'Medians over the repetitions (reps); spread is half the min-max range as a share of the median.',
    REPS_NOTE,
    'Ratios are to floors measured in the same run (see bench/README.md). Timings are never asserted.',
    '',
    markdownTable(rows),
    '',
    '## Notes',
    '',
    ...notesOf(rows),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  log(`wrote bench/RESULTS.md`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
