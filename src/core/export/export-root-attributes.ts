/** What the `<s3xml>` root of an export says (spec 3.1). */
export type ExportRootInput = {
  readonly hasChildren: boolean;
  /** Number of primary masters in this response, deleted ones included. */
  readonly results: number;
  readonly start?: number | undefined;
  readonly limit?: number | undefined;
  readonly domain?: string | undefined;
  readonly url?: string | undefined;
};

/**
 * Root attributes in Eden's order: `success` ("true" iff the root has a child), `start` and
 * `limit` only when passed, `results`, then `domain` and `url` when configured (spec 3.1, 7.4.1).
 */
export function exportRootAttributes(input: ExportRootInput): Record<string, string> {
  const attributes: Record<string, string> = { success: input.hasChildren ? 'true' : 'false' };
  if (input.start !== undefined) attributes.start = String(input.start);
  if (input.limit !== undefined) attributes.limit = String(input.limit);
  attributes.results = String(input.results);
  if (input.domain !== undefined && input.domain !== '') attributes.domain = input.domain;
  if (input.url !== undefined && input.url !== '') attributes.url = input.url;
  return attributes;
}
