/**
 * The Node side of the bench, run as a child process (`fork`, with --expose-gc): the same cases
 * on fake-indexeddb (a fresh factory per database), driven over IPC by bench/run.ts. `pullMem`
 * samples `process.memoryUsage().heapUsed` every few ms during the pull.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { callCase, type BenchCall } from '../lib/bench-api.js';
import { dropTexts, pullOnce, type BenchEnv } from '../lib/cases.js';

const origin = process.argv[2] ?? '';
const factories = new Map<string, IDBFactory>();

const env: BenchEnv = {
  kind: 'node',
  idb(name) {
    let factory = factories.get(name);
    if (factory === undefined) {
      factory = new IDBFactory();
      factories.set(name, factory);
    }
    return { indexedDB: factory as unknown as globalThis.IDBFactory, IDBKeyRange: IDBKeyRange as unknown as typeof globalThis.IDBKeyRange };
  },
  async dropDb(name) {
    factories.delete(name);
  },
  origin,
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

type Request = { id: number; call: BenchCall | { name: 'pullMem'; args: [total: number, pageSize: number] } };

async function handle(request: Request): Promise<unknown> {
  const { call } = request;
  if (call.name !== 'pullMem') return callCase(env, call);
  dropTexts();
  gc();
  gc();
  let baseline = 0;
  let peak = 0;
  let live = 0;
  let timer: NodeJS.Timeout | null = null;
  let liveTimer: NodeJS.Timeout | null = null;
  const sample = (): void => {
    const used = process.memoryUsage().heapUsed;
    if (used > peak) peak = used;
  };
  const sampleLive = (): void => {
    sample();
    gc();
    live = Math.max(live, process.memoryUsage().heapUsed);
  };
  const result = await pullOnce(env, call.args[0], call.args[1], {
    onStart: () => {
      baseline = process.memoryUsage().heapUsed;
      peak = baseline;
      live = baseline;
      timer = setInterval(sample, 5);
      liveTimer = setInterval(sampleLive, 1000);
    },
    onEnd: () => {
      sampleLive();
      if (timer !== null) clearInterval(timer);
      if (liveTimer !== null) clearInterval(liveTimer);
    },
  });
  return { ...result, heapBaseline: baseline, heapPeak: peak, heapLivePeak: live };
}

process.on('message', (message: Request) => {
  handle(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
});
process.send?.({ ready: true });
