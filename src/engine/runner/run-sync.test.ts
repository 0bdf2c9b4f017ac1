import { describe, expect, it } from 'vitest';
import type { Repository, SyncLogEntry, SyncTask, TaskMode } from '../../core/model/sync.js';
import type { LocalStore, StoreWriter } from '../../ports/local-store.js';
import type { AbortSignalLike } from '../../ports/lock.js';
import { InProcessLock } from '../../adapters/lock/in-process-lock.js';
import { BUSY_MESSAGE, runSync, type RunSyncDeps } from './run-sync.js';
import type { RunEvent } from './run-report.js';
import type { LoginOutcome, OperationOutcome, SyncOperations } from './sync-operations.js';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);

function repo(id: string, url = `https://peer/${id}`): Repository {
  return { id, name: id, url, username: 'u', peerUuid: null, registered: true, lastConnected: null };
}

function task(id: string, repositoryId: string, mode: TaskMode): SyncTask {
  return {
    id, repositoryId, resourceName: `res_${id}`, mode, strategy: ['create', 'update', 'delete', 'merge'],
    updatePolicy: 'NEWER', conflictPolicy: 'NEWER', lastPull: null, lastPush: null, components: false, filters: [],
  };
}

/** The few LocalStore methods the runner uses, over plain arrays. */
function fakeStore(repositories: Repository[], tasks: SyncTask[]) {
  const log: SyncLogEntry[] = [];
  const taskRows = new Map(tasks.map((t) => [t.id, t]));
  const repoRows = new Map(repositories.map((r) => [r.id, r]));
  const writes: string[] = [];
  const tx = {
    getTask: async (id: string) => taskRows.get(id),
    putTask: async (t: SyncTask) => {
      writes.push(`task ${t.id}`);
      taskRows.set(t.id, t);
    },
  } as unknown as StoreWriter;
  const store = {
    name: 'test-db',
    listRepositories: async () => [...repoRows.values()],
    getRepository: async (id: string) => repoRows.get(id),
    putRepository: async (r: Repository) => {
      writes.push(`repository ${r.id}`);
      repoRows.set(r.id, r);
    },
    listTasks: async (repositoryId: string) => [...taskRows.values()].filter((t) => t.repositoryId === repositoryId),
    appendLog: async (entry: SyncLogEntry) => {
      log.push(entry);
    },
    write: async <T>(work: (w: StoreWriter) => Promise<T>) => work(tx),
  } as unknown as LocalStore;
  return { store, log, taskRows, repoRows, writes };
}

type Script = OperationOutcome | LoginOutcome | Error | 'hang' | 'ignore-abort' | ((signal: AbortSignalLike) => Promise<OperationOutcome>);

/**
 * Operations that record every call and answer from `script` (key `pull:t1`, `login:r1`), else
 * success. A string for a login is a failure that needs the user (code `auth`).
 */
function fakeOperations(script: Record<string, Script | string | null> = {}) {
  const calls: string[] = [];
  let releaseStragglers: () => void = () => undefined;
  const stragglers = new Promise<void>((resolve) => (releaseStragglers = resolve));
  const answer = async (key: string, signal: AbortSignalLike): Promise<OperationOutcome> => {
    const entry = script[key];
    if (entry instanceof Error) throw entry;
    if (entry === 'hang') {
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    if (entry === 'ignore-abort') {
      await stragglers;
      return { error: null, mtime: '2025-01-01T00:00:00' };
    }
    if (typeof entry === 'function') return entry(signal);
    if (entry === undefined || entry === null || typeof entry === 'string' || 'kind' in entry) return { error: null, mtime: null };
    return entry;
  };
  const operations: SyncOperations = {
    login: async (repository) => {
      calls.push(`login ${repository.id}`);
      const entry = script[`login:${repository.id}`];
      if (entry instanceof Error) throw entry;
      if (typeof entry === 'string') return { kind: 'failed', code: 'auth', message: entry, transient: false };
      return entry !== null && typeof entry === 'object' && 'kind' in entry ? entry : { kind: 'ok' };
    },
    pull: (repository, t, signal) => {
      calls.push(`pull ${t.id}`);
      return answer(`pull:${t.id}`, signal);
    },
    push: (repository, t, signal) => {
      calls.push(`push ${t.id}`);
      return answer(`push:${t.id}`, signal);
    },
  };
  return { operations, calls, releaseStragglers };
}

function deps(store: LocalStore, operations: SyncOperations, extra: Partial<RunSyncDeps> = {}): RunSyncDeps {
  return { store, operations, lock: new InProcessLock(), clock: { now: () => T0 }, ...extra };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('runSync: order of operations and modes', () => {
  it('logs in first, then runs each task in store order, pull before push, as its mode says', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'pull'), task('t3', 'r1', 'none'), task('t4', 'r1', 'push')]);
    const ops = fakeOperations();
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'push t1', 'pull t2', 'push t4']);
    expect(report.status).toBe('success');
    const [t1, t2, t3, t4] = report.repositories[0]?.tasks ?? [];
    expect(t1).toMatchObject({ status: 'success', pull: { kind: 'ok' }, push: { kind: 'ok' } });
    expect(t2).toMatchObject({ status: 'success', pull: { kind: 'ok' }, push: { kind: 'skipped', reason: 'mode' } });
    expect(t3).toMatchObject({ status: 'skipped', pull: { kind: 'skipped', reason: 'mode' }, push: { kind: 'skipped', reason: 'mode' } });
    expect(t4).toMatchObject({ status: 'success', pull: { kind: 'skipped', reason: 'mode' }, push: { kind: 'ok' } });
  });

  it('runs every repository in turn, or only the selected ones', async () => {
    const s = fakeStore([repo('r1'), repo('r2'), repo('r3')], [task('a', 'r1', 'pull'), task('b', 'r2', 'push'), task('c', 'r3', 'pull')]);
    const all = fakeOperations();
    await runSync(deps(s.store, all.operations));
    expect(all.calls).toEqual(['login r1', 'pull a', 'login r2', 'push b', 'login r3', 'pull c']);
    const some = fakeOperations();
    const report = await runSync(deps(s.store, some.operations), { repositoryIds: ['r3', 'r1'] });
    expect(some.calls).toEqual(['login r1', 'pull a', 'login r3', 'pull c']);
    expect(report.repositories.map((r) => r.repositoryId)).toEqual(['r1', 'r3']);
  });

  it('records mtimes and sets lastConnected after the repository ran', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both')]);
    const ops = fakeOperations({ 'pull:t1': { error: null, mtime: '2024-05-01T10:00:00' } });
    const report = await runSync(deps(s.store, ops.operations));
    expect(report.repositories[0]?.tasks[0]?.pull).toEqual({ kind: 'ok', mtime: '2024-05-01T10:00:00', warning: null });
    expect(s.repoRows.get('r1')?.lastConnected).toBe('2025-01-02T03:04:05');
    expect(report).toMatchObject({ startedAt: T0, finishedAt: T0 });
  });
});

describe('runSync: failures', () => {
  it('a failed pull skips the push of that task only', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'both')]);
    const ops = fakeOperations({ 'pull:t1': { error: 'HTTP 500', mtime: null } });
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'pull t2', 'push t2']);
    expect(report.repositories[0]?.tasks[0]).toMatchObject({
      status: 'error', pull: { kind: 'failed', error: 'HTTP 500' }, push: { kind: 'skipped', reason: 'pull-failed' },
    });
    expect(report.repositories[0]?.tasks[1]?.status).toBe('success');
    expect(report.status).toBe('error');
  });

  it('resets the error per task: a failed push does not skip the next push-only tasks (Eden bug, spec 1.10)', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'push'), task('t3', 'r1', 'none'), task('t4', 'r1', 'push')]);
    const ops = fakeOperations({ 'push:t1': { error: 'rejected', mtime: null } });
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'push t1', 'push t2', 'push t4']);
    expect(report.repositories[0]?.tasks.map((t) => t.status)).toEqual(['error', 'success', 'skipped', 'success']);
  });

  it('a thrown operation is a failed step with its message, and the run goes on', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'pull')]);
    const ops = fakeOperations({ 'pull:t1': new Error('socket hang up') });
    const report = await runSync(deps(s.store, ops.operations));
    expect(report.repositories[0]?.tasks[0]?.pull).toEqual({ kind: 'failed', error: 'socket hang up', mtime: null });
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'pull t2']);
  });

  it('a failed login logs FATAL login, skips that repository, and the next one runs', async () => {
    const s = fakeStore([repo('r1'), repo('r2')], [task('t1', 'r1', 'both'), task('t2', 'r2', 'pull')]);
    const ops = fakeOperations({ 'login:r1': 'HTTP 401 Unauthorized' });
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual(['login r1', 'login r2', 'pull t2']);
    expect(report.repositories[0]).toMatchObject({
      status: 'fatal', login: { kind: 'failed', error: 'HTTP 401 Unauthorized' },
      tasks: [{ taskId: 't1', status: 'skipped', pull: { kind: 'skipped', reason: 'login-failed' } }],
    });
    expect(report.repositories[1]?.status).toBe('success');
    expect(report.status).toBe('fatal');
    expect(s.log).toEqual([{
      timestmp: '2025-01-02T03:04:05', repositoryId: 'r1', resourceName: null, transmission: 'outgoing', mode: 'login',
      action: 'login', result: 'fatal', remote: true, message: 'HTTP 401 Unauthorized',
    }]);
    expect(s.repoRows.get('r1')?.lastConnected).toBeNull();
  });

  it('a thrown login fails the same way; logLoginFailure=false leaves the log to the operation', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations({ 'login:r1': new Error('offline') });
    const report = await runSync(deps(s.store, ops.operations, { logLoginFailure: false }));
    expect(report.repositories[0]?.login).toEqual({ kind: 'failed', error: 'offline', code: 'exception', transient: false });
    expect(report.repositories[0]?.status).toBe('fatal');
    expect(s.log).toEqual([]);
  });

  it('a transient login failure (peer unreachable) is an error to retry later, not fatal', async () => {
    const s = fakeStore([repo('r1'), repo('r2')], [task('t1', 'r1', 'both'), task('t2', 'r2', 'pull')]);
    const outage: LoginOutcome = { kind: 'failed', code: 'network', message: 'The Eden server could not be reached', transient: true };
    const ops = fakeOperations({ 'login:r1': outage });
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual(['login r1', 'login r2', 'pull t2']);
    expect(report.repositories[0]).toMatchObject({
      status: 'error',
      login: { kind: 'failed', error: 'The Eden server could not be reached', code: 'network', transient: true },
      tasks: [{ taskId: 't1', status: 'skipped', pull: { kind: 'skipped', reason: 'login-failed' }, push: { kind: 'skipped', reason: 'login-failed' } }],
    });
    expect(report.status).toBe('error');
    expect(s.log).toEqual([{
      timestmp: '2025-01-02T03:04:05', repositoryId: 'r1', resourceName: null, transmission: 'outgoing', mode: 'login',
      action: 'login', result: 'error', remote: false, message: 'The Eden server could not be reached',
    }]);
    expect(s.repoRows.get('r1')?.lastConnected).toBeNull();
  });

  it('a repository without URL logs FATAL connect and runs nothing', async () => {
    const s = fakeStore([repo('r1', '')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations();
    const report = await runSync(deps(s.store, ops.operations));
    expect(ops.calls).toEqual([]);
    expect(report.status).toBe('fatal');
    expect(s.log[0]).toMatchObject({ action: 'connect', result: 'fatal', mode: 'none' });
  });
});

describe('runSync: status aggregation', () => {
  const cases: [string, Record<string, Script | string | null>, string][] = [
    ['all ok', {}, 'success'],
    ['a warning', { 'push:t1': { error: null, mtime: null, warning: 'No data to send' } }, 'warning'],
    ['a warning and an error', { 'push:t1': { error: null, mtime: null, warning: 'w' }, 'pull:t2': { error: 'e', mtime: null } }, 'error'],
    ['an error and a fatal login', { 'pull:t2': { error: 'e', mtime: null }, 'login:r2': 'denied' }, 'fatal'],
    ['an empty error string (falsy, as Eden reads it)', { 'pull:t1': { error: '', mtime: null } }, 'success'],
  ];
  it.each(cases)('%s', async (_name, script, status) => {
    const s = fakeStore([repo('r1'), repo('r2')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'pull'), task('t3', 'r2', 'pull')]);
    const report = await runSync(deps(s.store, fakeOperations(script).operations));
    expect(report.status).toBe(status);
  });

  it('no repositories is a success', async () => {
    const s = fakeStore([], []);
    await expect(runSync(deps(s.store, fakeOperations().operations))).resolves.toMatchObject({ status: 'success', repositories: [] });
  });
});

describe('runSync: checkpoints', () => {
  it('writes no checkpoint by default (the operations own them)', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both')]);
    const ops = fakeOperations({ 'pull:t1': { error: null, mtime: '2024-05-01T10:00:00' }, 'push:t1': { error: null, mtime: '2024-05-01T11:00:00' } });
    await runSync(deps(s.store, ops.operations));
    expect(s.writes).toEqual(['repository r1']);
    expect(s.taskRows.get('t1')?.lastPull).toBeNull();
  });

  it('with advanceCheckpoints, sets mtime + 1 s after each successful step only', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'both')]);
    const ops = fakeOperations({
      'pull:t1': { error: null, mtime: '2024-12-31T23:59:59' },
      'push:t1': { error: null, mtime: null },
      'pull:t2': { error: 'boom', mtime: '2024-05-01T10:00:00' },
    });
    await runSync(deps(s.store, ops.operations, { advanceCheckpoints: true }));
    expect(s.taskRows.get('t1')).toMatchObject({ lastPull: '2025-01-01T00:00:00', lastPush: null });
    expect(s.taskRows.get('t2')).toMatchObject({ lastPull: null, lastPush: null });
  });

  it('with advanceCheckpoints, an mtime that is no real time (Feb 30) moves no checkpoint', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations({ 'pull:t1': { error: null, mtime: '2024-02-30T00:00:00' } });
    await runSync(deps(s.store, ops.operations, { advanceCheckpoints: true }));
    expect(s.taskRows.get('t1')?.lastPull).toBeNull();
  });
});

describe('runSync: one run at a time', () => {
  it('a second run while one is active returns busy at once, logs it, and runs nothing', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    let release!: (o: OperationOutcome) => void;
    const first = fakeOperations({ 'pull:t1': () => new Promise<OperationOutcome>((resolve) => (release = resolve)) });
    const lock = new InProcessLock();
    const running = runSync(deps(s.store, first.operations, { lock }));
    await flush();
    const second = fakeOperations();
    const busy = await runSync(deps(s.store, second.operations, { lock }));
    expect(busy).toEqual({ status: 'busy', startedAt: T0, finishedAt: T0, repositories: [] });
    expect(second.calls).toEqual([]);
    expect(s.log).toEqual([{
      timestmp: '2025-01-02T03:04:05', repositoryId: null, resourceName: null, transmission: 'none', mode: 'none',
      action: 'check', result: 'error', remote: false, message: BUSY_MESSAGE,
    }]);
    release({ error: null, mtime: null });
    await expect(running).resolves.toMatchObject({ status: 'success' });
    await expect(runSync(deps(s.store, second.operations, { lock }))).resolves.toMatchObject({ status: 'success' });
  });
});

describe('runSync: cancellation', () => {
  it('stops mid-run: the running step gets the signal, nothing else starts, no checkpoint, no lastConnected', async () => {
    const s = fakeStore([repo('r1'), repo('r2')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'both'), task('t3', 'r2', 'pull')]);
    const ops = fakeOperations({ 'pull:t1': { error: null, mtime: '2024-01-01T00:00:00' }, 'push:t1': 'hang' });
    const controller = new AbortController();
    const run = runSync(deps(s.store, ops.operations, { advanceCheckpoints: true }), { signal: controller.signal });
    await flush();
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'push t1']);
    s.writes.length = 0;
    controller.abort(new Error('user cancelled'));
    const report = await run;
    expect(report.status).toBe('cancelled');
    expect(ops.calls).toEqual(['login r1', 'pull t1', 'push t1']);
    expect(report.repositories[0]?.tasks).toMatchObject([
      { taskId: 't1', status: 'cancelled', pull: { kind: 'ok' }, push: { kind: 'cancelled' } },
      { taskId: 't2', status: 'cancelled', pull: { kind: 'skipped', reason: 'cancelled' }, push: { kind: 'skipped', reason: 'cancelled' } },
    ]);
    expect(report.repositories[1]).toEqual({ repositoryId: 'r2', login: { kind: 'skipped', reason: 'cancelled' }, tasks: [], status: 'cancelled' });
    expect(s.writes).toEqual([]);
    expect(s.repoRows.get('r1')?.lastConnected).toBeNull();
  });

  it('returns promptly even if the operation ignores the signal, and keeps the lock until it settles', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations({ 'pull:t1': 'ignore-abort' });
    const lock = new InProcessLock();
    const controller = new AbortController();
    const run = runSync(deps(s.store, ops.operations, { lock, advanceCheckpoints: true }), { signal: controller.signal });
    await flush();
    controller.abort();
    await expect(run).resolves.toMatchObject({ status: 'cancelled' });
    expect(lock.isHeld('eden-sync:test-db')).toBe(true);
    await expect(runSync(deps(s.store, fakeOperations().operations, { lock }))).resolves.toMatchObject({ status: 'busy' });
    ops.releaseStragglers();
    await flush();
    expect(lock.isHeld('eden-sync:test-db')).toBe(false);
    // The straggler's late success did not advance the checkpoint.
    expect(s.taskRows.get('t1')?.lastPull).toBeNull();
  });

  it('cancels during login', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations();
    const controller = new AbortController();
    const operations: SyncOperations = {
      ...ops.operations,
      login: (_r, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    const run = runSync(deps(s.store, operations), { signal: controller.signal });
    await flush();
    controller.abort();
    const report = await run;
    expect(report).toMatchObject({ status: 'cancelled', repositories: [{ login: { kind: 'cancelled' }, tasks: [{ status: 'cancelled' }] }] });
    expect(ops.calls).toEqual([]);
  });

  it('an already aborted signal runs nothing and takes no lock', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'pull')]);
    const ops = fakeOperations();
    const controller = new AbortController();
    controller.abort();
    await expect(runSync(deps(s.store, ops.operations), { signal: controller.signal })).resolves.toMatchObject({ status: 'cancelled' });
    expect(ops.calls).toEqual([]);
  });
});

describe('runSync: events', () => {
  it('reports progress in order and survives a throwing listener', async () => {
    const s = fakeStore([repo('r1')], [task('t1', 'r1', 'both'), task('t2', 'r1', 'none')]);
    const events: RunEvent[] = [];
    const report = await runSync(deps(s.store, fakeOperations().operations, {
      onEvent: (e) => {
        events.push(e);
        throw new Error('listener bug');
      },
    }));
    expect(events.map((e) => ('step' in e ? `${e.kind}:${e.step}` : e.kind))).toEqual([
      'run-started', 'repository-started', 'login-finished',
      'task-started', 'step-finished:pull', 'step-finished:push', 'task-finished',
      'task-started', 'task-finished',
      'repository-finished', 'run-finished',
    ]);
    expect(report.status).toBe('success');
  });
});
