export type { S3XmlData, S3XmlDocument, S3XmlReference, S3XmlResource } from './types.js';
export { S3XmlError, type S3XmlErrorCode } from './s3xml-error.js';
export { decodeS3Xml } from './decode-s3xml.js';
export { encodeS3Xml, type EncodeS3XmlOptions } from './encode-s3xml.js';
export type { InvalidCharPolicy } from './escape-xml.js';
export { dataValue } from './data-value.js';
export { referenceUuids } from './reference-uuids.js';
export { readResourceMeta, type ResourceMeta } from './read-resource-meta.js';
