import type { ConflictEntry } from '../../core/model/conflict.js';
import type { Repository, SyncLogEntry, SyncTask } from '../../core/model/sync.js';
import { nextSeq } from './next-seq.js';
import type { ConflictRow, EdenSyncDb } from './schema.js';

/** Stores a task, keeping its creation counter on update (call with tasks and meta writable). */
export async function putTaskRow(db: EdenSyncDb, task: SyncTask): Promise<void> {
  const seq = (await db.tasks.get(task.id))?.seq ?? (await nextSeq(db, 'tasks'));
  await db.tasks.put({ id: task.id, repositoryId: task.repositoryId, seq, task });
}

/** Stores a repository, keeping its creation counter on update (call with repositories and meta writable). */
export async function putRepositoryRow(db: EdenSyncDb, repository: Repository): Promise<void> {
  const seq = (await db.repositories.get(repository.id))?.seq ?? (await nextSeq(db, 'repositories'));
  await db.repositories.put({ id: repository.id, seq, repository });
}

/** Appends a log entry; its `id` is assigned by the store (any given one is ignored). */
export async function appendLogRow(db: EdenSyncDb, entry: SyncLogEntry): Promise<void> {
  const { id: _ignored, ...fields } = entry;
  await db.log.add(fields);
}

/** Adds conflict entries in one bulk write; ids are assigned by the store. */
export async function addConflictRows(db: EdenSyncDb, entries: readonly ConflictEntry[]): Promise<void> {
  const rows = entries.map((entry): ConflictRow => {
    const { id: _ignored, ...fields } = entry;
    return { open: entry.resolved ? 0 : 1, entry: fields };
  });
  await db.conflicts.bulkAdd(rows);
}

/** The conflict entry of a stored row, with its id. */
export function conflictOfRow(row: ConflictRow): ConflictEntry {
  return { ...row.entry, ...(row.id !== undefined ? { id: row.id } : {}), resolved: row.open === 0 };
}
