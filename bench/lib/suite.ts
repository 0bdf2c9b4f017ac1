/**
 * The measurement plan, the same in both environments, turned into table rows. Every ratio is
 * against a floor (or a smaller size) measured in the same run; medians over the repetitions.
 */
import type { BenchCall } from './bench-api.js';
import type { FloorSample, ImportProfile, ImportSample, IncrementalSample, PullSample, SendPendingSample } from './cases.js';
import { formatNumber, median, type Row } from './report.js';

/** Heap sizes in bytes: before the pull, sampled peak, and peak of the samples taken right after a forced GC. */
export type PullMemSample = PullSample & { readonly heapBaseline: number; readonly heapPeak: number; readonly heapLivePeak: number };

/** How the suite reaches one environment. */
export type Driver = {
  readonly env: 'chromium' | 'node';
  call<T>(call: BenchCall): Promise<T>;
  /** A first pull with the JS heap sampled around it (fresh page / after GC). */
  pullMem(total: number, pageSize: number): Promise<PullMemSample>;
  /** Called between phases (Chromium reloads the page: a clean heap, module state reset). */
  reset(): Promise<void>;
};

export type SuitePlan = {
  /** Import sizes (each also leaves a store of that size) and repetitions. */
  readonly imports: readonly { readonly n: number; readonly reps: number }[];
  readonly pulls: readonly { readonly n: number; readonly reps: number }[];
  /** Masters per page of the first pulls. */
  readonly pageSize: number;
  /** The large and mid store sizes compared by the send and heap targets; base for the sync-run target. */
  readonly large: number;
  readonly mid: number;
  readonly base: number;
  readonly sendReps: number;
  readonly incrementalReps: number;
  readonly sendAllReps: number;
  /** Import size profiled once (time per store call). */
  readonly profile: number;
};

const k = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));
const rate = (count: number, ms: number, what: string): string => `${formatNumber((count / ms) * 1000)} ${what}/s`;
const MB = 1024 * 1024;

export async function runSuite(driver: Driver, plan: SuitePlan, log: (line: string) => void): Promise<Row[]> {
  const env = driver.env;
  const rows: Row[] = [];
  const heapGrowth = new Map<number, number>();

  // 1. First pulls from the demo peer, each on a clean page: floor and timed pull `reps` times,
  // then one more pull with the heap sampled (the sampler's CDP calls would slow a timed one).
  for (const { n, reps } of plan.pulls) {
    const floors: FloorSample[] = [];
    const pulls: PullSample[] = [];
    for (let i = 0; i < reps; i += 1) {
      log(`[${env}] floor pull ${k(n)} (${i + 1}/${reps})`);
      floors.push(await driver.call<FloorSample>({ name: 'floorPull', args: [n, plan.pageSize] }));
      await driver.reset();
      log(`[${env}] first pull ${k(n)} (${i + 1}/${reps})`);
      const sample = await driver.call<PullSample>({ name: 'pullOnce', args: [n, plan.pageSize] });
      if (sample.error !== null) throw new Error(`pull ${n} failed: ${sample.error}`);
      pulls.push(sample);
      await driver.reset();
    }
    log(`[${env}] first pull ${k(n)} with the heap sampled`);
    const mem = await driver.pullMem(n, plan.pageSize);
    if (mem.error !== null) throw new Error(`pull ${n} failed: ${mem.error}`);
    await driver.reset();
    const floorMs = floors.map((f) => f.fetchMs + f.parseMs + f.putMs);
    const pullMs = pulls.map((p) => p.ms);
    const pages = floors[0]?.pages ?? 0;
    rows.push({
      env,
      name: `floor: fetch ${pages} pages + parse + bulkPut ${k(n)} orgs`,
      samples: floorMs,
      unit: 'ms',
      note: `fetch ${formatNumber(median(floors.map((f) => f.fetchMs)))} ms, parse ${formatNumber(median(floors.map((f) => f.parseMs)))} ms, bulkPut ${formatNumber(median(floors.map((f) => f.putMs)))} ms (${floors[0]?.rows ?? 0} rows, ${formatNumber((floors[0]?.bytes ?? 0) / MB, 1)} M chars of XML)`,
    });
    rows.push({
      env,
      name: `first pull ${k(n)} orgs (demo peer)`,
      samples: pullMs,
      unit: 'ms',
      rate: rate(n, median(pullMs), 'org'),
      ratio: { value: median(pullMs) / median(floorMs), of: 'pull floor' },
      target: { max: 1.5, label: '<= 1.5x' },
      note: `${plan.pageSize} per page; time in requests ${formatNumber(median(pulls.map((p) => p.fetchMs)))} ms over ${pulls[0]?.requests ?? 0} requests (overlapping the imports: the next page is prefetched); ${pulls[0]?.records ?? 0} org records stored`,
    });
    const growth = [Math.max(0, mem.heapPeak - mem.heapBaseline)];
    heapGrowth.set(n, median(growth));
    const page = floors[0]?.largestPage ?? 0;
    rows.push({
      env,
      name: `peak JS heap during first pull ${k(n)}`,
      samples: growth.map((b) => b / MB),
      unit: 'MB',
      ratio: { value: median(growth) / page, of: `one page (${formatNumber(page / MB, 2)} MB)` },
      note:
        `one extra pull, sampled; growth above a baseline of ${formatNumber(mem.heapBaseline / MB, 1)} MB; ` +
        `live heap (right after forced GCs, every 2 s in Chromium, every 1 s and at the end in Node) peaked ${formatNumber(Math.max(0, mem.heapLivePeak - mem.heapBaseline) / MB, 1)} MB above it; that pull took ${formatNumber(mem.ms)} ms` +
        (env === 'node' ? '; in Node the fake-indexeddb database itself lives in the JS heap, so this grows with the store' : ''),
    });
  }
  const heapLarge = heapGrowth.get(plan.large);
  const heapMid = heapGrowth.get(plan.mid);
  if (heapLarge !== undefined && heapMid !== undefined) {
    rows.push({
      env,
      name: `peak heap growth, pull ${k(plan.large)} vs ${k(plan.mid)}`,
      samples: [heapLarge / MB],
      unit: 'MB',
      ratio: { value: heapLarge / heapMid, of: `pull ${k(plan.mid)}` },
      target: { max: 1.5, label: '<= 1.5' },
    });
  }
  await driver.reset();

  // 3. Imports: into an empty store, then the same text again (all unchanged).
  for (const { n, reps } of plan.imports) {
    log(`[${env}] generate ${k(n)}`);
    await driver.call({ name: 'prepare', args: [n] });
    const floors: FloorSample[] = [];
    const imports: ImportSample[] = [];
    for (let i = 0; i < reps; i += 1) {
      log(`[${env}] floor import ${k(n)} (${i + 1}/${reps})`);
      floors.push(await driver.call<FloorSample>({ name: 'floorImport', args: [n] }));
      log(`[${env}] receive ${k(n)} empty + unchanged (${i + 1}/${reps})`);
      imports.push(await driver.call<ImportSample>({ name: 'importOnce', args: [n] }));
    }
    let profile: ImportProfile | null = null;
    if (n === plan.profile) {
      log(`[${env}] profile receive ${k(n)}`);
      profile = await driver.call<ImportProfile>({ name: 'profileImport', args: [n] });
    }
    await driver.call({ name: 'dropTexts', args: [] });
    const floorMs = floors.map((f) => f.parseMs + f.putMs);
    const emptyMs = imports.map((s) => s.emptyMs);
    const unchangedMs = imports.map((s) => s.unchangedMs);
    const f = median(floorMs);
    rows.push({
      env,
      name: `floor: parse + bulkPut ${k(n)} orgs`,
      samples: floorMs,
      unit: 'ms',
      note: `parse ${formatNumber(median(floors.map((x) => x.parseMs)))} ms + bulkPut ${formatNumber(median(floors.map((x) => x.putMs)))} ms of ${floors[0]?.rows ?? 0} rows`,
    });
    rows.push({
      env,
      name: `receive ${k(n)} orgs into empty store`,
      samples: emptyMs,
      unit: 'ms',
      rate: rate(n, median(emptyMs), 'org'),
      ratio: { value: median(emptyMs) / f, of: 'import floor' },
      target: { max: 1.3, label: '<= 1.3x' },
      note: `${imports[0]?.rows ?? 0} records created, status ${imports[0]?.status ?? '?'}`,
    });
    rows.push({
      env,
      name: `receive ${k(n)} orgs, all unchanged`,
      samples: unchangedMs,
      unit: 'ms',
      rate: rate(n, median(unchangedMs), 'org'),
      ratio: { value: median(unchangedMs) / f, of: 'import floor' },
      target: { max: 1.3, label: '<= 1.3x' },
    });
    if (profile !== null) {
      const spans = Object.entries(profile.methods)
        .sort((a, b) => a[1].fromMs - b[1].fromMs)
        .map(([name, m]) => `${name} x${m.calls} ${formatNumber(m.fromMs)}..${formatNumber(m.toMs)}`)
        .join(', ');
      rows.push({
        env,
        name: `profile: receive ${k(n)} into empty store`,
        samples: [profile.totalMs],
        unit: 'ms',
        note: `decodeS3Xml alone ${formatNumber(profile.decodeMs)} ms; the write transaction takes ${formatNumber(profile.transactionMs)} ms, its store calls (ms after it began, first call..last settle): ${spans}; the rest of the transaction is planning (CPU) and the commit`,
      });
    }
  }

  // 4. A whole sync run when nothing changed (before any pending change exists).
  const runs = new Map<number, number>();
  for (const n of [plan.base, plan.large]) {
    log(`[${env}] unchanged sync run on ${k(n)} store`);
    const s = await driver.call<IncrementalSample>({ name: 'incremental', args: [n, plan.incrementalReps] });
    const net = s.totalMs.map((t, i) => t - (s.roundTripMs[i] ?? 0));
    runs.set(n, median(net));
    rows.push({
      env,
      name: `unchanged sync run, ${k(n)} store (3 tasks, round trips excluded)`,
      samples: net,
      unit: 'ms',
      note: `with round trips ${formatNumber(median(s.totalMs))} ms, ${s.requests} requests, status ${s.status}`,
      ...(n === plan.large ? { ratio: { value: median(net) / (runs.get(plan.base) ?? Number.NaN), of: `${k(plan.base)} store` }, target: { max: 1.2, label: '<= 1.2' } } : {}),
    });
  }

  // 5. Export everything.
  const allMs: number[] = [];
  let allChars = 0;
  for (let i = 0; i < plan.sendAllReps; i += 1) {
    log(`[${env}] send all ${k(plan.large)}`);
    const s = await driver.call<{ ms: number; results: number; chars: number }>({ name: 'sendAll', args: [plan.large] });
    allMs.push(s.ms);
    allChars = s.chars;
  }
  rows.push({
    env,
    name: `send all ${k(plan.large)} (one document)`,
    samples: allMs,
    unit: 'ms',
    rate: rate(plan.large, median(allMs), 'org'),
    note: `${formatNumber(allChars / MB, 1)} M chars of XML`,
  });

  // 6. Export of 100 pending changes: independent of the store size, close to a raw bulkGet.
  const sends = new Map<number, SendPendingSample>();
  for (const n of [plan.mid, plan.large]) {
    log(`[${env}] send 100 pending from ${k(n)} store`);
    const s = await driver.call<SendPendingSample>({ name: 'sendPending', args: [n, 100, plan.sendReps] });
    sends.set(n, s);
    rows.push({
      env,
      name: `send 100 pending from ${k(n)} store`,
      samples: s.sendMs,
      unit: 'ms',
      ratio: { value: median(s.sendMs) / median(s.bulkGetMs), of: `raw bulkGet ${formatNumber(median(s.bulkGetMs), 1)} ms` },
      target: { max: 3, label: '<= 3x' },
      note: `${s.results} masters exported, ${s.pending} pending; store calls of one send: ${Object.entries(s.storeCalls)
        .map(([name, c]) => `${name} x${c.calls} (${formatNumber(c.spanMs, 1)} ms)`)
        .join(', ')}`,
    });
  }
  const sendLarge = sends.get(plan.large);
  const sendMid = sends.get(plan.mid);
  if (sendLarge !== undefined && sendMid !== undefined) {
    rows.push({
      env,
      name: `send 100 pending, ${k(plan.large)} vs ${k(plan.mid)} store`,
      samples: sendLarge.sendMs,
      unit: 'ms',
      ratio: { value: median(sendLarge.sendMs) / median(sendMid.sendMs), of: `${k(plan.mid)} store` },
      target: { max: 1.2, label: '<= 1.2' },
    });
  }
  await driver.call({ name: 'cleanup', args: [] });
  return rows;
}
