import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_METHODS } from '../../src/core/model/policy.js';
import type { Repository } from '../../src/core/model/sync.js';
import { EdenSyncAdapter } from '../../src/engine/eden-sync-adapter.js';
import { LogResult } from '../../src/core/model/sync.js';
import { BodyTooLargeError, readBody, xmlSourcesOf } from '../http/request-body.js';
import { sendBody, sendEdenFailure, sendEdenStatus, sendPlain } from '../http/reply.js';
import type { PeerContext } from './peer-context.js';
import { isPeerTable } from './peer-tables.js';
import { classifySources } from './classify-sources.js';
import { errorTree, pushReplyBody } from './push-reply.js';
import { parseCount, parseStrategy, parseStrictMsince, swapPeerPolicy, syncFiltersOf } from './sync-params.js';

const MIXED_MESSAGE = 'Mixed resource synchronization not supported';

/** Which sync URL was called: `/sync/sync.xml` (parameters filtered) or `/{prefix}/{name}/sync.xml`. */
export type SyncRoute =
  | { readonly kind: 'sync'; readonly extension: string }
  | { readonly kind: 'direct'; readonly extension: string; readonly tablename: string };

/** The requester when it has not registered: Eden's anonymous dummy repository (spec 2.4). */
const UNKNOWN_REPOSITORY: Repository = {
  id: 'unknown',
  name: 'unknown',
  url: '',
  username: null,
  peerUuid: null,
  registered: false,
  lastConnected: null,
};

function naiveNow(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function adapterFor(ctx: PeerContext, req: IncomingMessage, repository: Repository): EdenSyncAdapter {
  const host = req.headers.host ?? '127.0.0.1';
  return new EdenSyncAdapter({
    store: ctx.peer.store,
    repository,
    clock: ctx.clock,
    domain: host.replace(/:\d+$/, ''),
    url: `http://${host}/eden`,
  });
}

async function touchRepository(ctx: PeerContext, repository: Repository | undefined): Promise<void> {
  if (repository === undefined) return;
  await ctx.peer.store.putRepository({ ...repository, lastConnected: naiveNow(ctx.clock.now()) });
  ctx.peer.changed();
}

/**
 * The sync endpoint (spec 2.3, 9.2): GET pulls through the engine's `send`, PUT/POST pushes
 * through its `receive`. On `/sync/sync.xml` only `repository`, `msince` and `[T]` filters count
 * (Eden drops start, limit, strategy and policies there); the direct route honours them all.
 * Other methods (DELETE above all, spec 2.3) get 405: this peer is no CRUD endpoint.
 */
export async function handleSync(ctx: PeerContext, req: IncomingMessage, res: ServerResponse, route: SyncRoute, params: URLSearchParams): Promise<void> {
  const method = req.method ?? 'GET';
  const isPull = method === 'GET' || method === 'HEAD';
  const isPush = method === 'PUT' || method === 'POST';
  if (route.extension !== 'xml' || (!isPull && !isPush)) {
    res.setHeader('Allow', 'GET, PUT, POST');
    sendEdenFailure(res, 405, 'Unsupported method!');
    return;
  }
  let tablename: string;
  let mixed = false;
  if (route.kind === 'direct') {
    tablename = route.tablename;
  } else {
    const resource = params.get('resource');
    mixed = resource === null || resource === '' || resource === 'mixed';
    tablename = mixed ? 'sync_repository' : (resource ?? '');
    if (!tablename.includes('_')) {
      sendPlain(res, 400, 'Invalid request');
      return;
    }
  }
  if (!mixed && !isPeerTable(tablename)) {
    sendEdenStatus(res, 400, { status: 'failed', statuscode: '400' });
    return;
  }
  const repositoryId = params.get('repository');
  const repository = repositoryId === null || repositoryId === '' ? undefined : await ctx.peer.store.getRepository(repositoryId);
  if (isPull) {
    if (mixed) {
      sendEdenStatus(res, 200, { status: 'failed', statuscode: '400', message: MIXED_MESSAGE }, 'text/html');
      return;
    }
    await pull(ctx, req, res, route, tablename, params, repository);
    return;
  }
  if (repository === undefined || !repository.registered) {
    sendEdenFailure(res, 403, 'Registration required');
    return;
  }
  if (mixed) {
    sendEdenStatus(res, 200, { status: 'failed', statuscode: '400', message: MIXED_MESSAGE }, 'text/html');
    return;
  }
  await push(ctx, req, res, route, tablename, params, repository);
}

async function pull(
  ctx: PeerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: SyncRoute,
  tablename: string,
  params: URLSearchParams,
  repository: Repository | undefined,
): Promise<void> {
  const direct = route.kind === 'direct';
  const outcome = await adapterFor(ctx, req, repository ?? UNKNOWN_REPOSITORY).send(tablename, {
    msince: parseStrictMsince(params.get('msince')),
    filters: syncFiltersOf(params, tablename, direct),
    includeDeleted: direct ? params.has('include_deleted') : true,
    ...(direct ? { start: parseCount(params.get('start')), limit: parseCount(params.get('limit')) } : {}),
  });
  if (outcome.response === null) {
    sendEdenStatus(res, 200, { status: 'failed', statuscode: '400', message: outcome.message ?? MIXED_MESSAGE }, 'text/html');
    return;
  }
  sendBody(res, 200, 'text/xml', outcome.response);
  await touchRepository(ctx, repository);
}

type PushPolicies = {
  readonly strategy: readonly string[];
  readonly updatePolicy: string | Readonly<Record<string, string>>;
  readonly conflictPolicy: string;
  readonly lastSync: string | null;
};

/** Policy source for a push (spec 2.5 steps 2-4): a server-side task, else the URL (direct route only), else defaults. */
async function pushPolicies(ctx: PeerContext, route: SyncRoute, tablename: string, params: URLSearchParams, repository: Repository): Promise<PushPolicies> {
  const task = (await ctx.peer.store.listTasks(repository.id)).find((candidate) => candidate.resourceName === tablename);
  if (task !== undefined) {
    const updatePolicy = task.updatePolicy ?? 'NEWER';
    const keepsSide = updatePolicy === 'THIS' || updatePolicy === 'OTHER';
    return {
      strategy: task.strategy,
      updatePolicy,
      conflictPolicy: task.conflictPolicy === '' ? 'MASTER' : task.conflictPolicy,
      lastSync: keepsSide ? null : task.lastPull,
    };
  }
  if (route.kind === 'direct') {
    return {
      strategy: parseStrategy(params.get('strategy')),
      updatePolicy: swapPeerPolicy(params.get('update_policy'), 'NEWER'),
      conflictPolicy: swapPeerPolicy(params.get('conflict_policy'), 'MASTER'),
      lastSync: parseStrictMsince(params.get('msince')),
    };
  }
  return { strategy: ALL_METHODS, updatePolicy: 'NEWER', conflictPolicy: 'MASTER', lastSync: null };
}

async function push(
  ctx: PeerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: SyncRoute,
  tablename: string,
  params: URLSearchParams,
  repository: Repository,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req, ctx.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendEdenFailure(res, 413, `Request body too large (limit ${error.limit} bytes)`);
      return;
    }
    throw error;
  }
  const sources = xmlSourcesOf(body, req.headers['content-type']);
  const policies = await pushPolicies(ctx, route, tablename, params, repository);
  const adapter = adapterFor(ctx, req, repository);
  const run = (texts: readonly string[]) =>
    adapter.receive(texts, tablename, { ...policies, source: repository.name, ignoreErrors: true });
  let outcome = sources.length === 0 ? null : await run(sources);
  if (outcome !== null && outcome.status === LogResult.ERROR) {
    const classified = classifySources(sources);
    if (classified.parseError !== null) {
      sendEdenFailure(res, 400, `XML Parse error: ${classified.parseError}`);
      return;
    }
    outcome = classified.documents.length === 0 ? null : await run(classified.documents.map((doc) => doc.text));
    if (outcome !== null && outcome.status === LogResult.ERROR) {
      sendEdenFailure(res, 400, outcome.message ?? 'Import failed');
      return;
    }
  }
  if (outcome === null) {
    sendEdenStatus(res, 200, { status: 'success', statuscode: '200', records: 0 }, 'text/html');
    await touchRepository(ctx, repository);
    return;
  }
  const report = outcome.response;
  const tree = report.errors.length > 0 ? errorTree(report.errors, classifySources(sources).merged) : null;
  sendEdenStatus(res, 200, pushReplyBody(report, outcome.message, tree), 'text/html');
  await touchRepository(ctx, repository);
}
