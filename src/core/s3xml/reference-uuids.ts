import type { S3XmlReference } from './types.js';

/**
 * The uuids a `<reference>` points to (spec 3.4): for `list:reference` the `uuid` attribute is a
 * JSON array (`["urn:uuid:a", "urn:uuid:b"]`), otherwise it is one uuid. No or an empty `uuid` gives
 * []; non-string array members are dropped. A `uuid` starting with `[` that is not JSON is taken as
 * one uuid. Eden's `uuid="None"` (table without uuid field) is returned as is.
 */
export function referenceUuids(reference: S3XmlReference): string[] {
  const raw = reference.uuid;
  if (raw === null || raw === '') return [];
  if (raw.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
    } catch {
      return [raw];
    }
  }
  return [raw];
}
