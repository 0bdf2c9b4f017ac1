import type { IncomingItem } from './incoming-item.js';
import type { LocalSnapshot } from './import-types.js';
import { tableRules } from './known-tables.js';
import type { PreparedImport } from './prepare-import.js';

function each(item: IncomingItem, visit: (item: IncomingItem) => void): void {
  visit(item);
  for (const reference of item.references) if (reference.inline !== null) each(reference.inline, visit);
  item.components.forEach((component) => each(component, visit));
}

/**
 * Gives every element without uuid an identity (spec 4.4): the table's deduplicator (primary
 * fields equal ignoring case, deleted records included) finds a local record, whose uuid and
 * spelling of those fields the item adopts (matrix UF-025, finding 14); otherwise a new uuid.
 */
export function settleIdentities(prepared: PreparedImport, local: LocalSnapshot, newUuid: () => string): void {
  for (const top of prepared.topLevel) {
    each(top, (item) => {
      if (item.uuid !== null) return;
      const primary = tableRules(item.table).dedupe;
      const wanted = primary.map((field) => item.fields.get(field));
      if (primary.length > 0 && wanted.every((value) => typeof value === 'string')) {
        const match = local.recordsOf(item.table).find((record) =>
          primary.every((field, i) => {
            const value = record.fields[field];
            return typeof value === 'string' && value.toLowerCase() === String(wanted[i]).toLowerCase();
          }),
        );
        if (match !== undefined) {
          item.uuid = match.uuid;
          for (const field of primary) {
            const value = match.fields[field];
            if (value !== undefined) item.fields.set(field, value);
          }
          return;
        }
      }
      item.uuid = newUuid();
    });
  }
}
