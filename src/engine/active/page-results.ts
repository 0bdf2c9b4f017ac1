/**
 * The root `results` attribute of an S3XML page: the number of primary masters in it, deleted
 * ones included (spec 5.5, 8.25). Read with a scan of the root tag, without parsing the document.
 * Null when the root has no `results` or the text is not S3XML.
 */
export function readPageResults(xml: string): number | null {
  const root = /<s3xml\b([^>]*)>/.exec(xml.slice(0, 4096));
  if (!root) return null;
  const attr = /\bresults\s*=\s*["'](\d+)["']/.exec(root[1] ?? '');
  return attr ? Number(attr[1]) : null;
}
