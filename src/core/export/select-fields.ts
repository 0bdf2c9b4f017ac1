import type { LocalRecord } from '../model/record.js';
import type { ExportEntry } from './build-export-document.js';

/**
 * What to export of one record: `'all'`, or the names of the fields and references to keep (Eden's
 * UPDATE applies only the fields present in an element, spec 4.10, so a push of just the changed
 * ones cannot revert the peer's other fields).
 */
export type FieldSelection = readonly string[] | 'all';

/** The selection of a record by uuid; undefined when the caller names none. */
export type SelectionOf = (uuid: string) => FieldSelection | undefined;

function pick<T>(map: Readonly<Record<string, T>>, names: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([name]) => names.has(name)));
}

/**
 * The record as exported under a selection: with a list, only those fields and references (so
 * only their `<data>` and `<reference>` elements are written, and only their targets become
 * dependencies); uuid, mci, meta attributes and the deleted state stay. A tombstone is always whole.
 */
export function selectFields(record: LocalRecord, selection: FieldSelection | undefined): LocalRecord {
  if (selection === undefined || selection === 'all' || record.deleted) return record;
  const names = new Set(selection);
  return { ...record, fields: pick(record.fields, names), references: pick(record.references, names) };
}

/**
 * An export entry under per-record selections: a master selected by a list is narrowed, and of its
 * components only those with a selection of their own stay (each narrowed by it): the unchanged
 * ones are left out. A master with no selection, or `'all'`, stays whole with all its components.
 */
export function selectEntryFields(entry: ExportEntry, selectionOf: SelectionOf): ExportEntry {
  const selection = selectionOf(entry.record.uuid);
  if (selection === undefined || selection === 'all' || entry.record.deleted) return entry;
  const components: LocalRecord[] = [];
  for (const component of entry.components) {
    const own = selectionOf(component.uuid);
    if (own !== undefined) components.push(selectFields(component, own));
  }
  return { record: selectFields(entry.record, selection), components };
}
