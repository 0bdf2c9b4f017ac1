import type { LocalRecord } from '../../core/model/record.js';
import type { RecordQuery } from '../../ports/local-store.js';
import type { RecordRow, RecordScope } from './schema.js';

/** The key of a component's master in the `parentKey` index. */
export function parentKeyOf(table: string, uuid: string): string {
  return `${table}|${uuid}`;
}

/** Every uuid the record references, each once. References to absent records are kept as is. */
export function referencedUuids(record: LocalRecord): string[] {
  const uuids = new Set<string>();
  for (const reference of Object.values(record.references)) {
    for (const uuid of reference.uuids) uuids.add(uuid);
  }
  return [...uuids];
}

/** Builds the stored row of a record: the record itself plus the fields its indexes read. */
export function toRecordRow(record: LocalRecord, seq: number, localRevision: number): RecordRow {
  const live = !record.deleted;
  const master = record.parent === null;
  return {
    table: record.table,
    uuid: record.uuid,
    seq,
    localRevision,
    ...(live ? { live: record.table } : {}),
    ...(master ? { master: record.table } : {}),
    ...(live && master ? { liveMaster: record.table } : {}),
    ...(record.modified_on !== null ? { mo: record.modified_on } : {}),
    ...(record.parent !== null ? { parentKey: parentKeyOf(record.parent.table, record.parent.uuid) } : {}),
    refUuids: referencedUuids(record),
    record,
  };
}

/** The index scope that holds exactly the records a query selects. */
export function scopeOf(query: Pick<RecordQuery, 'includeDeleted' | 'mastersOnly'>): RecordScope {
  const includeDeleted = query.includeDeleted === true;
  const mastersOnly = query.mastersOnly === true;
  if (includeDeleted) return mastersOnly ? 'master' : 'table';
  return mastersOnly ? 'liveMaster' : 'live';
}
