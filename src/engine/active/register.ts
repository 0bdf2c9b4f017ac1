import { LogResult } from '../../core/model/sync.js';
import { TransportError } from '../../ports/transport.js';
import { type ActiveContext, activeOptions, currentRepository } from './active-context.js';
import { buildRegisterUrl } from './eden-urls.js';
import { describeFailure, writeSyncLog } from './sync-log.js';

/** Eden's register reply (spec 2.1); only the fields we read. */
function readSender(body: string): { status: string | null; sender: string | null; message: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TransportError('bad-response', 'registration reply is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object') throw new TransportError('bad-response', 'registration reply is not an object');
  const o = parsed as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return { status: str(o['status']), sender: str(o['sender']), message: str(o['message']) };
}

/**
 * Registers this device at the peer: `POST {url}/sync/repository/register.json` with
 * `{uuid, name, apitype: "eden"}` (spec 2.1, 9.1.2). On success stores the peer's uuid (`sender`)
 * and `registered = true` on the repository. A failure, including HTTP 200 with a failed body
 * (spec 8.10, fixture 01-register/03), returns false and is logged as an error.
 */
export async function register(ctx: ActiveContext): Promise<boolean> {
  const config = await ctx.store.syncConfig();
  try {
    const response = await ctx.transport.request({
      method: 'POST',
      url: buildRegisterUrl(ctx.repository.url),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uuid: config.uuid, name: config.name, apitype: 'eden' }),
      timeoutMs: activeOptions(ctx).registerTimeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const reply = readSender(response.body);
    if (reply.status !== 'success') {
      throw new TransportError('peer-error', reply.message ?? `registration status ${reply.status ?? 'missing'}`);
    }
    const repository = await currentRepository(ctx);
    await ctx.store.putRepository({
      ...repository,
      peerUuid: reply.sender ?? repository.peerUuid,
      registered: true,
    });
    await writeSyncLog(ctx, {
      resourceName: null,
      mode: 'register',
      action: 'request registration',
      result: LogResult.SUCCESS,
      remote: false,
      message: reply.message ?? 'Registration successful',
    });
    return true;
  } catch (error) {
    const failure = describeFailure(error);
    await writeSyncLog(ctx, {
      resourceName: null,
      mode: 'register',
      action: 'request registration',
      result: failure.result,
      remote: failure.remote,
      message: failure.message,
    });
    return false;
  }
}
