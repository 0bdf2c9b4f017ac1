import { S3XmlError, excerptOf } from './s3xml-error.js';
import { codePointName, isXmlCodePoint } from './xml-chars.js';

/** One reference: the five predefined entities, decimal or hexadecimal character references. */
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/y;

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Replaces the predefined entities and character references in raw XML text or attribute content.
 * Any other `&` (an undeclared entity such as `&nbsp;`, a bare ampersand) throws `S3XmlError`
 * with code `entity`; a reference to a character XML 1.0 forbids throws `invalid-char`.
 * Nothing is ever expanded recursively: the result is not scanned again.
 */
export function decodeXmlEntities(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let done = 0;
  while (amp !== -1) {
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(raw);
    if (match === null) {
      const end = raw.indexOf(';', amp);
      const shown = end !== -1 && end - amp < 20 ? raw.slice(amp, end + 1) : raw.slice(amp, amp + 12);
      throw new S3XmlError('entity', `unknown or malformed reference ${excerptOf(shown)}`);
    }
    out += raw.slice(done, amp) + replacementOf(match);
    done = REFERENCE.lastIndex;
    amp = raw.indexOf('&', done);
  }
  return out + raw.slice(done);
}

function replacementOf(match: RegExpExecArray): string {
  const name = match[1];
  if (name !== undefined) return PREDEFINED[name] ?? '';
  const cp = match[2] !== undefined ? Number.parseInt(match[2], 10) : Number.parseInt(match[3] ?? '', 16);
  if (!isXmlCodePoint(cp)) {
    throw new S3XmlError('invalid-char', `character reference ${excerptOf(match[0])} names ${codePointName(cp)}`);
  }
  return String.fromCodePoint(cp);
}
