import type { RecordReference } from '../model/record.js';
import type { S3XmlReference } from '../s3xml/types.js';
import { toPythonJson } from './python-json.js';

/** Tells whether a reference to (table, uuid) must be left out of the export. */
export type DropReference = (table: string | null, uuid: string) => boolean;

/**
 * The `<reference field resource uuid>` element of one reference (spec 3.4), or null when no uuid
 * is left. `uuid` holds the raw uuid, or a JSON array (Python spacing) for the `list:reference`
 * form, even with one element. Uuids that `drop` names are removed first (a referenced record that
 * is deleted or filtered out, which Eden cannot resolve and so omits). No text is written: we hold
 * no representation, and readers ignore it.
 */
export function encodeReference(field: string, reference: RecordReference, drop?: DropReference): S3XmlReference | null {
  const uuids = drop ? reference.uuids.filter((uuid) => !drop(reference.table, uuid)) : reference.uuids;
  if (uuids.length === 0) return null;
  const first = uuids[0] as string;
  return {
    field,
    resource: reference.table,
    uuid: reference.multiple ? toPythonJson([...uuids]) : first,
    tuid: null,
    text: null,
    attributes: {},
    inline: null,
  };
}
