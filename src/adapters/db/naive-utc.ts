/** Formats epoch milliseconds as Eden's naive UTC `YYYY-MM-DDTHH:MM:SS` (spec 3.9), no zone, no fraction. */
export function formatNaiveUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}
