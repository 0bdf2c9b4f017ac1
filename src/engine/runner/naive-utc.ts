/** Epoch ms as Eden's naive UTC `YYYY-MM-DDTHH:MM:SS` (spec 3.9). */
export function formatNaiveUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/**
 * A checkpoint one second after `mtime` (spec 1.10: the export filter is `modified_on >= msince`);
 * null when `mtime` is not a naive UTC date-time.
 */
export function checkpointAfter(mtime: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(mtime);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? null : formatNaiveUtc(ms + 1_000);
}
