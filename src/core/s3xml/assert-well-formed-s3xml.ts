import { MAX_DEPTH } from './parser-options.js';
import { type S3XmlError, s3XmlErrorAt } from './s3xml-error.js';

const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][-\\w.:\\u00B7\\u00C0-\\uFFFF]*';
/** A complete start tag or empty-element tag; group 1 = name, group 2 = "/" when empty. */
const START_TAG = new RegExp(`<(${NAME})(?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*\\s*(/?)>`, 'y');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const XML_DECLARATION = /<\?xml[\s?]/y;
const BLANK = /^[ \t\r\n]*$/;
const ROOT = 's3xml';

/**
 * Checks the markup structure of a whole document in one cheap pass (indexOf and sticky regexes,
 * no allocation per text node): every start tag is complete and syntactically valid, end tags
 * match, comments / CDATA / processing instructions are closed, the XML declaration comes first,
 * there is exactly one root element, it is `<s3xml>`, and nothing but blanks, comments and PIs lies
 * outside it. This is what makes truncated documents fail: fast-xml-parser alone would silently
 * close open elements. Entity references and characters are checked elsewhere.
 * @throws S3XmlError `truncated`, `malformed` or `not-s3xml`.
 */
export function assertWellFormedS3Xml(text: string): void {
  const open: string[] = [];
  let rootSeen = false;
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    const outside = open.length === 0;
    if (outside && !BLANK.test(text.slice(pos, lt === -1 ? text.length : lt))) {
      const where = rootSeen ? 'text after the root element' : 'text before the root element';
      throw s3XmlErrorAt('malformed', where, text, firstNonBlank(text, pos));
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      XML_DECLARATION.lastIndex = lt;
      if (lt !== 0 && XML_DECLARATION.test(text)) {
        throw s3XmlErrorAt('malformed', 'XML declaration not at the start of the document', text, lt);
      }
      pos = closeOf(text, lt, '?>', 'processing instruction');
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        pos = closeOf(text, lt + 4, '-->', 'comment');
      } else if (text.startsWith('<![CDATA[', lt) && !outside) {
        pos = closeOf(text, lt + 9, ']]>', 'CDATA section');
      } else {
        throw s3XmlErrorAt('malformed', 'unexpected markup declaration', text, lt);
      }
    } else if (next === 0x2f /* / */) {
      END_TAG.lastIndex = lt;
      const match = END_TAG.exec(text);
      if (match === null) throw badTag(text, lt, 'invalid end tag');
      const expected = open.pop();
      if (expected !== match[1]) {
        const reason = expected === undefined ? 'end tag without start tag' : `end tag does not match <${expected}>`;
        throw s3XmlErrorAt('malformed', reason, text, lt);
      }
      pos = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = lt;
      const match = START_TAG.exec(text);
      if (match === null) throw badTag(text, lt, 'invalid start tag');
      const name = match[1] ?? '';
      if (outside) {
        if (rootSeen) throw s3XmlErrorAt('malformed', 'a second root element', text, lt);
        if (name !== ROOT) throw s3XmlErrorAt('not-s3xml', `root element is <${name}>`, text, lt);
        rootSeen = true;
      }
      if (match[2] !== '/') {
        if (open.length >= MAX_DEPTH) throw s3XmlErrorAt('malformed', `nesting deeper than ${MAX_DEPTH}`, text, lt);
        open.push(name);
      }
      pos = START_TAG.lastIndex;
    }
  }
  if (open.length > 0) {
    throw s3XmlErrorAt('truncated', `<${open[open.length - 1] ?? ''}> is not closed`, text, text.length);
  }
  if (!rootSeen) throw s3XmlErrorAt('truncated', 'no root element', text, text.length);
}

/** Position after `close`, searched from `from`; a missing close means the input was cut. */
function closeOf(text: string, from: number, close: string, what: string): number {
  const end = text.indexOf(close, from);
  if (end === -1) throw s3XmlErrorAt('truncated', `unterminated ${what}`, text, text.length);
  return end + close.length;
}

/** A tag that does not parse: cut off when no `>` follows, otherwise malformed. */
function badTag(text: string, lt: number, reason: string): S3XmlError {
  if (text.indexOf('>', lt) === -1) return s3XmlErrorAt('truncated', 'unterminated tag', text, text.length);
  return s3XmlErrorAt('malformed', reason, text, lt);
}

function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i += 1;
  return i;
}
