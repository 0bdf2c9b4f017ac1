import type { LocalRecord } from '../model/record.js';
import type { S3XmlData, S3XmlReference, S3XmlResource } from '../s3xml/types.js';
import { encodeData } from './encode-data.js';
import { encodeReference, type DropReference } from './encode-reference.js';

/**
 * Field names never written as `<data>`: Eden's `IGNORE_FIELDS` and `deleted_rb` (spec 3.2), and
 * the names that are attributes of `<resource>` (a store may not hold them in `fields`, but if it
 * does they must not appear twice).
 */
const NOT_DATA = new Set([
  'id',
  'uuid',
  'deleted_fk',
  'deleted_rb',
  'approved_by',
  'realm_entity',
  'mci',
  'deleted',
  'created_on',
  'modified_on',
  'created_by',
  'modified_by',
  'owned_by_user',
  'owned_by_group',
]);

/** Meta attributes of a live record, in Eden's order (spec 3.2; `url` is not written). */
const META = ['created_on', 'modified_on', 'created_by', 'modified_by', 'owned_by_user', 'owned_by_group'] as const;

export type EncodeRecordOptions = {
  /** Nested component records (already selected and ordered); not written for deleted records. */
  readonly components?: readonly S3XmlResource[];
  /** Write the component `alias` (only for a record nested under its master). */
  readonly asComponent?: boolean;
  readonly dropReference?: DropReference;
};

/**
 * One `<resource>` element for a local record, by Eden's export rules (spec 3.2, 3.3, 3.4, 3.8):
 * a live record carries `uuid`, `mci` (stored + 1), its non-null meta attributes, one `<data>` per
 * non-null field, its references and the given components; a deleted record is a tombstone with
 * only `uuid`, `deleted="True"`, `modified_on` and `replaced_by` (and the alias when nested).
 */
export function encodeRecord(record: LocalRecord, options: EncodeRecordOptions = {}): S3XmlResource {
  const attributes: Record<string, string> = {};
  const alias = record.parent?.alias ?? null;
  if (options.asComponent === true && alias !== null) attributes.alias = alias;
  attributes.uuid = record.uuid;
  if (record.deleted) {
    attributes.deleted = 'True';
    if (record.modified_on !== null) attributes.modified_on = record.modified_on;
    if (record.replaced_by !== null) attributes.replaced_by = record.replaced_by;
    return { name: record.table, attributes, data: [], references: [], components: [] };
  }
  attributes.mci = String(record.mci + 1);
  for (const name of META) {
    const value = record[name];
    if (value !== null) attributes[name] = value;
  }
  const data: S3XmlData[] = [];
  for (const [field, value] of Object.entries(record.fields)) {
    if (NOT_DATA.has(field)) continue;
    const element = encodeData(field, value);
    if (element !== null) data.push(element);
  }
  const references: S3XmlReference[] = [];
  for (const [field, reference] of Object.entries(record.references)) {
    const element = encodeReference(field, reference, options.dropReference);
    if (element !== null) references.push(element);
  }
  return { name: record.table, attributes, data, references, components: options.components ?? [] };
}
