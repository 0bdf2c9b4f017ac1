const NONE = new Set(['NONE', 'None']);

/** Eden's `uquote`: strips surrounding double quotes, keeping backslash-escaped ones as `"`. */
function unquote(word: string): string {
  return word
    .split('\\"')
    .join('\\"\\')
    .replace(/^"+|"+$/g, '')
    .split('\\"\\')
    .join('"');
}

/**
 * Splits a URL filter value as `S3URLQuery.parse_value` does (spec 2.4): a comma-separated list
 * where double quotes protect commas and `\"` escapes a quote; an unquoted `NONE` or `None` item
 * is null. Always returns at least one item.
 */
export function parseFilterValue(value: string): (string | null)[] {
  const items: (string | null)[] = [];
  let word = '';
  let quoted = false;
  let escaped = false;
  const push = (): void => {
    items.push(NONE.has(word) ? null : unquote(word));
    word = '';
  };
  for (const char of value) {
    if (char === '"' && !escaped) {
      word += char;
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      push();
    } else {
      word += char;
    }
    escaped = char === '\\';
  }
  push();
  return items;
}
