import type { PendingFields, StoreReader } from '../../ports/local-store.js';
import type { FieldLookup } from './send-types.js';

/**
 * The `fields` of a push: what each record's pending change names (`'all'` for a create, an
 * undelete or a delete, see `PendingChange.fields`). A record without a pending change is
 * unselected: whole as a dependency, left out as an unchanged component of a record sent by fields.
 */
export function pendingFieldLookup(store: Pick<StoreReader, 'pendingOf'>): FieldLookup {
  return async (keys) => {
    const selections = new Map<string, PendingFields>();
    for (const mark of await store.pendingOf(keys)) if (mark !== undefined) selections.set(mark.uuid, mark.fields);
    return selections;
  };
}
