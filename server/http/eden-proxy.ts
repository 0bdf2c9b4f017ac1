import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { sendPlain } from './reply.js';

/** Headers that describe one connection, not the message (RFC 9110 7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Upstream responses slower than this (headers) are answered with 504. */
const UPSTREAM_TIMEOUT_MS = 300_000;

/** Copies end-to-end headers; drops hop-by-hop ones and those named in `Connection`. */
function endToEndHeaders(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    result[name] = value;
  }
  return result;
}

/**
 * Maps a path under `/eden` to the upstream URL: `/eden/sync/sync.xml?q` with
 * `edenUrl = http://host:8000/eden` becomes `http://host:8000/eden/sync/sync.xml?q`.
 */
export function upstreamUrlOf(edenUrl: URL, requestUrl: string): URL {
  const rest = requestUrl.replace(/^\/eden(?=\/|\?|$)/, '');
  const base = edenUrl.pathname.replace(/\/+$/, '');
  const target = new URL(edenUrl.href);
  const query = rest.indexOf('?');
  target.pathname = base + (query === -1 ? rest : rest.slice(0, query));
  target.search = query === -1 ? '' : rest.slice(query);
  return target;
}

/**
 * A reverse proxy for `/eden/*` to a real Eden (same-origin deployment, spec 2.3: Eden sends no
 * CORS headers). Method, headers (Authorization, Content-Disposition, ...) and bodies pass
 * unchanged and are streamed both ways; only `Host` is rewritten. Upstream failures become 502.
 */
export function createEdenProxy(edenUrl: string): (req: IncomingMessage, res: ServerResponse) => void {
  const upstream = new URL(edenUrl);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') {
    throw new Error(`EDEN_URL must be http(s): ${upstream.protocol}`);
  }
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  return (req, res) => {
    const target = upstreamUrlOf(upstream, req.url ?? '/eden');
    const headers = endToEndHeaders(req.headers);
    headers.host = target.host;
    const clientAddress = req.socket.remoteAddress;
    if (clientAddress !== undefined) {
      const prior = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = prior === undefined ? clientAddress : `${String(prior)}, ${clientAddress}`;
    }
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    const outgoing = send(target, { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (incoming) => {
      res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, endToEndHeaders(incoming.headers));
      incoming.pipe(res);
      incoming.on('error', () => res.destroy());
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('upstream timeout')));
    outgoing.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const timeout = error.message === 'upstream timeout';
      sendPlain(res, timeout ? 504 : 502, timeout ? 'Eden upstream timed out' : 'Bad Gateway: Eden upstream unreachable');
    });
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  };
}
