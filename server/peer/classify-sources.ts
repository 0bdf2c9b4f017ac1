import { decodeS3Xml, S3XmlError, type S3XmlDocument } from '../../src/core/s3xml/index.js';

export type ClassifiedSources = {
  /** The first error of a document that is not well-formed XML, or null. */
  readonly parseError: string | null;
  /** The S3XML documents, with their text. */
  readonly documents: readonly { readonly text: string; readonly document: S3XmlDocument }[];
  /** Every decoded document's resources in one document. */
  readonly merged: S3XmlDocument;
};

/**
 * Decodes pushed texts to tell Eden's cases apart (spec 2.5 table): XML that does not parse is a
 * 400 "XML Parse error", while well-formed XML whose root is not `<s3xml>` imports nothing and
 * succeeds with 0 records (cap 10-errors/15). Documents of the second kind are left out.
 */
export function classifySources(texts: readonly string[]): ClassifiedSources {
  const documents: { text: string; document: S3XmlDocument }[] = [];
  let parseError: string | null = null;
  for (const text of texts) {
    try {
      documents.push({ text, document: decodeS3Xml(text) });
    } catch (error) {
      if (error instanceof S3XmlError && error.code === 'not-s3xml') continue;
      parseError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return {
    parseError,
    documents,
    merged: { attributes: {}, resources: documents.flatMap((entry) => entry.document.resources) },
  };
}
