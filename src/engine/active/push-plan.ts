import type { FieldSelection } from '../../core/export/select-fields.js';
import type { LocalRecord } from '../../core/model/record.js';
import type { SyncTask } from '../../core/model/sync.js';
import type { LocalStore, PendingChange, RecordKey } from '../../ports/local-store.js';
import type { FieldLookup } from '../send/send-types.js';

/**
 * One master element of a push: the master's uuid, the pending changes it carries (the master's
 * own, if any, and those of its components) and whether it goes whole (a record created on this
 * device, on the first push to a repository). A master without a change of its own goes with its
 * uuid and meta attributes only, as the frame of its components.
 */
export type PushUnit = { readonly master: string; readonly changes: readonly PendingChange[]; readonly whole: boolean };

const keyString = (key: RecordKey): string => `${key.table}\u0000${key.uuid}`;

/** True when the task pushes (Eden's modes 'push' and 'both'). */
export function pushes(task: SyncTask): boolean {
  return task.mode === 'push' || task.mode === 'both';
}

/**
 * True on a task's first push (`lastPush` null) when another repository has pushed this table: its
 * acknowledgements may have settled records this repository never received (decision 0014).
 */
async function firstPushAfterOthers(store: LocalStore, task: SyncTask): Promise<boolean> {
  if (task.lastPush !== null) return false;
  for (const repository of await store.listRepositories()) {
    if (repository.id === task.repositoryId) continue;
    const tasks = await store.listTasks(repository.id);
    if (tasks.some((other) => other.resourceName === task.resourceName && pushes(other) && other.lastPush !== null)) return true;
  }
  return false;
}

/** The pending components of the task's table, each with its (live, stored) master's uuid. */
async function pendingComponents(
  store: LocalStore,
  resource: string,
  changes: readonly PendingChange[],
  ownKeys: ReadonlySet<string>,
): Promise<{ readonly change: PendingChange; readonly master: string }[]> {
  const candidates = changes.filter((change) => !ownKeys.has(keyString(change)));
  if (candidates.length === 0) return [];
  const records = await store.getRecords(candidates.map((change) => ({ table: change.table, uuid: change.uuid })));
  const linked = candidates.flatMap((change, index) => {
    const parent = records[index]?.parent;
    return parent?.table === resource ? [{ change, master: parent.uuid }] : [];
  });
  const masterUuids = [...new Set(linked.map((entry) => entry.master))];
  const masters = await store.getRecords(masterUuids.map((uuid) => ({ table: resource, uuid })));
  // A component of a deleted or absent master cannot be nested: it stays pending.
  const live = new Set(masterUuids.filter((_, index) => masters[index]?.deleted === false));
  return linked.filter((entry) => live.has(entry.master));
}

/**
 * What one task pushes to its repository (decision 0014): the pending changes of the table that
 * repository has not acknowledged, the pending components of the table's masters (nested under
 * their master), and, on a first push after other repositories pushed this table, every live record
 * created on this device (mci 0), whole. Changes the repository refused wait for a new local edit
 * unless `resendRejected`.
 */
export async function planPush(store: LocalStore, task: SyncTask, resendRejected: boolean): Promise<PushUnit[]> {
  const resource = task.resourceName;
  const usable = (changes: readonly PendingChange[]) => (resendRejected ? changes : changes.filter((change) => change.error === null));
  const own = usable(await store.listPending(resource, task.repositoryId));
  const ownKeys = new Set(own.map(keyString));
  const components = await pendingComponents(store, resource, usable(await store.listPendingComponents(resource, task.repositoryId)), ownKeys);
  const units = new Map<string, { master: string; changes: PendingChange[]; whole: boolean }>();
  const unitOf = (master: string) => {
    const unit = units.get(master) ?? { master, changes: [], whole: false };
    units.set(master, unit);
    return unit;
  };
  for (const change of own) unitOf(change.uuid).changes.push(change);
  if (await firstPushAfterOthers(store, task)) {
    const records: readonly LocalRecord[] = await store.queryRecords(resource, { includeDeleted: false });
    for (const record of records) if (record.mci === 0) unitOf(record.uuid).whole = true;
  }
  for (const { change, master } of components) unitOf(master).changes.push(change);
  return [...units.values()];
}

/** What to export of a pending change: its fields, with its cleared text fields as empty `<data>`. */
function selectionOf(change: PendingChange): FieldSelection {
  const empty = Object.entries(change.cleared).filter(([, kind]) => kind === 'text').map(([name]) => name);
  return empty.length === 0 ? change.fields : { fields: change.fields, empty };
}

/**
 * The `fields` of a batch's export: each change's selection, `'all'` for a whole unit, no fields
 * for a master that only frames its components; any other record (a dependency) by its pending
 * fields for the repository, or whole when it has none.
 */
export function batchFieldLookup(store: Pick<LocalStore, 'pendingOf'>, units: readonly PushUnit[], repositoryId: string): FieldLookup {
  const selections = new Map<string, FieldSelection>();
  for (const unit of units) {
    for (const change of unit.changes) selections.set(change.uuid, selectionOf(change));
    if (unit.whole) selections.set(unit.master, 'all');
    else if (!selections.has(unit.master)) selections.set(unit.master, []);
  }
  return async (keys) => {
    const result = new Map(selections);
    const others = keys.filter((key) => !selections.has(key.uuid));
    if (others.length === 0) return result;
    for (const mark of await store.pendingOf(others, repositoryId)) if (mark !== undefined) result.set(mark.uuid, selectionOf(mark));
    return result;
  };
}

/** The message of a change that cleared fields Eden cannot clear (spec 3.3, 8.8), or null. */
export function unclearableMessage(change: PendingChange): string | null {
  const names = Object.entries(change.cleared).filter(([, kind]) => kind === 'other').map(([name]) => name);
  return names.length === 0 ? null : names.map((name) => `${name}: Eden cannot clear this field through sync`).join('; ');
}
