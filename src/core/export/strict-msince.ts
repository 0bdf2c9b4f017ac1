const EDEN_MSINCE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * The `msince` an export applies: only the strict form `YYYY-MM-DDTHH:MM:SS` (naive UTC) counts;
 * anything else (`Z`, an offset, a fraction, garbage) is null, which means a full export, as
 * Eden silently does (spec 2.4, 8.13, cap 05-pull-msince/04-07).
 */
export function strictMsince(msince: string | null | undefined): string | null {
  if (msince === null || msince === undefined || !EDEN_MSINCE.test(msince)) return null;
  const [date, time] = msince.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return valid ? msince : null;
}
