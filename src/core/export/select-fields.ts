import type { LocalRecord } from '../model/record.js';
import type { ExportEntry } from './build-export-document.js';

/** The fields and references to export of a record: `'all'`, or the names to keep. */
export type FieldNames = readonly string[] | 'all';

/**
 * What to export of one record: `'all'`, or the names of the fields and references to keep (Eden's
 * UPDATE applies only the fields present in an element, spec 4.10, so a push of just the changed
 * ones cannot revert the peer's other fields); or those with `empty`: text fields cleared locally,
 * exported as empty `<data>` while they hold no value (Eden stores `""`, spec 3.3, 8.8; never null).
 */
export type FieldSelection = FieldNames | { readonly fields: FieldNames; readonly empty: readonly string[] };

/** The selection of a record by uuid; undefined when the caller names none. */
export type SelectionOf = (uuid: string) => FieldSelection | undefined;

function pick<T>(map: Readonly<Record<string, T>>, names: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([name]) => names.has(name)));
}

/** The names part of a selection. */
export function selectedNames(selection: FieldSelection): FieldNames {
  return typeof selection === 'object' && !Array.isArray(selection) && 'fields' in selection ? selection.fields : (selection as FieldNames);
}

/** The cleared text fields of a selection. */
function emptyNames(selection: FieldSelection): readonly string[] {
  return typeof selection === 'object' && !Array.isArray(selection) && 'empty' in selection ? selection.empty : [];
}

/** `""` for each named field that holds no value (null or absent). */
function withEmpty(record: LocalRecord, empty: readonly string[]): LocalRecord {
  const cleared = empty.filter((name) => (Object.hasOwn(record.fields, name) ? record.fields[name] : null) === null);
  if (cleared.length === 0) return record;
  return { ...record, fields: { ...record.fields, ...Object.fromEntries(cleared.map((name) => [name, ''])) } };
}

/**
 * The record as exported under a selection: with a list, only those fields and references (so
 * only their `<data>` and `<reference>` elements are written, and only their targets become
 * dependencies); uuid, mci, meta attributes and the deleted state stay; cleared text fields are
 * written empty. A tombstone is always whole.
 */
export function selectFields(record: LocalRecord, selection: FieldSelection | undefined): LocalRecord {
  if (selection === undefined || record.deleted) return record;
  const names = selectedNames(selection);
  const narrowed = names === 'all' ? record : { ...record, fields: pick(record.fields, new Set(names)), references: pick(record.references, new Set(names)) };
  return withEmpty(narrowed, emptyNames(selection));
}

/**
 * An export entry under per-record selections: a master selected by a list is narrowed, and of its
 * components only those with a selection of their own stay (each narrowed by it): the unchanged
 * ones are left out. A master with no selection, or `'all'`, stays whole with all its components:
 * those without a selection whole, those with one narrowed by it.
 */
export function selectEntryFields(entry: ExportEntry, selectionOf: SelectionOf): ExportEntry {
  const selection = selectionOf(entry.record.uuid);
  if (entry.record.deleted) return entry;
  if (selection === undefined || selectedNames(selection) === 'all') {
    const record = selectFields(entry.record, selection);
    // A component without a selection of its own goes whole with its master; one pending by
    // fields is narrowed like any record (decision 0013: stale fields would revert others' edits).
    const component = (c: LocalRecord): LocalRecord => selectFields(c, selectionOf(c.uuid));
    return { record, components: entry.components.map(component) };
  }
  const components: LocalRecord[] = [];
  for (const component of entry.components) {
    const own = selectionOf(component.uuid);
    if (own !== undefined) components.push(selectFields(component, own));
  }
  return { record: selectFields(entry.record, selection), components };
}
