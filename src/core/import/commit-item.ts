import type { ComponentLink } from '../model/record.js';
import { commitCreate } from './commit-create.js';
import { commitDelete, commitMerge } from './commit-removal.js';
import { commitUpdate } from './commit-update.js';
import type { ImportState, ItemResult } from './import-state.js';
import type { IncomingItem } from './incoming-item.js';
import { done, failed, NOT_PERMITTED, resolveReferences } from './item-helpers.js';

/**
 * Commits one item (spec 4.3 method table, 4.4a strategy): a parse failure is an error; a
 * tombstone or merge notice for a record that does not exist is ignored before the strategy check
 * (DEL-021, MRG-010); otherwise the method must be permitted ("Operation not permitted").
 * The item's uuid is already settled (given, deduplicated or generated).
 */
export function commitItem(
  state: ImportState,
  item: IncomingItem,
  parent: ComponentLink | null,
  results: ReadonlyMap<IncomingItem, ItemResult>,
): ItemResult {
  if (item.parseError !== null) return { method: null, listed: null, error: item.parseError };
  const uuid = item.uuid;
  if (uuid === null) return failed(item, null, 'Missing uuid');
  const resolved = resolveReferences(state, item, results);
  if (!resolved.ok) return { method: null, listed: null, error: resolved.error };
  const local = state.current(item.table, uuid);
  if (item.deleted) {
    if (local === undefined) return done('delete', null);
    const method = item.replacedBy === null ? 'delete' : 'merge';
    if (!state.strategy.has(method)) return failed(item, method, NOT_PERMITTED);
    return item.replacedBy === null ? commitDelete(state, item, local) : commitMerge(state, item, local, item.replacedBy);
  }
  const method = local === undefined ? 'create' : 'update';
  if (!state.strategy.has(method)) return failed(item, method, NOT_PERMITTED);
  return local === undefined
    ? commitCreate(state, item, uuid, resolved.references, parent)
    : commitUpdate(state, item, local, resolved.references, parent);
}

/** Commits an item and then, if it stands, its nested components (parents before components, spec 4.6). */
export function commitTree(
  state: ImportState,
  item: IncomingItem,
  parent: ComponentLink | null,
  results: Map<IncomingItem, ItemResult>,
): void {
  const result = commitItem(state, item, parent, results);
  results.set(item, result);
  if (result.error !== null || item.uuid === null || state.current(item.table, item.uuid) === undefined) return;
  for (const component of item.components) {
    commitTree(state, component, { table: item.table, uuid: item.uuid, alias: component.alias }, results);
  }
}
