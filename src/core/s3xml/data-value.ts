import type { JsonValue } from '../model/json.js';
import type { S3XmlData } from './types.js';

/**
 * The raw value of a `<data>` element by the reader rule of spec 3.3: with a `value` attribute, that
 * attribute JSON-decoded, or the attribute itself when it is not JSON (Eden tolerates this); the
 * text is then ignored (it is a display string). Without `value`, the text; an empty element is "".
 * Field-type rules (`value=""` meaning null on non-text fields, JSON in text) belong to the importer.
 */
export function dataValue(data: S3XmlData): JsonValue {
  if (data.value === null) return data.text ?? '';
  try {
    return JSON.parse(data.value) as JsonValue;
  } catch {
    return data.value;
  }
}
