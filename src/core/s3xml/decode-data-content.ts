import { decodeXmlEntities } from './decode-xml-entities.js';

/**
 * The text of a `<data>` element from its raw content (a fast-xml-parser stop node, already
 * checked by `assertWellFormedS3Xml`). Entities are decoded, CDATA sections are kept verbatim,
 * comments and processing instructions are dropped, and the text inside unknown child elements is
 * ignored (only text directly inside `<data>` counts). Returns null when there is no text.
 */
export function decodeDataContent(raw: string): string | null {
  if (raw.length === 0) return null;
  if (raw.indexOf('<') === -1) return decodeXmlEntities(raw);
  let text = '';
  let depth = 0;
  let pos = 0;
  while (pos < raw.length) {
    const lt = raw.indexOf('<', pos);
    const end = lt === -1 ? raw.length : lt;
    const piece = decodeXmlEntities(raw.slice(pos, end));
    if (depth === 0) text += piece;
    if (lt === -1) break;
    if (raw.startsWith('<![CDATA[', lt)) {
      const close = after(raw, lt + 9, ']]>');
      if (depth === 0) text += raw.slice(lt + 9, close - 3);
      pos = close;
    } else if (raw.startsWith('<!--', lt)) {
      pos = after(raw, lt + 4, '-->');
    } else if (raw.startsWith('<?', lt)) {
      pos = after(raw, lt + 2, '?>');
    } else {
      const close = tagEnd(raw, lt);
      if (raw.charCodeAt(lt + 1) === 0x2f) depth -= 1;
      else if (raw.charCodeAt(close - 1) !== 0x2f) depth += 1;
      pos = close + 1;
    }
  }
  return text.length === 0 ? null : text;
}

/** Position after the next `close` (the input was checked, so it exists; else the end). */
function after(raw: string, from: number, close: string): number {
  const at = raw.indexOf(close, from);
  return at === -1 ? raw.length + close.length : at + close.length;
}

/** Index of the `>` that ends the tag starting at `lt`, skipping quoted attribute values. */
function tagEnd(raw: string, lt: number): number {
  for (let i = lt + 1; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x22 || c === 0x27) {
      i = raw.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i === -1) break;
    }
  }
  return raw.length;
}
