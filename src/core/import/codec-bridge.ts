import { dataValue, referenceUuids } from '../s3xml/index.js';
import { formatEdenDateTime, parseEdenDateTime } from '../time/index.js';

/**
 * The codec readers the importer uses, under the importer's names, in one place: raw `<data>` value
 * (spec 3.3), reference uuids (spec 3.4), incoming datetimes (spec 3.9; date alone = 08:00 UTC,
 * fractions kept to the ms) and Eden's naive UTC format (fraction cut).
 */
export const valueOfData = dataValue;
export const referenceUuidsOf = referenceUuids;
export const parseIncomingTime = parseEdenDateTime;
export const formatTime = formatEdenDateTime;

/** Eden's own naive UTC form, which `formatTime` gives back unchanged once it parses. */
const NAIVE_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * `formatTime(ms)` of a time parsed from `text`: `text` itself when it already is in Eden's naive
 * form (the usual case; a parsed `YYYY-MM-DDTHH:MM:SS` formats back to the same string), else
 * formatted. Saves a `Date` round trip per datetime attribute.
 */
export function formatParsedTime(text: string, ms: number): string {
  return NAIVE_UTC.test(text) ? text : formatEdenDateTime(ms);
}

/** The last stored time parsed: the planner parses one record's `modified_on` several times in a row. */
let lastStored: { text: string; ms: number | null } = { text: '', ms: null };

/** Parses a stored naive UTC time to epoch ms; null for null or garbage. */
export function parseStoredTime(text: string | null): number | null {
  if (text === null) return null;
  if (text !== lastStored.text) lastStored = { text, ms: parseEdenDateTime(text) };
  return lastStored.ms;
}
