import type { X2jOptions } from 'fast-xml-parser';
import { decodeXmlEntities } from './decode-xml-entities.js';
import { S3XmlError } from './s3xml-error.js';

/** Deepest element nesting accepted (S3XML needs about 2 + 2 per inline reference level). */
export const MAX_DEPTH = 100;

/** Tag names fast-xml-parser refuses as object keys; renamed, since only s3xml names matter. */
const RESERVED_TAGS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Entity decoding handed to fast-xml-parser: only the five predefined entities and character
 * references (`decodeXmlEntities`); declared entities are impossible because DOCTYPEs are refused
 * before parsing, and are refused again here should one ever get through.
 */
const STRICT_ENTITY_DECODER = {
  setExternalEntities: (): void => undefined,
  addInputEntities: (entities: Record<string, string>): void => {
    if (Object.keys(entities).length > 0) throw new S3XmlError('doctype', 'declared entities are not supported');
  },
  reset: (): void => undefined,
  setXmlVersion: (): void => undefined,
  decode: decodeXmlEntities,
};

/**
 * The one place where fast-xml-parser is configured. Ordered output (`preserveOrder`) keeps every
 * element as a list entry, attributes stay raw strings under the `@_` prefix (so that names such as
 * `toString` survive), text is neither trimmed nor coerced, and `<data>` is a stop node: its content
 * arrives raw in one piece (fast for huge values) and is decoded by `decodeDataContent`.
 */
export const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  allowBooleanAttributes: false,
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  alwaysCreateTextNode: false,
  processEntities: true,
  htmlEntities: false,
  entityDecoder: STRICT_ENTITY_DECODER,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
  unpairedTags: [],
  stopNodes: ['*.data'],
  maxNestedTags: MAX_DEPTH,
  captureMetaData: false,
  jPath: false,
  transformTagName: (name: string): string => (RESERVED_TAGS.has(name) ? `_${name}` : name),
} satisfies X2jOptions;

/** Prefix fast-xml-parser puts before attribute names (see `PARSER_OPTIONS`). */
export const ATTRIBUTE_PREFIX = PARSER_OPTIONS.attributeNamePrefix;

/** Key of text nodes in the ordered output. */
export const TEXT_KEY = '#text';

/** Key of the attribute map in the ordered output. */
export const ATTRIBUTES_KEY = ':@';
