import type { ConflictEntry } from '../../core/model/conflict.js';
import type { LocalEdit, LocalRecord } from '../../core/model/record.js';
import type { PendingChange } from '../../ports/local-store.js';
import { nextSeq } from './next-seq.js';
import { pendingAfterKeepIncoming, pendingAfterWrite } from './pending-marks.js';
import { toRecordRow } from './record-row.js';
import { noteRecordWrite } from './record-writes.js';
import type { EdenSyncDb, RecordRow } from './schema.js';
import { StoreError } from './store-error.js';

/** What a local write needs besides the record: the naive UTC time now and a uuid source. */
export type EditContext = { readonly now: string; readonly newUuid: () => string };

function checkName(what: string, value: string): void {
  if (typeof value !== 'string' || value === '') throw new StoreError('invalid', `${what} must be a non-empty string`);
}

/**
 * Stores a record written on this device and marks it pending in the same transaction.
 * The revision continues from the record's last local revision, so it is never reused after an
 * acknowledge; the pending mark adds what this write changed (see `pending-marks.ts`).
 */
async function putLocal(db: EdenSyncDb, row: RecordRow | undefined, record: LocalRecord, op: PendingChange['op'], now: string): Promise<void> {
  const seq = row?.seq ?? (await nextSeq(db, 'records'));
  const revision = (row?.localRevision ?? 0) + 1;
  const previous = await db.pending.get([record.table, record.uuid]);
  await db.records.put(toRecordRow(record, seq, revision));
  await noteRecordWrite(db);
  await db.pending.put(pendingAfterWrite(previous, { op, revision, now, before: row?.record, after: record }));
}

/**
 * A local create or edit (call inside a read-write transaction over records, pending and meta).
 * Create: mci 0, created_on = modified_on = now. Edit: fields and references merged over the stored
 * record, modified_on = now, mci kept (a record from a peer stays that peer's copy); undeletes.
 */
export async function saveLocalRecord(db: EdenSyncDb, table: string, edit: LocalEdit, context: EditContext): Promise<LocalRecord> {
  checkName('table', table);
  const uuid = edit.uuid ?? context.newUuid();
  checkName('uuid', uuid);
  const row = await db.records.get([table, uuid]);
  const base = row?.record;
  const { now } = context;
  const record: LocalRecord =
    base === undefined
      ? {
          table,
          uuid,
          fields: { ...edit.fields },
          references: { ...edit.references },
          mci: 0,
          created_on: now,
          modified_on: now,
          created_by: null,
          modified_by: null,
          owned_by_user: null,
          owned_by_group: null,
          deleted: false,
          replaced_by: null,
          parent: edit.parent ?? null,
        }
      : {
          ...base,
          fields: { ...base.fields, ...edit.fields },
          references: { ...base.references, ...edit.references },
          modified_on: now,
          deleted: false,
          replaced_by: null,
          parent: edit.parent === undefined ? base.parent : edit.parent,
        };
  await putLocal(db, row, record, 'upsert', now);
  return record;
}

/** A local delete: a tombstone (uuid kept, deleted, modified_on = now) marked pending as 'delete'. */
export async function removeLocalRecord(db: EdenSyncDb, table: string, uuid: string, context: EditContext): Promise<void> {
  const row = await db.records.get([table, uuid]);
  if (row === undefined) throw new StoreError('not-found', `${table} ${uuid}`);
  await putLocal(db, row, { ...row.record, deleted: true, modified_on: context.now }, 'delete', context.now);
}

/**
 * Writes a kept local version back as a new local write: its fields, references, parent and deleted
 * state replace the stored ones (no merge), modified_on = now, pending. The fields and references
 * where the restored version differs from the stored one become pending (the whole record when the
 * restore undeletes, deletes, or the record is gone).
 */
export async function restoreLocalRecord(db: EdenSyncDb, local: LocalRecord, context: EditContext): Promise<void> {
  const row = await db.records.get([local.table, local.uuid]);
  const base = row?.record ?? local;
  const record: LocalRecord = {
    ...base,
    fields: local.fields,
    references: local.references,
    parent: local.parent,
    deleted: local.deleted,
    replaced_by: local.replaced_by,
    modified_on: context.now,
  };
  await putLocal(db, row, record, local.deleted ? 'delete' : 'upsert', context.now);
}

/**
 * The user kept the incoming version of a conflict: the pending fields the import left as they
 * are leave the mark (see `pendingAfterKeepIncoming`); the record itself is not written.
 */
export async function keepIncomingVersion(db: EdenSyncDb, entry: Pick<ConflictEntry, 'table' | 'uuid' | 'incoming'>): Promise<void> {
  const previous = await db.pending.get([entry.table, entry.uuid]);
  if (previous === undefined) return;
  const current = (await db.records.get([entry.table, entry.uuid]))?.record;
  const after = pendingAfterKeepIncoming(previous, current, entry.incoming);
  if (after === null) await db.pending.delete([entry.table, entry.uuid]);
  else await db.pending.put(after);
}
