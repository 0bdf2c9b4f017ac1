/** Why an S3XML document was refused (decode) or could not be written (encode). */
export type S3XmlErrorCode =
  | 'empty'
  | 'doctype'
  | 'entity'
  | 'invalid-char'
  | 'malformed'
  | 'truncated'
  | 'not-s3xml'
  | 'invalid-name';

/** Human messages, one per code; the error adds a short detail (never the whole input). */
const MESSAGES: Readonly<Record<S3XmlErrorCode, string>> = {
  empty: 'The S3XML document is empty',
  doctype: 'The document contains a DOCTYPE declaration, which is refused (no DTDs, no entity expansion)',
  entity: 'The document uses an entity that is not one of the predefined XML entities',
  'invalid-char': 'The document contains a character that XML 1.0 does not allow',
  malformed: 'The document is not well-formed XML',
  truncated: 'The document ends unexpectedly (truncated)',
  'not-s3xml': 'The document is not S3XML (the root element must be <s3xml>)',
  'invalid-name': 'The model contains a name that is not a valid XML name',
};

/** Longest excerpt of the input quoted in a message. */
const EXCERPT_LENGTH = 40;

/** A refused or unwritable S3XML document; `code` is stable, `message` is for humans. */
export class S3XmlError extends Error {
  override readonly name = 'S3XmlError';
  readonly code: S3XmlErrorCode;
  /** The specific reason, already part of `message`. */
  readonly detail: string;

  constructor(code: S3XmlErrorCode, detail: string) {
    super(detail === '' ? MESSAGES[code] : `${MESSAGES[code]}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

/** Builds an S3XmlError whose detail names the line, column and a short excerpt at `index` of `text`. */
export function s3XmlErrorAt(code: S3XmlErrorCode, reason: string, text: string, index: number): S3XmlError {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < index; nl = text.indexOf('\n', nl + 1)) {
    line += 1;
    lineStart = nl + 1;
  }
  const excerpt = text.slice(index, index + EXCERPT_LENGTH);
  const more = index + EXCERPT_LENGTH < text.length ? '...' : '';
  const at = index >= text.length ? 'end of input' : `${JSON.stringify(excerpt)}${more}`;
  return new S3XmlError(code, `${reason} at line ${line}, column ${index - lineStart + 1} (${at})`);
}

/** Shortens any text quoted in a message. */
export function excerptOf(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${JSON.stringify(text.slice(0, EXCERPT_LENGTH))}...` : JSON.stringify(text);
}
