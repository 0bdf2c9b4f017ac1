/**
 * XML 1.0 character rules (Char production, XML 1.0 section 2.2): tab, LF, CR, U+0020-U+D7FF,
 * U+E000-U+FFFD and U+10000-U+10FFFF. Everything else (C0 controls, U+FFFE, U+FFFF, lone surrogates)
 * may appear neither raw nor as a character reference.
 */
const INVALID_BMP_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/** True when the code point is allowed in an XML 1.0 document. */
export function isXmlCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Index of the first control character, U+FFFE or U+FFFF in `text`, or -1. Lone surrogates are not
 * looked for: text decoded from UTF-8 bytes cannot contain them.
 */
export function indexOfInvalidXmlChar(text: string): number {
  const match = INVALID_BMP_CHAR.exec(text);
  return match === null ? -1 : match.index;
}

/** `U+000B` style name of a code point, for messages. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
