import { LogResult, type SyncTask } from '../../core/model/sync.js';
import type { PendingChange } from '../../ports/local-store.js';
import { escapeXmlAttribute } from '../../core/s3xml/escape-xml.js';
import { isTransportError, type TransportResponse, TransportError } from '../../ports/transport.js';
import { send } from '../send/send.js';
import { type ActiveContext, activeOptions, currentRepository } from './active-context.js';
import type { ActiveResult } from './active-result.js';
import { buildPushUrl, msinceFor, pushHeaders } from './eden-urls.js';
import { laterOf } from './pull-checkpoint.js';
import { batchFieldLookup, planPush, unclearableMessage } from './push-plan.js';
import { parsePushReply, type RejectedElement } from './push-reply.js';
import { register } from './register.js';
import { describeFailure, logActiveResult } from './sync-log.js';

/**
 * Eden's push result: an error message, or the push checkpoint (null when nothing was sent), plus
 * the logged result: `warning` when the peer refused records (the others were acknowledged), or
 * `warning` with `idle` when there was nothing to send.
 */
export type PushResult = ActiveResult;

/** Raised when the local export of a batch fails. */
class PushExportError extends Error {
  override readonly name = 'PushExportError';
  readonly code = 'export';
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

/** UTF-8 size of a string, without TextEncoder (not in the ES library). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

const keyOf = (table: string, uuid: string): string => `${table}\u0000${uuid}`;

/** Eden's message for a push with nothing to send (logged as WARNING, spec 1.10). */
const NO_DATA = 'No data to send';

/**
 * Pushes one task's pending local changes to the task's repository (Eden's `push`, spec 2.5,
 * 9.1.4), in batches of `pushBatchSize` master elements exported by `send({uuids})` and POSTed to
 * `/sync/sync.xml` with the Content-Disposition Eden needs (spec 8.4).
 *
 * What goes (`planPush`, decision 0014): the changes of the table this repository has not
 * acknowledged (pending is per repository), and the pending components of the table's masters,
 * nested under their master, which then carries only its own pending fields (possibly none: its
 * uuid and meta attributes frame the components). On a first push after other repositories pushed
 * the table, records created on this device are sent whole.
 *
 * A record the peer already holds is pushed by fields: only the fields and references its pending
 * change names, with uuid, mci and meta attributes (Eden's UPDATE applies only the fields present,
 * spec 4.10, so a push cannot revert another device's edit of other fields). Creates, undeletes,
 * moves and deletes are pushed whole. A cleared text field goes as an empty `<data>`; a cleared
 * field Eden cannot clear (not text, or a reference: spec 3.3, 8.8) keeps the change pending for
 * this repository with the message "<field>: Eden cannot clear this field through sync".
 *
 * A change (master or component) leaves pending for this repository only when the batch carrying
 * it was answered with success and the change is not in the reply's error tree; it is acknowledged
 * at the revision it carried, so an edit made meanwhile stays pending, with the fields it changed
 * (architecture invariant 4.1).
 *
 * Refused records: a change the peer refused (a per-record validation error, spec 3.11; nested
 * `$_<component>` entries included) stays pending with the peer's message (`markRejected`), and is
 * not re-sent to this repository until edited again (or with `resendRejected`). The user sees it
 * through `store.pending(table)`: `PendingChange.error` holds the message. Refusals do not go to
 * the conflict inbox, which keeps only local versions a pull overwrote. The result is then
 * `warning` (remote) with the refused uuids in its message.
 *
 * "Registration required" triggers one registration and one retry of the batch. The push
 * checkpoint `lastPush` is the newest local `modified_on` pushed, stored without +1 s (changes
 * are selected by their pending mark, not by msince), written only after every batch succeeded.
 * Returns Eden's `(error, mtime)` with the logged `status` and `message` (see `ActiveResult`).
 */
export async function push(ctx: ActiveContext, task: SyncTask): Promise<PushResult> {
  const resource = task.resourceName;
  const options = activeOptions(ctx);
  const stored = (await ctx.store.getTask(task.id)) ?? task;
  const repositoryId = stored.repositoryId;
  const units = await planPush(ctx.store, stored, options.resendRejected);
  if (units.length === 0) {
    const input = { resourceName: resource, mode: 'push', action: 'send', result: LogResult.WARNING, remote: false, message: NO_DATA } as const;
    return logActiveResult(ctx, input, { mtime: null, idle: true });
  }
  const config = await ctx.store.syncConfig();
  const rejected: RejectedElement[] = [];
  const notCleared: RejectedElement[] = [];
  let sent = 0;
  let bytes = 0;
  let maxMtime: string | null = null;
  let registered = false;
  let batchNo = 0;
  try {
    for (const batch of chunks(units, options.pushBatchSize)) {
      batchNo += 1;
      if (ctx.signal?.aborted) throw new TransportError('aborted');
      const exported = await send({ store: ctx.store }, resource, {
        uuids: batch.map((unit) => unit.master),
        msince: null,
        filters: [],
        mixed: false,
        prettyPrint: false,
        fields: batchFieldLookup(ctx.store, batch, repositoryId),
      });
      if (exported.status === LogResult.ERROR || exported.status === LogResult.FATAL || exported.response === null) {
        throw new PushExportError(exported.message ?? 'Export failed');
      }
      const document = exported.response;
      const inDocument = (uuid: string) => document.includes(`uuid="${escapeXmlAttribute(uuid, 'replace')}"`);
      const carried = batch.flatMap((unit) => unit.changes).filter((change) => inDocument(change.uuid));
      const wholeOnly = batch.filter((unit) => unit.whole && !unit.changes.some((change) => change.uuid === unit.master) && inDocument(unit.master));
      if (exported.results === 0 || (carried.length === 0 && wholeOnly.length === 0)) continue;
      const repository = await currentRepository(ctx);
      const request = () =>
        ctx.transport.request({
          method: 'POST',
          url: buildPushUrl({
            baseUrl: repository.url,
            resource,
            repositoryUuid: config.uuid,
            strategy: stored.strategy,
            updatePolicy: stored.updatePolicy,
            conflictPolicy: stored.conflictPolicy,
            msince: msinceFor(stored.lastPush, stored.updatePolicy),
          }),
          headers: pushHeaders(resource),
          body: document,
          timeoutMs: options.pushTimeoutMs,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
      let response: TransportResponse;
      try {
        response = await request();
      } catch (error) {
        if (!isTransportError(error) || error.code !== 'registration-required' || registered) throw error;
        registered = true;
        if (!(await register(ctx))) throw error;
        response = await request();
      }
      const reply = parsePushReply(response.body);
      if (reply.status !== 'success') throw new TransportError('bad-response', `push status ${reply.status}`);
      const refused = new Map(reply.rejected.map((r) => [keyOf(r.table, r.uuid), r]));
      // A component travels inside its master's element: when Eden refuses the master, the
      // component was not imported either, whether or not the error tree names it.
      const masterOf = new Map(batch.flatMap((unit) => unit.changes.map((change) => [keyOf(change.table, change.uuid), unit.master] as const)));
      const refusalOf = (change: PendingChange) => {
        const master = masterOf.get(keyOf(change.table, change.uuid));
        return refused.get(keyOf(change.table, change.uuid)) ?? (master === undefined ? undefined : refused.get(keyOf(resource, master)));
      };
      const unclearable: RejectedElement[] = [];
      await ctx.store.write(async (tx) => {
        const acknowledged: PendingChange[] = [];
        for (const change of carried) {
          const key = { table: change.table, uuid: change.uuid };
          const r = refusalOf(change);
          const uncleared = unclearableMessage(change);
          if (r) await tx.markRejected(key, change.revision, r.error, repositoryId);
          else if (uncleared !== null) {
            // Delivered, but a cleared field did not travel: the change stays pending, with the reason.
            await tx.markRejected(key, change.revision, uncleared, repositoryId);
            unclearable.push({ table: change.table, uuid: change.uuid, error: uncleared });
          } else acknowledged.push(change);
        }
        await tx.acknowledge(acknowledged, repositoryId);
      });
      rejected.push(...reply.rejected);
      notCleared.push(...unclearable);
      sent += carried.length + wholeOnly.length;
      bytes += utf8Length(document);
      maxMtime = laterOf(maxMtime, exported.mtime);
      ctx.onProgress?.({ operation: 'push', resource, phase: 'upload', records: sent, bytes, page: batchNo });
    }
    if (maxMtime !== null) {
      const mtime = maxMtime;
      await ctx.store.write(async (tx) => {
        const current = (await tx.getTask(task.id)) ?? stored;
        await tx.putTask({ ...current, lastPush: laterOf(current.lastPush, mtime) });
      });
    }
  } catch (error) {
    const failure = describeFailure(error);
    const input = { resourceName: resource, mode: 'push', action: 'send', result: failure.result, remote: failure.remote, message: failure.message } as const;
    return logActiveResult(ctx, input, { mtime: null });
  }
  const describe = (list: readonly RejectedElement[]) =>
    list.slice(0, 20).map((r) => `(UID: ${r.uuid}) ${r.table}: ${r.error}`).join('; ') + (list.length > 20 ? ` (+${list.length - 20} more)` : '');
  const problems = [
    ...(rejected.length > 0 ? [`${rejected.length} refused by the peer: ${describe(rejected)}`] : []),
    ...(notCleared.length > 0 ? [`${notCleared.length} kept pending: ${describe(notCleared)}`] : []),
  ];
  const warning = problems.length > 0;
  return logActiveResult(
    ctx,
    {
      resourceName: resource,
      mode: 'push',
      action: 'send',
      result: warning || sent === 0 ? LogResult.WARNING : LogResult.SUCCESS,
      remote: rejected.length > 0,
      message: warning
        ? `Data sent (${sent} records), ${problems.join('; ')}`
        : sent === 0
          ? NO_DATA
          : `Data sent successfully (${sent} records)`,
    },
    { mtime: maxMtime, idle: sent === 0 && !warning },
  );
}
