import type { S3XmlDocument } from '../s3xml/types.js';
import type { ImportKey } from './import-types.js';
import { parseItem, type IncomingItem } from './incoming-item.js';
import { tableRules } from './known-tables.js';

/** What the engine must load before planning (all in bulk, inside the write transaction). */
export type SnapshotRequest = {
  /** Every record the document names: elements, components, inline records, merge survivors. */
  readonly keys: readonly ImportKey[];
  /** Masters whose components are needed: targets of tombstones and merge notices. */
  readonly componentMasters: readonly ImportKey[];
  /** uuids whose referrers are needed: merge duplicates. */
  readonly referrerUuids: readonly string[];
  /** Tables to load whole, for elements without uuid that are deduplicated by name. */
  readonly dedupeTables: readonly string[];
};

/** A decoded document turned into import items once; planning needs it plus the local snapshot. */
export type PreparedImport = {
  readonly resource: string;
  readonly now: number;
  /** Top-level items in document order; `masters` are those of the target table. */
  readonly topLevel: readonly IncomingItem[];
  readonly masters: readonly IncomingItem[];
  /** Document lookup by (table, uuid), last element wins (spec 3.6). */
  readonly byUuid: ReadonlyMap<string, IncomingItem>;
  readonly byTuid: ReadonlyMap<string, IncomingItem>;
  readonly request: SnapshotRequest;
};

/** The map key of a (table, id) pair. */
export const keyOf = (table: string, id: string): string => `${table}\u0000${id}`;

function walk(item: IncomingItem, visit: (item: IncomingItem) => void): void {
  visit(item);
  for (const reference of item.references) if (reference.inline !== null) walk(reference.inline, visit);
  for (const component of item.components) walk(component, visit);
}

/** Parses every element of the document and lists the local state planning will need. */
export function prepareImport(doc: S3XmlDocument, resource: string, now: number): PreparedImport {
  const topLevel = doc.resources.map((element) => parseItem(element, now));
  const byUuid = new Map<string, IncomingItem>();
  const byTuid = new Map<string, IncomingItem>();
  const keys = new Map<string, ImportKey>();
  const componentMasters = new Map<string, ImportKey>();
  const referrerUuids = new Set<string>();
  const dedupeTables = new Set<string>();
  const want = (table: string, uuid: string): void => {
    keys.set(keyOf(table, uuid), { table, uuid });
  };
  for (const top of topLevel) {
    walk(top, (item) => {
      if (item.tuid !== null) byTuid.set(keyOf(item.table, item.tuid), item);
      if (item.uuid === null) {
        if (tableRules(item.table).dedupe.length > 0) dedupeTables.add(item.table);
        return;
      }
      byUuid.set(keyOf(item.table, item.uuid), item);
      want(item.table, item.uuid);
      if (item.deleted) {
        componentMasters.set(keyOf(item.table, item.uuid), { table: item.table, uuid: item.uuid });
        if (item.replacedBy !== null) {
          want(item.table, item.replacedBy);
          referrerUuids.add(item.uuid);
        }
      }
    });
  }
  return {
    resource,
    now,
    topLevel,
    masters: topLevel.filter((item) => item.table === resource),
    byUuid,
    byTuid,
    request: {
      keys: [...keys.values()],
      componentMasters: [...componentMasters.values()],
      referrerUuids: [...referrerUuids],
      dedupeTables: [...dedupeTables],
    },
  };
}
