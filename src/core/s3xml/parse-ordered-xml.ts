import { XMLParser } from 'fast-xml-parser';
import { PARSER_OPTIONS } from './parser-options.js';
import { S3XmlError } from './s3xml-error.js';

/**
 * One entry of fast-xml-parser's ordered output: an element `{ [tag]: OrderedNode[], ':@'?: attrs }`
 * or a text node `{ '#text': string }`. Narrowed by `tree-to-document.ts`.
 */
export type OrderedNode = Readonly<Record<string, unknown>>;

const parser = new XMLParser(PARSER_OPTIONS);

/** Longest parser message repeated in an S3XmlError (fast-xml-parser may quote input). */
const MAX_PARSER_MESSAGE = 160;

/**
 * Runs fast-xml-parser with the pinned options. Call only on text that `assertWellFormedS3Xml`
 * accepted: the parser itself is lenient (it auto-closes unclosed tags). Parser failures become
 * `S3XmlError` (`malformed`), errors raised by our entity decoder pass through unchanged.
 */
export function parseOrderedXml(text: string): readonly OrderedNode[] {
  let result: unknown;
  try {
    result = parser.parse(text);
  } catch (error) {
    if (error instanceof S3XmlError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new S3XmlError('malformed', message.slice(0, MAX_PARSER_MESSAGE));
  }
  if (!Array.isArray(result)) throw new S3XmlError('malformed', 'the XML parser returned no element');
  return result as readonly OrderedNode[];
}
