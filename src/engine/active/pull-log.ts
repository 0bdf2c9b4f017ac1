import { LogResult } from '../../core/model/sync.js';
import type { ActiveContext } from './active-context.js';
import type { ActiveResult } from './active-result.js';
import { type LogInput, logActiveResult } from './sync-log.js';

/**
 * `logActiveResult` for a pull, where the log entry is written only if possible: when the store
 * cannot take it (a full disk, a closed database), the pull still returns its result.
 */
export async function logPullResult(
  ctx: ActiveContext,
  input: LogInput,
  outcome: { readonly mtime: string | null; readonly idle?: boolean },
): Promise<ActiveResult> {
  try {
    return await logActiveResult(ctx, input, outcome);
  } catch {
    const failed = input.result === LogResult.ERROR || input.result === LogResult.FATAL;
    return { error: failed ? input.message : null, mtime: failed ? null : outcome.mtime, status: input.result, message: input.message, idle: outcome.idle ?? false };
  }
}
