/** Statistics and the printed table of the bench (no timing is ever asserted). */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Half the min-max range as a percentage of the median ("±x%"); "n=1" for a single sample. */
export function spread(values: readonly number[]): string {
  if (values.length < 2) return 'n=1';
  const m = median(values);
  const half = (Math.max(...values) - Math.min(...values)) / 2;
  return `±${m === 0 ? 0 : Math.round((half / m) * 100)}%`;
}

export type Target = { readonly max: number; readonly label: string };

/** One line of the table. `value` is a time in ms unless `unit` says otherwise. */
export type Row = {
  readonly env: 'chromium' | 'node';
  readonly name: string;
  readonly samples: readonly number[];
  readonly unit: 'ms' | 'MB';
  /** e.g. "52,000 org/s". */
  readonly rate?: string;
  /** The ratio this row is judged by and what it is relative to. */
  readonly ratio?: { readonly value: number; readonly of: string };
  readonly target?: Target;
  readonly note?: string;
};

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function formatValue(row: Row): string {
  const m = median(row.samples);
  if (row.unit === 'MB') return `${formatNumber(m, 1)} MB`;
  return m >= 10_000 ? `${formatNumber(m / 1000, 1)} s` : `${formatNumber(m, m < 10 ? 2 : 0)} ms`;
}

export function verdict(row: Row): string {
  if (row.target === undefined || row.ratio === undefined) return '';
  if (!Number.isFinite(row.ratio.value)) return 'n/a';
  return row.ratio.value <= row.target.max ? 'PASS' : 'MISS';
}

const HEADERS = ['env', 'measurement', 'median', 'spread', 'reps', 'rate', 'ratio', 'of', 'target', 'result'];

/** The rows as cells (shared by the console table and the Markdown file). */
export function cells(rows: readonly Row[]): string[][] {
  return rows.map((row) => [
    row.env,
    row.name,
    formatValue(row),
    spread(row.samples),
    String(row.samples.length),
    row.rate ?? '',
    row.ratio === undefined ? '' : `${formatNumber(row.ratio.value, 2)}x`,
    row.ratio?.of ?? '',
    row.target?.label ?? '',
    verdict(row),
  ]);
}

/** A fixed-width table for the console. */
export function consoleTable(rows: readonly Row[]): string {
  const body = cells(rows);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

/** The same table in Markdown. */
export function markdownTable(rows: readonly Row[]): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  return [`| ${HEADERS.join(' | ')} |`, `| ${HEADERS.map(() => '---').join(' | ')} |`, ...cells(rows).map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
