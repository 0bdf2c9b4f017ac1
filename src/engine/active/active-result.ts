import { LogResult } from '../../core/model/sync.js';

/**
 * What a pull or push returns: Eden's `(error, mtime)` (spec 1.10) plus the result and message it
 * wrote to the sync log (spec 1.6), so that callers need not read the log back.
 *
 * - `error`: null on success (warnings included), else the message of the failure.
 * - `mtime`: the new checkpoint (naive UTC), null when nothing was imported or pushed.
 * - `status`: the logged result: `success`, `warning` ("it worked, with issues"), `error`
 *   (may work later) or `fatal` (needs the user: credentials, permissions, configuration).
 * - `message`: the logged message; it never holds credentials.
 * - `idle`: nothing to transfer (a push with no pending change). Eden logs "No data to send" as a
 *   WARNING; `idle` tells that apart from a warning about data.
 */
export type ActiveResult = {
  readonly error: string | null;
  readonly mtime: string | null;
  readonly status: LogResult;
  readonly message: string;
  readonly idle: boolean;
};

/**
 * The warning a run should report for a result: its message when the operation worked with issues
 * about data (items refused by the peer or rejected by the import); null for a success, a failure,
 * or an idle push.
 */
export function warningOf(result: ActiveResult): string | null {
  return result.error === null && result.status === LogResult.WARNING && !result.idle ? result.message : null;
}
