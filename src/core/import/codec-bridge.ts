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

/** Parses a stored naive UTC time to epoch ms; null for null or garbage. */
export function parseStoredTime(text: string | null): number | null {
  return text === null ? null : parseEdenDateTime(text);
}
