import type { JsonValue } from '../model/json.js';
import type { S3XmlResource } from '../s3xml/types.js';
import { formatParsedTime, parseIncomingTime, referenceUuidsOf, valueOfData } from './codec-bridge.js';
import type { ImportError } from './import-types.js';
import { EMAIL_FIELDS, EMPTY_AS_NULL_FIELDS, SUPER_ENTITIES, tableRules, type MetaField } from './known-tables.js';

/** A `<reference>` as the importer reads it, before it is resolved against the document. */
export type IncomingReference = {
  readonly field: string;
  readonly table: string | null;
  readonly uuids: readonly string[];
  readonly tuid: string | null;
  readonly multiple: boolean;
  readonly inline: IncomingItem | null;
};

/**
 * One incoming `<resource>` element as an import item (spec 4.2). `uuid` is null when the element
 * has none until deduplication or generation gives it one.
 */
export type IncomingItem = {
  readonly table: string;
  uuid: string | null;
  readonly tuid: string | null;
  readonly deleted: boolean;
  readonly replacedBy: string | null;
  /** Incoming mci, 2 when absent (spec 3.2; read on tombstones too: finding 6). */
  readonly mci: number;
  /** Item mtime in epoch ms: `modified_on`, or now when absent (spec 4.2). */
  readonly mtime: number;
  /** Data fields by name, raw values (null = store null). */
  readonly fields: Map<string, JsonValue>;
  /** Meta attributes given, as stored strings (datetimes normalized). `modified_on` included when given. */
  readonly meta: Map<MetaField, string>;
  readonly references: readonly IncomingReference[];
  readonly components: readonly IncomingItem[];
  readonly alias: string | null;
  /** Set when the element failed to parse (invalid value): the item is skipped with this error. */
  readonly parseError: ImportError | null;
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Reads one element into an item (spec 3.2, 3.3, 4.2); `now` is the default item mtime. */
export function parseItem(element: S3XmlResource, now: number): IncomingItem {
  const attrs = element.attributes;
  const table = element.name;
  const uuid = attrs['uuid'] === undefined || attrs['uuid'] === '' ? null : attrs['uuid'];
  const deleted = (attrs['deleted'] ?? '').toLowerCase() === 'true';
  const mciText = attrs['mci'];
  const mciNumber = mciText === undefined ? NaN : Number.parseInt(mciText, 10);
  const meta = new Map<MetaField, string>();
  const problems: { field: string | null; message: string }[] = [];

  let mtime = now;
  for (const name of ['created_on', 'modified_on'] as const) {
    const text = attrs[name];
    if (text === undefined) continue;
    const ms = parseIncomingTime(text);
    if (ms === null) {
      problems.push({ field: name, message: `${name}: Invalid date/time string: ${text}` });
      continue;
    }
    meta.set(name, formatParsedTime(text, ms));
    if (name === 'modified_on') mtime = ms;
  }
  for (const name of ['created_by', 'modified_by', 'owned_by_user', 'owned_by_group'] as const) {
    const text = attrs[name];
    if (text !== undefined && text !== '') meta.set(name, text);
  }

  const fields = new Map<string, JsonValue>();
  const references: IncomingReference[] = [];
  if (!deleted || uuid === null) {
    const mandatory = tableRules(table).mandatory;
    for (const data of element.data) {
      if (data.value === '') continue;
      let value = valueOfData(data);
      if (value === '' && EMPTY_AS_NULL_FIELDS.has(data.field)) value = null;
      if (mandatory.includes(data.field) && (value === null || (typeof value === 'string' && value.trim() === ''))) {
        problems.push({ field: data.field, message: `${data.field}: Enter a value` });
      }
      if (EMAIL_FIELDS.has(data.field) && typeof value === 'string' && value !== '' && !EMAIL.test(value)) {
        problems.push({ field: data.field, message: `${data.field}: Enter a valid email address` });
      }
      fields.set(data.field, value);
    }
    for (const reference of element.references) {
      references.push({
        field: reference.field,
        table: reference.resource,
        uuids: referenceUuidsOf(reference),
        tuid: reference.tuid,
        multiple: (reference.uuid ?? '').trim().startsWith('['),
        inline: reference.inline === null ? null : parseItem(reference.inline, now),
      });
    }
  }

  const components = element.components.filter((c) => !SUPER_ENTITIES.has(c.name)).map((c) => parseItem(c, now));
  if (problems.length === 0 && components.some((component) => component.parseError !== null)) {
    problems.push({ field: null, message: 'Validation error' });
  }
  const first = problems[0];
  return {
    table,
    uuid,
    tuid: attrs['tuid'] ?? null,
    deleted,
    replacedBy: deleted && attrs['replaced_by'] !== undefined && attrs['replaced_by'] !== '' ? attrs['replaced_by'] : null,
    mci: Number.isNaN(mciNumber) ? 2 : mciNumber,
    mtime,
    fields,
    meta,
    references,
    components,
    alias: attrs['alias'] ?? null,
    parseError: first === undefined ? null : { uuid, table, field: first.field, message: first.message },
  };
}
