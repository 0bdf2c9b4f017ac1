import type { JsonValue } from '../../core/model/json.js';
import type { LocalRecord, RecordReference } from '../../core/model/record.js';
import type { ClearedKind } from '../../ports/local-store.js';

/** Eden's wire forms of date, datetime and time values (spec 3.3): strings, but not text fields. */
const DATE_OR_TIME = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?|\d{2}:\d{2}(:\d{2})?)$/;

/**
 * The kind of a field that held `value` before it was cleared: `'text'` for a string that is not
 * a date or time (Eden can store `""` for it), `'other'` for anything else (spec 3.3: Eden cannot
 * clear a non-text field through S3XML).
 */
export function clearedKindOf(value: JsonValue): ClearedKind {
  return typeof value === 'string' && !DATE_OR_TIME.test(value) ? 'text' : 'other';
}

const own = <T>(map: Readonly<Record<string, T>>, name: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;

const hasReference = (reference: RecordReference | undefined): boolean => reference !== undefined && reference.uuids.length > 0;

/**
 * The fields and references a local write cleared: set before (non-null, or a reference with a
 * uuid), null or absent after. A record the write creates, deletes or that was deleted clears nothing.
 */
export function clearedByWrite(before: LocalRecord | undefined, after: LocalRecord): Record<string, ClearedKind> {
  const cleared: Record<string, ClearedKind> = {};
  if (before === undefined || before.deleted || after.deleted) return cleared;
  for (const [name, value] of Object.entries(before.fields)) {
    if (value !== null && (own(after.fields, name) ?? null) === null) cleared[name] = clearedKindOf(value);
  }
  for (const [name, reference] of Object.entries(before.references)) {
    if (hasReference(reference) && !hasReference(own(after.references, name))) cleared[name] = 'other';
  }
  return cleared;
}

/** True when the record holds a value for `name` (a non-null field or a reference with a uuid). */
export function holdsValue(record: LocalRecord, name: string): boolean {
  return (own(record.fields, name) ?? null) !== null || hasReference(own(record.references, name));
}
