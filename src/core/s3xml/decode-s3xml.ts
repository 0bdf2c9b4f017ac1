import { assertWellFormedS3Xml } from './assert-well-formed-s3xml.js';
import { parseOrderedXml } from './parse-ordered-xml.js';
import { S3XmlError, s3XmlErrorAt } from './s3xml-error.js';
import { treeToDocument } from './tree-to-document.js';
import type { S3XmlDocument } from './types.js';
import { codePointName, indexOfInvalidXmlChar } from './xml-chars.js';

/** `<!DOCTYPE` or `<!ENTITY` anywhere (in any case): refused before any parsing. */
const DTD_MARKUP = /<!(DOCTYPE|ENTITY)/i;
const BLANK = /^[ \t\r\n]*$/;

/**
 * Decodes an S3XML document (spec section 3) into the raw string model of `types.ts`.
 * Refuses, with `S3XmlError`: empty input (`empty`), any DOCTYPE (`doctype`) or ENTITY declaration
 * (`entity`) before parsing, so no entity is ever expanded; characters XML 1.0 forbids
 * (`invalid-char`); unknown entity references (`entity`); a document that was cut off
 * (`truncated`) or is otherwise not well-formed (`malformed`); a root other than `<s3xml>`
 * (`not-s3xml`, stricter than Eden, which ignores the root tag: import-matrix finding 2).
 * Unknown elements are ignored, duplicate uuids are kept. A leading byte order mark is skipped.
 */
export function decodeS3Xml(text: string): S3XmlDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (BLANK.test(body)) throw new S3XmlError('empty', '');
  const dtd = DTD_MARKUP.exec(body);
  if (dtd !== null) {
    const code = dtd[1]?.toUpperCase() === 'DOCTYPE' ? 'doctype' : 'entity';
    throw s3XmlErrorAt(code, 'DTD markup is not accepted', body, dtd.index);
  }
  const bad = indexOfInvalidXmlChar(body);
  if (bad !== -1) throw s3XmlErrorAt('invalid-char', codePointName(body.charCodeAt(bad)), body, bad);
  assertWellFormedS3Xml(body);
  return treeToDocument(parseOrderedXml(body));
}
