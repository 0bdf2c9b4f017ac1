import type { JsonValue } from '../model/json.js';
import type { LocalRecord } from '../model/record.js';

/**
 * The value a filter sees for `field` of a record: a data field, else a reference (its uuid, or
 * the uuid list of a `list:reference`: we hold no local ids, so unlike Eden a reference compares
 * with uuids), else a meta field (`uuid`/`uid`, `mci`, times, owners, `deleted`). A field the
 * record does not hold is null, because null values are never stored (spec 3.3). `undefined`
 * means the field cannot be evaluated here (`id`).
 */
export function filterFieldValue(record: LocalRecord, field: string): JsonValue | undefined {
  if (field === 'id') return undefined;
  if (Object.hasOwn(record.fields, field)) return record.fields[field] ?? null;
  const reference = record.references[field];
  if (reference !== undefined) return reference.multiple ? reference.uuids : (reference.uuids[0] ?? null);
  switch (field) {
    case 'uuid':
    case 'uid':
      return record.uuid;
    case 'mci':
      return record.mci;
    case 'deleted':
      return record.deleted;
    case 'created_on':
    case 'modified_on':
    case 'created_by':
    case 'modified_by':
    case 'owned_by_user':
    case 'owned_by_group':
      return record[field];
    default:
      return null;
  }
}
