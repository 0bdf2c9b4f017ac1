import { LogResult } from '../../core/model/sync.js';
import { type ActiveContext, activeOptions } from './active-context.js';
import { buildPullUrl } from './eden-urls.js';
import { describeFailure, writeSyncLog } from './sync-log.js';

/** An msince no record can reach: the pull answers an empty document in ~0.1 s (perf.md, fixture 05/03). */
export const LOGIN_PROBE_MSINCE = '9999-12-31T23:59:59';

/** The table probed when the repository has no task (every Eden has it). */
export const LOGIN_PROBE_RESOURCE = 'org_organisation';

/**
 * Verifies the credentials with a cheap authenticated request: a pull of one task's resource
 * with an msince in the far future (Eden's own login is a no-op, spec 1.10). Returns null on
 * success, else the error message (logged as FATAL `login` for auth/permission errors).
 */
export async function login(ctx: ActiveContext, resource?: string): Promise<string | null> {
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
    await writeSyncLog(ctx, { resourceName: null, mode: 'login', action: 'login', result: LogResult.SUCCESS, remote: false, message: 'Login successful' });
    return null;
  } catch (error) {
    const failure = describeFailure(error);
    await writeSyncLog(ctx, {
      resourceName: null,
      mode: 'login',
      action: 'login',
      result: failure.result,
      remote: failure.remote,
      message: failure.message,
    });
    return failure.message;
  }
}
