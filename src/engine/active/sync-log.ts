import { LogResult, type LogMode, type SyncLogEntry } from '../../core/model/sync.js';
import { formatEdenDateTime } from '../../core/time/eden-date-time.js';
import { isTransportError, type TransportErrorCode } from '../../ports/transport.js';
import type { ActiveContext } from './active-context.js';
import type { ActiveResult } from './active-result.js';

export type LogInput = {
  readonly resourceName: string | null;
  readonly mode: LogMode;
  readonly action: string;
  readonly result: LogResult;
  readonly remote: boolean;
  readonly message: string;
};

/**
 * Appends an outgoing sync log entry, normalized as `S3SyncLog.write` does (spec 1.6): a
 * success is never remote, an empty action becomes `none`. Messages come from `TransportError`
 * or Eden's replies, which never hold credentials.
 */
export async function writeSyncLog(ctx: ActiveContext, input: LogInput): Promise<void> {
  const entry: SyncLogEntry = {
    timestmp: formatEdenDateTime(ctx.clock.now()),
    repositoryId: ctx.repository.id,
    resourceName: input.resourceName,
    transmission: 'outgoing',
    mode: input.mode,
    action: input.action === '' ? 'none' : input.action,
    result: input.result,
    remote: input.result === LogResult.SUCCESS ? false : input.remote,
    message: input.message,
  };
  await ctx.store.appendLog(entry);
}

/**
 * Writes the log entry of a pull or push and returns the matching {@link ActiveResult}: `error` is
 * the message when the result is `error` or `fatal`, else null (Eden's `(error, mtime)`).
 */
export async function logActiveResult(
  ctx: ActiveContext,
  input: LogInput,
  outcome: { readonly mtime: string | null; readonly idle?: boolean },
): Promise<ActiveResult> {
  await writeSyncLog(ctx, input);
  const failed = input.result === LogResult.ERROR || input.result === LogResult.FATAL;
  return {
    error: failed ? input.message : null,
    mtime: failed ? null : outcome.mtime,
    status: input.result,
    message: input.message,
    idle: outcome.idle ?? false,
  };
}

/** What a failure means for the log: its message, whether the peer caused it, and ERROR vs FATAL. */
export function describeFailure(error: unknown): {
  message: string;
  remote: boolean;
  result: LogResult;
  code: TransportErrorCode | 'local';
} {
  if (isTransportError(error)) {
    const remote = error.code !== 'network' && error.code !== 'timeout' && error.code !== 'aborted' && error.code !== 'invalid-request';
    const fatal = error.code === 'auth' || error.code === 'forbidden' || error.code === 'invalid-request';
    return { message: error.message, remote, result: fatal ? LogResult.FATAL : LogResult.ERROR, code: error.code };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message, remote: false, result: LogResult.ERROR, code: 'local' };
}
