import { isEdenMsince } from '../../core/time/eden-date-time.js';

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06',
  Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};

/**
 * The naive UTC `YYYY-MM-DDTHH:MM:SS` of an HTTP `Date` header in IMF-fixdate form
 * (`Sun, 29 Nov 2026 22:05:53 GMT`, RFC 9110 5.6.7), or null for anything else, including an
 * impossible date (checked by core's `isEdenMsince`, the same rule as for msince).
 */
export function parseHttpDate(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/.exec(value.trim());
  if (!m) return null;
  const month = MONTHS[m[2] ?? ''];
  if (!month) return null;
  const naive = `${m[3]}-${month}-${m[1]}T${m[4]}`;
  return isEdenMsince(naive) ? naive : null;
}
