import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendEdenFailure, sendPlain } from '../http/reply.js';
import { authenticate } from './basic-auth.js';
import type { PeerContext } from './peer-context.js';
import { isPeerTable } from './peer-tables.js';
import { handleRegister } from './register-handler.js';
import { sendFields, sendOptions } from './schema-handler.js';
import { handleSync } from './sync-handler.js';

/** Eden's realm is its application name (cap 10-errors/01). */
const REALM = 'eden';

type Route =
  | { readonly kind: 'register'; readonly extension: string }
  | { readonly kind: 'sync'; readonly extension: string }
  | { readonly kind: 'direct'; readonly extension: string; readonly tablename: string }
  | { readonly kind: 'fields' | 'options'; readonly extension: string; readonly tablename: string }
  | { readonly kind: 'unknown' };

/** Maps a path under `/eden` to one of the peer's endpoints. */
export function routeOf(pathname: string): Route {
  const register = /^\/eden\/sync\/repository\/register\.([A-Za-z0-9]+)$/.exec(pathname);
  if (register !== null) return { kind: 'register', extension: register[1] ?? '' };
  const sync = /^\/eden\/sync\/sync\.([A-Za-z0-9]+)$/.exec(pathname);
  if (sync !== null) return { kind: 'sync', extension: sync[1] ?? '' };
  const resource = /^\/eden\/([a-z0-9]+)\/([a-z0-9_]+)\/(sync|fields|options)\.([A-Za-z0-9]+)$/.exec(pathname);
  if (resource !== null) {
    const tablename = `${resource[1]}_${resource[2]}`;
    const extension = resource[4] ?? '';
    const action = resource[3];
    if (action === 'sync') return { kind: 'direct', extension, tablename };
    return { kind: action === 'fields' ? 'fields' : 'options', extension, tablename };
  }
  return { kind: 'unknown' };
}

/**
 * The Eden-compatible demo peer under `/eden` (spec 9.2). Basic auth on every request (401 with
 * Eden's challenge and body), 403 `Insufficient Privileges` for a user without sync rights on the
 * sync endpoints, then register, sync (pull/push, both routes) and the schema endpoints.
 */
export function createDemoPeerHandler(ctx: PeerContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const auth = authenticate(req, ctx.users);
    if (auth.kind !== 'user') {
      sendPlain(res, 401, 'Authentication Required', { 'WWW-Authenticate': `Basic realm="${REALM}"` });
      return;
    }
    const url = new URL(req.url ?? '/eden', 'http://localhost');
    const route = routeOf(url.pathname);
    if (route.kind === 'unknown') {
      sendPlain(res, 404, 'Invalid request');
      return;
    }
    const needsSync = route.kind === 'register' || route.kind === 'sync' || route.kind === 'direct';
    if (needsSync && !auth.user.canSync) {
      sendPlain(res, 403, 'Insufficient Privileges');
      return;
    }
    switch (route.kind) {
      case 'register':
        return handleRegister(ctx, req, res, route.extension);
      case 'sync':
        return handleSync(ctx, req, res, { kind: 'sync', extension: route.extension }, url.searchParams);
      case 'direct':
        if (!isPeerTable(route.tablename)) {
          sendPlain(res, 404, 'Invalid request');
          return;
        }
        return handleSync(ctx, req, res, route, url.searchParams);
      case 'fields':
      case 'options':
        if (!isPeerTable(route.tablename)) {
          sendPlain(res, 404, 'Invalid request');
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendPlain(res, 405, 'Method Not Allowed', { Allow: 'GET' });
          return;
        }
        if (route.kind === 'fields') sendFields(res, route.tablename, route.extension);
        else if (route.extension !== 's3json' && route.extension !== 'json') sendEdenFailure(res, 415, 'Unsupported data format!');
        else await sendOptions(res, ctx.peer.store, route.tablename, url.searchParams);
        return;
    }
  };
}
