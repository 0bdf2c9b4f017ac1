import type { LocalRecord } from '../model/record.js';
import type { S3XmlDocument, S3XmlResource } from '../s3xml/types.js';
import { encodeRecord } from './encode-record.js';
import type { DropReference } from './encode-reference.js';
import { exportRootAttributes } from './export-root-attributes.js';

/** A primary master and its selected components (records whose `parent` is the master). */
export type ExportEntry = { readonly record: LocalRecord; readonly components: readonly LocalRecord[] };

export type ExportDocumentInput = {
  /** Primary masters in export order, deleted ones included. */
  readonly masters: readonly ExportEntry[];
  /** Referenced records not otherwise in the document, exported top-level after the masters. */
  readonly dependencies?: readonly LocalRecord[];
  /** References to leave out (their target is deleted or filtered out, spec 3.4). */
  readonly dropReference?: DropReference;
  readonly start?: number | undefined;
  readonly limit?: number | undefined;
  readonly domain?: string | undefined;
  readonly url?: string | undefined;
};

/** Components grouped by (table, alias) in order of first appearance, as Eden writes one component after the other. */
export function orderComponents(components: readonly LocalRecord[]): LocalRecord[] {
  const groups = new Map<string, LocalRecord[]>();
  for (const component of components) {
    const key = `${component.table}\u0000${component.parent?.alias ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(component);
    else groups.set(key, [component]);
  }
  return [...groups.values()].flat();
}

/**
 * The S3XML document of an export (spec 3.1, 3.5, 3.6): masters with their components nested
 * (a deleted master has none), then the dependencies without components; `results` counts the
 * masters only.
 */
export function buildExportDocument(input: ExportDocumentInput): S3XmlDocument {
  const dropReference = input.dropReference;
  const options = dropReference ? { dropReference } : {};
  const resources: S3XmlResource[] = input.masters.map((entry) => {
    if (entry.record.deleted) return encodeRecord(entry.record, options);
    const components = orderComponents(entry.components).map((component) =>
      encodeRecord(component, { ...options, asComponent: true }),
    );
    return encodeRecord(entry.record, { ...options, components });
  });
  for (const dependency of input.dependencies ?? []) resources.push(encodeRecord(dependency, options));
  const attributes = exportRootAttributes({
    hasChildren: resources.length > 0,
    results: input.masters.length,
    start: input.start,
    limit: input.limit,
    domain: input.domain,
    url: input.url,
  });
  return { attributes, resources };
}
