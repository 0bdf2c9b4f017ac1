import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Repository } from '../../src/core/model/sync.js';
import { readBody } from '../http/request-body.js';
import { sendEdenFailure, sendEdenStatus } from '../http/reply.js';
import type { PeerContext } from './peer-context.js';

/** A register body is a small JSON object; anything larger is refused. */
const MAX_REGISTER_BYTES = 64 * 1024;

function naiveNow(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * `POST|PUT /eden/sync/repository/register.json` (spec 2.1, 9.2; cap 01-register): upserts a
 * passive repository by the client's uuid. Always HTTP 200 for a parsed body, the outcome is in
 * the JSON (`Registration successful` / `Registration update successful` / `No repository
 * identifier specified`); 405 for other methods, 415 for another extension, 400 for bad JSON.
 */
export async function handleRegister(ctx: PeerContext, req: IncomingMessage, res: ServerResponse, extension: string): Promise<void> {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    sendEdenFailure(res, 405, 'Unsupported method!');
    return;
  }
  if (extension !== 'json') {
    sendEdenFailure(res, 415, 'Unsupported data format!');
    return;
  }
  const text = (await readBody(req, MAX_REGISTER_BYTES)).toString('utf8');
  if (text.trim() === '') {
    sendEdenFailure(res, 400, 'Missing parameters');
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    sendEdenFailure(res, 400, `Invalid parameters: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    sendEdenFailure(res, 400, 'Invalid parameters: a JSON object is required');
    return;
  }
  const body = parsed as Record<string, unknown>;
  const sender = ctx.peer.peerUuid;
  const uuid = typeof body.uuid === 'string' ? body.uuid.trim() : '';
  if (uuid === '') {
    sendEdenStatus(res, 200, { status: 'failed', statuscode: '400', message: 'No repository identifier specified', sender });
    return;
  }
  const existing = await ctx.peer.store.getRepository(uuid);
  const name = typeof body.name === 'string' && body.name !== '' ? body.name : (existing?.name ?? uuid);
  const repository: Repository = {
    id: uuid,
    name,
    url: existing?.url ?? '',
    username: existing?.username ?? null,
    peerUuid: uuid,
    registered: true,
    lastConnected: naiveNow(ctx.clock.now()),
  };
  await ctx.peer.store.putRepository(repository);
  ctx.peer.changed();
  const message = existing === undefined ? 'Registration successful' : 'Registration update successful';
  sendEdenStatus(res, 200, { status: 'success', statuscode: '200', message, sender });
}
