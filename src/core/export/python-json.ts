import type { JsonValue } from '../model/json.js';

/**
 * JSON text as Python's `json.dumps` writes it with its default separators (`", "`, `": "`),
 * the form Eden puts in `value` attributes (spec 3.3: `["a", "b"]`). Non-ASCII characters are
 * kept as they are (not `\uXXXX`-escaped): the document is UTF-8 and any JSON reader accepts both.
 */
export function toPythonJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => toPythonJson(item)).join(', ')}]`;
  const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${toPythonJson(item)}`);
  return `{${members.join(', ')}}`;
}
