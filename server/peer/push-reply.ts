import type { ImportError, ImportReport } from '../../src/core/import/import-types.js';
import type { S3XmlDocument, S3XmlResource } from '../../src/core/s3xml/index.js';
import { asciiJson, type EdenJsonValue, RawJson } from '../http/reply.js';

type JsonObject = { [key: string]: unknown };

function decodedValue(value: string | null, text: string | null): unknown {
  if (value === null) return text ?? '';
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Adds an entry object under `key`; a repeated key becomes a list (tree2json's collapse rule, spec 3.11). */
function addEntry(target: JsonObject, key: string, entry: JsonObject): void {
  const prior = target[key];
  if (prior === undefined) target[key] = entry;
  else if (Array.isArray(prior)) prior.push(entry);
  else target[key] = [prior, entry];
}

/** One rejected element in Eden's native tree2json form (spec 3.11), with `@error`. */
function elementJson(resource: S3XmlResource, error: string): JsonObject {
  const node: JsonObject = {};
  for (const data of resource.data) {
    const entry: JsonObject = { '@value': decodedValue(data.value, data.text) };
    if (data.text !== null) entry.$ = data.text;
    addEntry(node, data.field, entry);
  }
  for (const reference of resource.references) {
    const entry: JsonObject = {};
    if (reference.resource !== null) entry['@resource'] = reference.resource;
    if (reference.uuid !== null) entry['@uuid'] = reference.uuid;
    if (reference.tuid !== null) entry['@tuid'] = reference.tuid;
    if (reference.text !== null) entry.$ = reference.text;
    addEntry(node, `$k_${reference.field}`, entry);
  }
  for (const [name, value] of Object.entries(resource.attributes)) node[`@${name}`] = value;
  node['@error'] = error;
  return node;
}

function findElement(resources: readonly S3XmlResource[], table: string, uuid: string): S3XmlResource | null {
  for (const resource of resources) {
    if (resource.name === table && resource.attributes.uuid === uuid) return resource;
    const nested = findElement(resource.components, table, uuid);
    if (nested !== null) return nested;
  }
  return null;
}

/** The error tree of a push reply: every refused element found in the pushed documents, by table. */
export function errorTree(errors: readonly ImportError[], document: S3XmlDocument): JsonObject | null {
  const tree: JsonObject = {};
  for (const error of errors) {
    const element = error.uuid === null ? null : findElement(document.resources, error.table, error.uuid);
    const node = element === null ? { ...(error.uuid !== null ? { '@uuid': error.uuid } : {}), '@error': error.message } : elementJson(element, error.message);
    const key = `$_${error.table}`;
    const list = (tree[key] as unknown[] | undefined) ?? [];
    list.push(node);
    tree[key] = list;
  }
  return Object.keys(tree).length === 0 ? null : tree;
}

/**
 * Eden's import JSON (spec 4.12): status, statuscode, `message` only with errors, records, the
 * created/updated/deleted lists only when not empty, `tree` only with a message. This peer has no
 * integer ids, so the lists hold uuids where Eden lists its local ids.
 */
export function pushReplyBody(report: ImportReport, message: string | null, tree: JsonObject | null): Record<string, EdenJsonValue | undefined> {
  const list = (uuids: readonly string[]): string[] | undefined => (uuids.length > 0 ? [...new Set(uuids)] : undefined);
  const withMessage = message !== null && message !== '';
  return {
    status: 'success',
    statuscode: '200',
    message: withMessage ? message : undefined,
    records: report.records,
    created: list(report.created),
    updated: list(report.updated),
    deleted: list(report.deleted),
    tree: withMessage && tree !== null ? new RawJson(asciiJson(tree)) : undefined,
  };
}
