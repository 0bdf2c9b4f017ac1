import type { LocalRecord } from '../../core/model/record.js';
import type { ClearedKind, PendingChange, PendingFields } from '../../ports/local-store.js';
import { clearedByWrite, holdsValue } from './cleared-fields.js';
import { sameValue } from './same-value.js';
import type { ClearedMark, PendingRow } from './schema.js';

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
 * The port's view of a stored mark for one repository (what it has not acknowledged: the fields
 * changed after its acknowledged revision), or undefined when it has acknowledged everything.
 * Without a repository: everything the mark holds (what some repository may still lack).
 */
export function pendingChangeOf(row: PendingRow, repositoryId?: string): PendingChange | undefined {
  const acknowledged = repositoryId === undefined ? 0 : (row.acknowledged[repositoryId] ?? 0);
  if (row.revision <= acknowledged) return undefined;
  const fields: PendingFields =
    row.wholeAt !== null && row.wholeAt > acknowledged
      ? 'all'
      : Object.entries(row.fieldRevisions).filter(([, at]) => at > acknowledged).map(([name]) => name);
  const cleared: Record<string, ClearedKind> = {};
  for (const [name, mark] of Object.entries(row.cleared)) if (mark.at > acknowledged) cleared[name] = mark.kind;
  const error = repositoryId === undefined ? (Object.values(row.errors)[0] ?? null) : (row.errors[repositoryId] ?? null);
  return { table: row.table, uuid: row.uuid, op: row.op, revision: row.revision, fields, since: row.since, cleared, error };
}

/** What `pendingAfterWrite` needs to know about the write. */
export type PendingWrite = {
  readonly op: PendingChange['op'];
  readonly revision: number;
  readonly now: string;
  readonly before: LocalRecord | undefined;
  readonly after: LocalRecord;
};

/**
 * The pending mark after a local write: the changed fields join those still pending (union across
 * edits, each with the revision of its latest change); a whole-record change moves `wholeAt` to
 * this revision; fields the write cleared are noted (and a field that holds a value again is no
 * longer cleared). `since` stays the time of the first unpushed write, what each repository
 * acknowledged stays, and every rejection is cleared (the edit is new to every peer). A record
 * without a previous mark is one every peer that knows it holds as it was, so an edit of it starts
 * a field list.
 */
export function pendingAfterWrite(previous: PendingRow | undefined, write: PendingWrite): PendingRow {
  const { after, revision } = write;
  const changed = changedByWrite(write.before, after);
  const fieldRevisions: Record<string, number> = { ...previous?.fieldRevisions };
  if (changed !== 'all') for (const name of changed) fieldRevisions[name] = revision;
  const cleared: Record<string, ClearedMark> = {};
  for (const [name, mark] of Object.entries(previous?.cleared ?? {})) if (!holdsValue(after, name)) cleared[name] = mark;
  for (const [name, kind] of Object.entries(clearedByWrite(write.before, after))) cleared[name] = { kind, at: revision };
  return {
    table: after.table,
    uuid: after.uuid,
    op: write.op,
    revision,
    since: previous?.since ?? write.now,
    fieldRevisions,
    wholeAt: changed === 'all' ? revision : (previous?.wholeAt ?? null),
    cleared,
    acknowledged: previous?.acknowledged ?? {},
    errors: {},
    masterTable: after.parent?.table ?? '',
  };
}

/** The mark without what writes at or before `revision` changed (every repository holds that). */
function settledUpTo(row: PendingRow, revision: number): PendingRow {
  const fieldRevisions = Object.fromEntries(Object.entries(row.fieldRevisions).filter(([, at]) => at > revision));
  const cleared = Object.fromEntries(Object.entries(row.cleared).filter(([, mark]) => mark.at > revision));
  const wholeAt = row.wholeAt !== null && row.wholeAt > revision ? row.wholeAt : null;
  return { ...row, fieldRevisions, cleared, wholeAt };
}

/**
 * The pending mark after repository `repositoryId` acknowledged `revision` (null: remove it).
 * The repository's acknowledged revision moves up (a stale acknowledge, of a revision the mark never
 * reached, changes nothing). The mark goes once every repository in `pushRepositories` (those with a
 * push-capable task for the record) acknowledged its current revision; with none, it stays.
 * Without a repository the local edit up to `revision` is settled for every repository: the mark
 * goes when still at that revision, else keeps only what later writes changed.
 */
export function pendingAfterAcknowledge(
  row: PendingRow,
  revision: number,
  repositoryId: string | undefined,
  pushRepositories: readonly string[],
): PendingRow | null {
  if (row.revision < revision) return row;
  if (repositoryId === undefined) return row.revision === revision ? null : settledUpTo(row, revision);
  const acknowledged = { ...row.acknowledged, [repositoryId]: Math.max(row.acknowledged[repositoryId] ?? 0, revision) };
  const errors = { ...row.errors };
  if (revision === row.revision) delete errors[repositoryId];
  const done = pushRepositories.length > 0 && pushRepositories.every((id) => (acknowledged[id] ?? 0) >= row.revision);
  return done ? null : { ...row, acknowledged, errors };
}

/**
 * The pending mark after the user kept the incoming version of a conflict (`resolveConflict`
 * 'keep-incoming'): every field whose current value is still the one the import wrote (`incoming`)
 * leaves the mark, for every repository; so does the need to push the whole record when the record
 * is, as to deletion and master, as the peer sent it. Fields edited again since keep pending.
 * Null (remove the mark) when nothing is left.
 */
export function pendingAfterKeepIncoming(row: PendingRow, current: LocalRecord | undefined, incoming: LocalRecord | null): PendingRow | null {
  if (current === undefined) return null;
  const unchanged = (name: string): boolean => {
    if (incoming === null) return false;
    const own = <T>(map: Readonly<Record<string, T>>): T | null => (Object.prototype.hasOwnProperty.call(map, name) ? (map[name] ?? null) : null);
    return sameValue(own(current.fields), own(incoming.fields)) && sameValue(own(current.references), own(incoming.references));
  };
  const asSent = incoming === null ? current.deleted : !current.deleted && sameValue(current.parent, incoming.parent);
  const fieldRevisions = Object.fromEntries(Object.entries(row.fieldRevisions).filter(([name]) => !unchanged(name)));
  const cleared = Object.fromEntries(Object.entries(row.cleared).filter(([name]) => !unchanged(name)));
  const wholeAt = asSent ? null : row.wholeAt;
  if (wholeAt === null && Object.keys(fieldRevisions).length === 0) return null;
  return { ...row, fieldRevisions, cleared, wholeAt, errors: {} };
}
