/**
 * The cases bound to one environment, callable by name: what the Chromium page exposes as
 * `window.bench` and what the Node worker runs on request.
 */
import * as cases from './cases.js';
import type { BenchEnv } from './cases.js';

export type BenchCall =
  | { readonly name: 'prepare'; readonly args: [n: number] }
  | { readonly name: 'importOnce'; readonly args: [n: number] }
  | { readonly name: 'floorImport'; readonly args: [n: number] }
  | { readonly name: 'pullOnce'; readonly args: [total: number, pageSize: number] }
  | { readonly name: 'floorPull'; readonly args: [total: number, pageSize: number] }
  | { readonly name: 'sendPending'; readonly args: [n: number, count: number, reps: number] }
  | { readonly name: 'sendAll'; readonly args: [n: number] }
  | { readonly name: 'incremental'; readonly args: [n: number, reps: number] }
  | { readonly name: 'profileImport'; readonly args: [n: number] }
  | { readonly name: 'dropTexts'; readonly args: [] }
  | { readonly name: 'cleanup'; readonly args: [] };

/** Runs one call in `env`; the result is plain JSON. */
export async function callCase(env: BenchEnv, call: BenchCall): Promise<unknown> {
  switch (call.name) {
    case 'prepare':
      return cases.prepare(...call.args);
    case 'importOnce':
      return cases.importOnce(env, ...call.args);
    case 'floorImport':
      return cases.floorImport(env, ...call.args);
    case 'pullOnce':
      return cases.pullOnce(env, ...call.args);
    case 'floorPull':
      return cases.floorPull(env, ...call.args);
    case 'sendPending':
      return cases.sendPending(env, ...call.args);
    case 'sendAll':
      return cases.sendAll(env, ...call.args);
    case 'incremental':
      return cases.incremental(env, ...call.args);
    case 'profileImport':
      return cases.profileImport(env, ...call.args);
    case 'dropTexts':
      cases.dropTexts();
      return null;
    case 'cleanup':
      await cases.cleanup(env);
      return null;
  }
}
