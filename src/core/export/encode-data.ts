import type { JsonValue } from '../model/json.js';
import type { S3XmlData } from '../s3xml/types.js';
import { toPythonJson } from './python-json.js';

function representationOf(value: JsonValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return toPythonJson(value);
}

/**
 * The `<data>` element of one field (spec 3.3), or null for a null value (never exported).
 * A string is written as text without `value` (the form of a string field without represent
 * function; every reader then takes the text as is). Any other value gets `value` with its JSON
 * (Python spacing) and a plain text representation, which readers ignore when `value` is present.
 * Non-finite numbers cannot be JSON and are left out, as null.
 */
export function encodeData(field: string, value: JsonValue | undefined): S3XmlData | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'string') return { field, value: null, text: value, attributes: {} };
  return { field, value: toPythonJson(value), text: representationOf(value), attributes: {} };
}
