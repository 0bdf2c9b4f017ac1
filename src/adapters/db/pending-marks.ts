import type { LocalRecord } from '../../core/model/record.js';
import type { PendingChange, PendingFields } from '../../ports/local-store.js';
import { sameValue } from './same-value.js';
import type { PendingRow } from './schema.js';

/** The port's view of a stored pending mark: the changed fields in first-change order, or 'all'. */
export function pendingChangeOf(row: PendingRow): PendingChange {
  const { fieldRevisions, wholeAt, ...change } = row;
  return { ...change, fields: wholeAt !== null ? 'all' : Object.keys(fieldRevisions) };
}

/** Names whose values differ between two maps (a name present on one side only included). */
function differing(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const own = (map: Readonly<Record<string, unknown>>, name: string): unknown =>
    Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
  return [...names].filter((name) => !sameValue(own(before, name) ?? null, own(after, name) ?? null));
}

/**
 * What a local write changed, for the pending mark. The whole record when the peer may not hold
 * it as it is now: a create (no stored version), a delete (a tombstone is whole), an undelete, or a
 * move to another master (its nesting changes). Otherwise the fields and references whose values
 * differ (field and reference names share Eden's namespace of table columns).
 */
export function changedByWrite(before: LocalRecord | undefined, after: LocalRecord): PendingFields {
  if (before === undefined || after.deleted || before.deleted) return 'all';
  if (!sameValue(before.parent, after.parent)) return 'all';
  return [...differing(before.fields, after.fields), ...differing(before.references, after.references)];
}

/**
 * The pending mark after a local write at `revision`: the changed fields join those still pending
 * (union across edits, each with the revision of its latest change); a whole-record change moves
 * `wholeAt` to this revision. `since` stays the time of the first unpushed write, and
 * any earlier rejection is cleared. A record without a previous mark is one the peer holds (it came
 * from the peer, or its create was acknowledged), so an edit of it starts a field list.
 */
export function pendingAfterWrite(
  previous: PendingRow | undefined,
  change: { readonly table: string; readonly uuid: string; readonly op: PendingChange['op']; readonly revision: number; readonly now: string },
  changed: PendingFields,
): PendingRow {
  const fieldRevisions: Record<string, number> = { ...previous?.fieldRevisions };
  if (changed !== 'all') for (const name of changed) fieldRevisions[name] = change.revision;
  const wholeAt = changed === 'all' ? change.revision : (previous?.wholeAt ?? null);
  return {
    table: change.table,
    uuid: change.uuid,
    op: change.op,
    revision: change.revision,
    since: previous?.since ?? change.now,
    error: null,
    fieldRevisions,
    wholeAt,
  };
}

/**
 * The pending mark after the peer acknowledged `revision`: null (remove it) when the mark is still
 * at that revision; otherwise the mark of the later edits alone: fields last changed at or before
 * `revision` leave it, and so does a whole-record need of a write at or before it (the peer now
 * holds the record as that write left it).
 */
export function pendingAfterAcknowledge(row: PendingRow, revision: number): PendingRow | null {
  if (row.revision === revision) return null;
  if (row.revision < revision) return row;
  const fieldRevisions = Object.fromEntries(Object.entries(row.fieldRevisions).filter(([, changedAt]) => changedAt > revision));
  const wholeAt = row.wholeAt !== null && row.wholeAt > revision ? row.wholeAt : null;
  return { ...row, fieldRevisions, wholeAt };
}
