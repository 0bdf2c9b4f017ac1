import type { LocalRecord } from '../../core/model/record.js';
import { masterKeyString, type RecordQuery } from '../../ports/local-store.js';
import type { RecordRow } from './schema.js';

/** The key of a component's master in the `parentKey` index (and of `componentsOfMany` results). */
export function parentKeyOf(table: string, uuid: string): string {
  return masterKeyString({ table, uuid });
}

/** Every uuid the record references, each once. References to absent records are kept as is. */
export function referencedUuids(record: LocalRecord): string[] {
  const uuids = new Set<string>();
  for (const reference of Object.values(record.references)) {
    for (const uuid of reference.uuids) uuids.add(uuid);
  }
  return [...uuids];
}

/** The `desc` of a record without `modified_on`: above every {@link descendingKey}, so no msince range holds it. */
export const NO_MODIFIED_ON = '\uffff\uffff';

/**
 * A string whose ascending order is the descending order of `value`: each UTF-16 unit `c` becomes
 * `0xfffe - c`, then a `\uffff` terminator sorts a prefix after its extensions. (Units 0xfffe and
 * 0xffff, never found in a date, would tie.)
 */
export function descendingKey(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += String.fromCharCode(0xfffe - Math.min(value.charCodeAt(i), 0xfffe));
  return `${out}\uffff`;
}

/** Builds the stored row of a record: the record itself plus the fields its indexes read. */
export function toRecordRow(record: LocalRecord, seq: number, localRevision: number): RecordRow {
  return {
    table: record.table,
    uuid: record.uuid,
    seq,
    nseq: -seq,
    localRevision,
    desc: record.modified_on === null ? NO_MODIFIED_ON : descendingKey(record.modified_on),
    parentKey: record.parent === null ? '' : parentKeyOf(record.parent.table, record.parent.uuid),
    refUuids: referencedUuids(record),
    record,
  };
}

/**
 * The in-memory part of a query's selection: deleted records unless `includeDeleted`, components
 * with `mastersOnly`; null when the index range alone is the selection.
 */
export function scopeFilter(query: Pick<RecordQuery, 'includeDeleted' | 'mastersOnly'>): ((row: RecordRow) => boolean) | null {
  const live = query.includeDeleted !== true;
  const masters = query.mastersOnly === true;
  if (!live && !masters) return null;
  return (row) => (!live || !row.record.deleted) && (!masters || row.record.parent === null);
}
