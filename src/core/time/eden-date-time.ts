/**
 * Eden datetime helpers (spec 2.4, 3.3, 3.9). Pure: no clock. Times are milliseconds since the Unix
 * epoch, UTC. Eden writes naive UTC `YYYY-MM-DDTHH:MM:SS`; its importer (dateutil) accepts much more.
 */

const ACCEPTED =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MSINCE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const MS_PER_DAY = 86_400_000;
/** Eden gives a date-only datetime the time 08:00 UTC (`s3_decode_iso_datetime`, spec 3.3). */
const DATE_ONLY_HOUR = 8;

/**
 * Parses what Eden's importer commonly receives: `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]]`
 * (surrounding blanks ignored). No zone means UTC, an offset is converted to UTC, a date alone
 * means 08:00 UTC. The fraction is kept to the millisecond (finding 18 of the import matrix: it
 * takes part in NEWER comparisons although Eden stores whole seconds). Returns null for garbage
 * or impossible dates (`2024-02-30`, `25:00`), never rolls over.
 */
export function parseEdenDateTime(text: string): number | null {
  const match = ACCEPTED.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = hour === undefined ? DATE_ONLY_HOUR : Number(hour);
  const mi = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const offset = zone === undefined ? 0 : offsetMinutes(zone);
  if (offset === null) return null;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offset) * 60 + s) * 1000 + millis;
}

/**
 * Formats epoch ms as Eden's naive UTC `YYYY-MM-DDTHH:MM:SS`: no zone, fraction cut (not rounded).
 * The only form Eden accepts for `msince` (spec 2.4).
 * @throws RangeError for a non-finite time or a year outside 1..9999.
 */
export function formatEdenDateTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  if (!/^\d{4}-/.test(iso) || iso.startsWith('0000')) throw new RangeError(`year out of range: ${iso}`);
  return iso.slice(0, 19);
}

/** Any accepted datetime (see `parseEdenDateTime`) as naive UTC `YYYY-MM-DDTHH:MM:SS`, fraction cut; null for garbage. */
export function toNaiveUtcSeconds(text: string): string | null {
  const ms = parseEdenDateTime(text);
  return ms === null ? null : formatEdenDateTime(ms);
}

/** True for exactly `YYYY-MM-DDTHH:MM:SS` naming a real time: what Eden's `msince` parser accepts (spec 8.13). */
export function isEdenMsince(text: string): boolean {
  return MSINCE.test(text) && parseEdenDateTime(text) !== null;
}

/** `Z`, `±HH`, `±HHMM` or `±HH:MM` as minutes east of UTC; null when out of range. */
function offsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
