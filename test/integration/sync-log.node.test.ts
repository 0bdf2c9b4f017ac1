/**
 * The sync log of a run over a long task list, end to end against the demo peer: every entry any
 * operation writes carries Eden's `sync_log` fields (spec 1.6), one entry per step that ran, and
 * none holds the credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogResult, type SyncLogEntry } from '../../src/core/model/sync.js';
import { DEMO, type Device, openDevice, type Peer, startPeer, type TaskSpec } from './integration-support.js';

/** Known tables in every mode, tables the peer does not have (pull fails: its push is skipped), a task that never runs. */
const TASKS: readonly TaskSpec[] = [
  { resourceName: 'org_organisation' },
  { resourceName: 'xx_missing_a' },
  { resourceName: 'org_office', mode: 'pull' },
  { resourceName: 'xx_missing_b', mode: 'pull' },
  { resourceName: 'pr_person' },
  { resourceName: 'xx_missing_c', mode: 'push' },
  { resourceName: 'pr_contact', mode: 'push' },
  { resourceName: 'xx_missing_d', mode: 'none' },
  { resourceName: 'xx_missing_e' },
  { resourceName: 'xx_missing_f', mode: 'push' },
  { resourceName: 'xx_missing_g', mode: 'pull' },
  { resourceName: 'xx_missing_h' },
];

const ENTRY_KEYS = ['action', 'id', 'message', 'mode', 'remote', 'repositoryId', 'resourceName', 'result', 'timestmp', 'transmission'];
const ACTIONS: Readonly<Record<string, readonly string[]>> = {
  pull: ['fetch', 'import'],
  push: ['send'],
  login: ['login'],
  register: ['request registration'],
};

let peer: Peer;
let device: Device;
beforeAll(async () => {
  peer = await startPeer();
  device = await openDevice(peer, 'long-list', TASKS);
});
afterAll(async () => {
  device.close();
  await peer.dispose();
});

/** The entries a run must write: login (+ register on the first run), one per pull, one per push that ran. */
function expectedSteps(firstRun: boolean): string[] {
  const steps = [...(firstRun ? ['register:null'] : []), 'login:null'];
  for (const task of TASKS) {
    const mode = task.mode ?? 'both';
    const pulls = mode === 'pull' || mode === 'both';
    const pushes = mode === 'push' || mode === 'both';
    const pullFails = task.resourceName.startsWith('xx_');
    if (pulls) steps.push(`pull:${task.resourceName}`);
    if (pushes && !(pulls && pullFails)) steps.push(`push:${task.resourceName}`);
  }
  return steps.sort();
}

function checkEdenFields(entry: SyncLogEntry): void {
  const where = JSON.stringify(entry);
  expect(Object.keys(entry).sort(), where).toEqual(ENTRY_KEYS);
  expect(entry.timestmp, where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(entry.repositoryId, where).toBe(device.repository.id);
  expect(entry.transmission, where).toBe('outgoing');
  expect(ACTIONS[entry.mode], where).toContain(entry.action);
  expect(Object.values(LogResult), where).toContain(entry.result);
  expect(typeof entry.remote, where).toBe('boolean');
  if (entry.result === LogResult.SUCCESS) expect(entry.remote, where).toBe(false);
  expect(typeof entry.message, where).toBe('string');
  expect(entry.message.length, where).toBeGreaterThan(0);
  if (entry.mode === 'pull' || entry.mode === 'push') expect(TASKS.map((t) => t.resourceName), where).toContain(entry.resourceName);
  else expect(entry.resourceName, where).toBeNull();
}

describe('synchronize() with a long task list', () => {
  it('every operation logs Eden fields, once per step, and never the credentials', async () => {
    const first = await device.sync();
    // The tables the peer lacks fail their pull (and skip their push); every other task still ran.
    expect(first.status).toBe('error');
    const tasks = first.repositories[0]?.tasks ?? [];
    expect(tasks).toHaveLength(TASKS.length);
    for (const t of tasks) {
      if (t.resourceName.startsWith('xx_') && t.pull.kind !== 'skipped') expect(t.pull.kind, t.resourceName).toBe('failed');
      if (!t.resourceName.startsWith('xx_')) expect(['success', 'warning'], t.resourceName).toContain(t.status);
    }
    const afterFirst = await device.store.listLog();
    expect(afterFirst.map((e) => `${e.mode}:${e.resourceName}`).sort()).toEqual(expectedSteps(true));

    // Second run with local changes: one accepted, one the peer refuses (a warning about data).
    peer.clock.tick();
    await device.store.saveLocal('org_organisation', { fields: { name: 'Logged organisation' } });
    await device.store.saveLocal('org_organisation', { fields: { acronym: 'NONAME' } });
    peer.clock.tick();
    const second = await device.sync();
    expect(second.repositories[0]?.tasks[0]).toMatchObject({ resourceName: 'org_organisation', status: 'warning', push: { kind: 'ok' } });
    const log = await device.store.listLog();
    const fresh = log.slice(0, log.length - afterFirst.length);
    expect(fresh.map((e) => `${e.mode}:${e.resourceName}`).sort()).toEqual(expectedSteps(false));

    for (const entry of log) checkEdenFields(entry);
    const refused = fresh.find((e) => e.mode === 'push' && e.resourceName === 'org_organisation');
    expect(refused).toMatchObject({ result: 'warning', remote: true });
    const missing = fresh.find((e) => e.mode === 'pull' && e.resourceName === 'xx_missing_a');
    expect(missing).toMatchObject({ action: 'fetch', result: 'error', remote: true });

    const token = Buffer.from(`${DEMO.username}:${DEMO.password}`).toString('base64');
    const everything = JSON.stringify({ log, first, second });
    for (const secret of [DEMO.password, token, encodeURIComponent(DEMO.password)]) expect(everything).not.toContain(secret);
  });
});
