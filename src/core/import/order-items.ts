import type { IncomingItem } from './incoming-item.js';
import { keyOf, type PreparedImport } from './prepare-import.js';

/** Document elements an item depends on: referenced elements, inline records, the merge survivor. */
function dependencies(prepared: PreparedImport, item: IncomingItem): IncomingItem[] {
  const found: IncomingItem[] = [];
  const visit = (current: IncomingItem): void => {
    for (const reference of current.references) {
      if (reference.inline !== null) found.push(reference.inline);
      else if (reference.table !== null && reference.uuids.length > 0) {
        for (const uuid of reference.uuids) {
          const target = prepared.byUuid.get(keyOf(reference.table, uuid));
          if (target !== undefined) found.push(target);
        }
      } else if (reference.table !== null && reference.tuid !== null) {
        const target = prepared.byTuid.get(keyOf(reference.table, reference.tuid));
        if (target !== undefined) found.push(target);
      }
    }
    if (current.replacedBy !== null) {
      const survivor = prepared.byUuid.get(keyOf(current.table, current.replacedBy));
      if (survivor !== undefined) found.push(survivor);
    }
    current.components.forEach(visit);
  };
  visit(item);
  return found;
}

/**
 * The commit order (spec 4.6): the masters in document order, each preceded depth-first by the
 * document elements it depends on; a dependency is committed once; cycles are broken by a lock.
 * Top-level elements of other tables are imported only as dependencies (spec 4.1).
 */
export function orderItems(prepared: PreparedImport): IncomingItem[] {
  const order: IncomingItem[] = [];
  const seen = new Set<IncomingItem>();
  const visit = (item: IncomingItem): void => {
    if (seen.has(item)) return;
    seen.add(item);
    for (const dependency of dependencies(prepared, item)) visit(dependency);
    order.push(item);
  };
  prepared.masters.forEach(visit);
  return order;
}
