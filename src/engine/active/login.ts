import { LogResult } from '../../core/model/sync.js';
import type { TransportErrorCode } from '../../ports/transport.js';
import { type ActiveContext, activeOptions } from './active-context.js';
import { buildPullUrl } from './eden-urls.js';
import { describeFailure, writeSyncLog } from './sync-log.js';

/** An msince no record can reach: the pull answers an empty document in ~0.1 s (perf.md, fixture 05/03). */
export const LOGIN_PROBE_MSINCE = '9999-12-31T23:59:59';

/** The table probed when the repository has no task (every Eden has it). */
export const LOGIN_PROBE_RESOURCE = 'org_organisation';

/** Why a login failed: a transport error code, or `local` for a failure on this side. */
export type LoginFailureCode = TransportErrorCode | 'local';

/**
 * The outcome of a login. A failure is `transient` when a later run may succeed without the user
 * (the peer unreachable, a timeout, a 5xx, an unreadable reply: logged as ERROR, retry later);
 * not transient when it needs the user (wrong credentials, no permission, a request that cannot
 * be sent, or the peer refusing the probe: logged as FATAL, as Eden logs a failed login).
 */
export type LoginResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed'; readonly code: LoginFailureCode; readonly message: string; readonly transient: boolean };

/** Codes after which only the user can help (spec 2.2: 401 and 403 come back until reconfigured). */
const NEEDS_USER: ReadonlySet<LoginFailureCode> = new Set(['auth', 'forbidden', 'invalid-request', 'peer-error']);

/**
 * Verifies the credentials with a cheap authenticated request: a pull of one task's resource
 * with an msince in the far future (Eden's own login is a no-op, spec 1.10). Logs the outcome
 * (`login/outgoing`, action `login`) and returns it typed; see {@link LoginResult}.
 */
export async function login(ctx: ActiveContext, resource?: string): Promise<LoginResult> {
  const config = await ctx.store.syncConfig();
  const probe = resource ?? (await ctx.store.listTasks(ctx.repository.id))[0]?.resourceName ?? LOGIN_PROBE_RESOURCE;
  try {
    await ctx.transport.request({
      method: 'GET',
      url: buildPullUrl({
        baseUrl: ctx.repository.url,
        resource: probe,
        repositoryUuid: config.uuid,
        msince: LOGIN_PROBE_MSINCE,
        filters: [],
      }),
      timeoutMs: activeOptions(ctx).registerTimeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (error) {
    const failure = describeFailure(error);
    const code = failure.code;
    const transient = !NEEDS_USER.has(code);
    await writeSyncLog(ctx, {
      resourceName: null,
      mode: 'login',
      action: 'login',
      result: transient ? LogResult.ERROR : LogResult.FATAL,
      remote: failure.remote,
      message: failure.message,
    });
    return { kind: 'failed', code, message: failure.message, transient };
  }
  await writeSyncLog(ctx, { resourceName: null, mode: 'login', action: 'login', result: LogResult.SUCCESS, remote: false, message: 'Login successful' });
  return { kind: 'ok' };
}

/** Eden's shape of a login result: null on success, else the error message. */
export function loginError(result: LoginResult): string | null {
  return result.kind === 'ok' ? null : result.message;
}
