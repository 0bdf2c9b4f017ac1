import type { ExportEntry } from './build-export-document.js';

/**
 * The largest `modified_on` over exported masters and their components (spec 5.5: the `muntil`
 * Eden meant to set), or null when none has one. Naive UTC strings compare as times.
 */
export function latestModifiedOn(entries: readonly ExportEntry[]): string | null {
  let latest: string | null = null;
  for (const entry of entries) {
    for (const record of [entry.record, ...entry.components]) {
      const mtime = record.modified_on;
      if (mtime !== null && (latest === null || mtime > latest)) latest = mtime;
    }
  }
  return latest;
}
