import { type InvalidCharPolicy, escapeXmlAttribute, escapeXmlText } from './escape-xml.js';
import { S3XmlError } from './s3xml-error.js';
import type { S3XmlData, S3XmlDocument, S3XmlReference, S3XmlResource } from './types.js';

/** Options of `encodeS3Xml`. */
export type EncodeS3XmlOptions = {
  /** Indent elements (two spaces per level); text inside `<data>`/`<reference>` is never touched. */
  readonly pretty?: boolean;
  /**
   * Characters XML 1.0 cannot carry (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF, lone
   * surrogates): `reject` (default) throws `S3XmlError` `invalid-char` naming the resource,
   * `replace` writes U+FFFD instead. They are never written raw nor as character references.
   */
  readonly invalidChars?: InvalidCharPolicy;
};

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
const XML_NAME = /^[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7\u00C0-\uFFFF]*$/;

/**
 * Writes an S3XML document as Eden accepts it (spec 3.1-3.5, compare 08-push request bodies):
 * the XML declaration, then the tree on one line (or indented). Inside `<resource>`: `name` first,
 * then the other attributes in model order, then `<data>`, `<reference>` and nested components.
 * `<data>`: `field`, `value` (if not null), other attributes; `<reference>`: `field`, `resource`,
 * `uuid`, `tuid`, other attributes, then its text and its inline resource.
 * Decoding the output gives back a deep-equal model (for models produced by `decodeS3Xml`).
 * @throws S3XmlError `invalid-char` or `invalid-name` (an attribute name that is not an XML name).
 */
export function encodeS3Xml(doc: S3XmlDocument, options: EncodeS3XmlOptions = {}): string {
  const writer = new Writer(options.invalidChars ?? 'reject', options.pretty === true);
  return DECLARATION + writer.document(doc);
}

class Writer {
  private readonly knownNames = new Set<string>();

  constructor(
    private readonly policy: InvalidCharPolicy,
    private readonly pretty: boolean,
  ) {}

  document(doc: S3XmlDocument): string {
    let head = '<s3xml' + this.attributes(doc.attributes);
    if (doc.resources.length === 0) return head + '/>';
    head += '>';
    for (const resource of doc.resources) head += this.resource(resource, 1);
    return head + this.newline(0) + '</s3xml>';
  }

  private resource(resource: S3XmlResource, depth: number): string {
    try {
      return this.resourceUnchecked(resource, depth);
    } catch (error) {
      if (!(error instanceof S3XmlError) || error.detail.includes(' in <resource')) throw error;
      const uuid = resource.attributes['uuid'];
      const where = `<resource name=${JSON.stringify(resource.name)}${uuid === undefined ? '' : ` uuid=${JSON.stringify(uuid)}`}>`;
      throw new S3XmlError(error.code, `${error.detail} in ${where}`);
    }
  }

  private resourceUnchecked(resource: S3XmlResource, depth: number): string {
    let out = this.newline(depth) + '<resource name="' + this.attr(resource.name) + '"' + this.attributes(resource.attributes);
    if (resource.data.length === 0 && resource.references.length === 0 && resource.components.length === 0) {
      return out + '/>';
    }
    out += '>';
    for (const data of resource.data) out += this.newline(depth + 1) + this.data(data);
    for (const reference of resource.references) out += this.newline(depth + 1) + this.reference(reference);
    for (const component of resource.components) out += this.resource(component, depth + 1);
    return out + this.newline(depth) + '</resource>';
  }

  private data(data: S3XmlData): string {
    let out = '<data field="' + this.attr(data.field) + '"';
    if (data.value !== null) out += ' value="' + this.attr(data.value) + '"';
    out += this.attributes(data.attributes);
    if (data.text === null) return out + '/>';
    return out + '>' + escapeXmlText(data.text, this.policy) + '</data>';
  }

  private reference(reference: S3XmlReference): string {
    let out = '<reference field="' + this.attr(reference.field) + '"';
    if (reference.resource !== null) out += ' resource="' + this.attr(reference.resource) + '"';
    if (reference.uuid !== null) out += ' uuid="' + this.attr(reference.uuid) + '"';
    if (reference.tuid !== null) out += ' tuid="' + this.attr(reference.tuid) + '"';
    out += this.attributes(reference.attributes);
    if (reference.text === null && reference.inline === null) return out + '/>';
    out += '>';
    if (reference.text !== null) out += escapeXmlText(reference.text, this.policy);
    // The inline resource is written without indentation: whitespace here would become reference text.
    if (reference.inline !== null) out += new Writer(this.policy, false).resource(reference.inline, 0);
    return out + '</reference>';
  }

  private attributes(attributes: Readonly<Record<string, string>>): string {
    let out = '';
    for (const name in attributes) {
      if (!Object.hasOwn(attributes, name)) continue;
      this.checkName(name);
      out += ' ' + name + '="' + this.attr(attributes[name] ?? '') + '"';
    }
    return out;
  }

  private attr(value: string): string {
    return escapeXmlAttribute(value, this.policy);
  }

  private checkName(name: string): void {
    if (this.knownNames.has(name)) return;
    if (!XML_NAME.test(name)) throw new S3XmlError('invalid-name', `attribute name ${JSON.stringify(name)}`);
    this.knownNames.add(name);
  }

  private newline(depth: number): string {
    return this.pretty ? '\n' + '  '.repeat(depth) : '';
  }
}
