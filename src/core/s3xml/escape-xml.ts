import { S3XmlError } from './s3xml-error.js';
import { codePointName } from './xml-chars.js';

/** What the encoder does with characters XML 1.0 cannot carry (controls, U+FFFE/F, lone surrogates). */
export type InvalidCharPolicy = 'reject' | 'replace';

const TEXT_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes element text: `& < >` as entities, CR as `&#13;` (a raw CR would be normalised away). */
export function escapeXmlText(value: string, policy: InvalidCharPolicy): string {
  return TEXT_SPECIAL.test(value) ? escapeSlow(value, false, policy) : value;
}

/**
 * Escapes an attribute value for double quotes: `& < > "` as entities, TAB/LF/CR as character
 * references (raw ones would become spaces under XML attribute-value normalisation).
 */
export function escapeXmlAttribute(value: string, policy: InvalidCharPolicy): string {
  return ATTRIBUTE_SPECIAL.test(value) ? escapeSlow(value, true, policy) : value;
}

function escapeSlow(value: string, attribute: boolean, policy: InvalidCharPolicy): string {
  let out = '';
  let done = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    let replacement: string | null = null;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x0d) replacement = '&#13;';
    else if (attribute && c === 0x22) replacement = '&quot;';
    else if (attribute && c === 0x0a) replacement = '&#10;';
    else if (attribute && c === 0x09) replacement = '&#9;';
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) i += 1;
    else if (c < 0x20 ? c !== 0x09 && c !== 0x0a : (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      if (policy === 'reject') throw new S3XmlError('invalid-char', `${codePointName(c)} cannot be written in XML 1.0`);
      replacement = '\uFFFD';
    }
    if (replacement !== null) {
      out += value.slice(done, i) + replacement;
      done = i + 1;
    }
  }
  return out + value.slice(done);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
