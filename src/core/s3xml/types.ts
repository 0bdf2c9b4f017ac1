/**
 * The S3XML document model (spec section 3). Attribute values are kept as the strings Eden sent:
 * nothing is coerced ("007" stays "007", one `<resource>` is still a list). Typed readers of
 * meta attributes live beside this file.
 */
export type S3XmlDocument = {
  /** Root attributes in document order (`success`, `start`, `limit`, `results`, `domain`, `url`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Direct children of the root: primary masters, then dependencies, in document order. */
  readonly resources: readonly S3XmlResource[];
};

/** One `<resource>` element (spec 3.2), top-level or nested as a component (spec 3.5). */
export type S3XmlResource = {
  /** The tablename (`name` attribute). */
  readonly name: string;
  /** Every attribute except `name`, in document order: uuid, tuid, alias, mci, deleted, ... */
  readonly attributes: Readonly<Record<string, string>>;
  readonly data: readonly S3XmlData[];
  readonly references: readonly S3XmlReference[];
  /** Nested `<resource>` elements (components). */
  readonly components: readonly S3XmlResource[];
};

/** `<data field="f" [value="json"]>text</data>` (spec 3.3). */
export type S3XmlData = {
  readonly field: string;
  /** The raw `value` attribute (JSON-encoded), or null when absent. */
  readonly value: string | null;
  /** The text content (a representation when `value` is present), or null for an empty element. */
  readonly text: string | null;
  /** Other attributes (`url`, `filename`, `error`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
};

/** `<reference field="fk" resource="table" uuid="u"|tuid="t">text</reference>` (spec 3.4). */
export type S3XmlReference = {
  readonly field: string;
  readonly resource: string | null;
  /** The raw `uuid` attribute; for `list:reference` a JSON array of uuids. */
  readonly uuid: string | null;
  readonly tuid: string | null;
  readonly text: string | null;
  /** Other attributes (`lat`, `lon`, `error`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  /** A `<resource>` element nested inside the reference (inline dependency, spec 7.2.5). */
  readonly inline: S3XmlResource | null;
};
