import { decodeDataContent } from './decode-data-content.js';
import type { OrderedNode } from './parse-ordered-xml.js';
import { ATTRIBUTE_PREFIX, ATTRIBUTES_KEY, TEXT_KEY } from './parser-options.js';
import { S3XmlError } from './s3xml-error.js';
import type { S3XmlData, S3XmlDocument, S3XmlReference, S3XmlResource } from './types.js';

type Attributes = Record<string, string>;
type Nodes = readonly OrderedNode[];

const NO_NODES: Nodes = [];
const PREFIX_LENGTH = ATTRIBUTE_PREFIX.length;

/**
 * Builds the S3XML model from fast-xml-parser's ordered output. Elements other than `<resource>`,
 * `<data>` and `<reference>` in their S3XML places are ignored, as are blank text between elements.
 */
export function treeToDocument(top: Nodes): S3XmlDocument {
  for (const node of top) {
    if (tagOf(node) === 's3xml') {
      const resources: S3XmlResource[] = [];
      for (const child of childrenOf(node, 's3xml')) {
        if (tagOf(child) === 'resource') resources.push(toResource(child));
      }
      return { attributes: attributesOf(node, null), resources };
    }
  }
  throw new S3XmlError('not-s3xml', 'no <s3xml> root element');
}

function toResource(node: OrderedNode): S3XmlResource {
  const data: S3XmlData[] = [];
  const references: S3XmlReference[] = [];
  const components: S3XmlResource[] = [];
  for (const child of childrenOf(node, 'resource')) {
    const tag = tagOf(child);
    if (tag === 'data') data.push(toData(child));
    else if (tag === 'reference') references.push(toReference(child));
    else if (tag === 'resource') components.push(toResource(child));
  }
  const attributes = attributesOf(node, 'name');
  return { name: rawAttribute(node, 'name') ?? '', attributes, data, references, components };
}

function toData(node: OrderedNode): S3XmlData {
  const content = childrenOf(node, 'data')[0]?.[TEXT_KEY];
  return {
    field: rawAttribute(node, 'field') ?? '',
    value: rawAttribute(node, 'value'),
    text: typeof content === 'string' ? decodeDataContent(content) : null,
    attributes: attributesOf(node, 'field', 'value'),
  };
}

function toReference(node: OrderedNode): S3XmlReference {
  let text = '';
  let inline: S3XmlResource | null = null;
  for (const child of childrenOf(node, 'reference')) {
    const piece = child[TEXT_KEY];
    if (typeof piece === 'string') text += piece;
    else if (inline === null && tagOf(child) === 'resource') inline = toResource(child);
  }
  return {
    field: rawAttribute(node, 'field') ?? '',
    resource: rawAttribute(node, 'resource'),
    uuid: rawAttribute(node, 'uuid'),
    tuid: rawAttribute(node, 'tuid'),
    text: text.length === 0 ? null : text,
    attributes: attributesOf(node, 'field', 'resource', 'uuid', 'tuid'),
    inline,
  };
}

/** The element name of an ordered node, or null for text. */
function tagOf(node: OrderedNode): string | null {
  for (const key in node) {
    if (key !== ATTRIBUTES_KEY) return key === TEXT_KEY ? null : key;
  }
  return null;
}

function childrenOf(node: OrderedNode, tag: string): Nodes {
  const children = node[tag];
  return Array.isArray(children) ? (children as Nodes) : NO_NODES;
}

function rawAttribute(node: OrderedNode, name: string): string | null {
  const value = rawAttributes(node)?.[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? value : null;
}

function rawAttributes(node: OrderedNode): Readonly<Record<string, unknown>> | undefined {
  const attributes = node[ATTRIBUTES_KEY];
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : undefined;
}

/** Attributes in document order without the prefix, leaving out the names modelled separately. */
function attributesOf(node: OrderedNode, ...skip: readonly (string | null)[]): Attributes {
  const out: Attributes = {};
  const raw = rawAttributes(node);
  if (raw === undefined) return out;
  for (const key in raw) {
    const name = key.slice(PREFIX_LENGTH);
    const value = raw[key];
    if (typeof value !== 'string' || skip.includes(name)) continue;
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}
