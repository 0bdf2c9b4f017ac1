import type { LocalRecord } from '../../core/model/record.js';
import { masterKeyString, type StoreReader } from '../../ports/local-store.js';

/**
 * The stored components of each master, aligned with `masters`, read in one bulk query; a deleted
 * master gets none (a tombstone has no children, spec 3.8).
 */
export async function loadComponents(
  store: Pick<StoreReader, 'componentsOfMany'>,
  masters: readonly LocalRecord[],
): Promise<(readonly LocalRecord[])[]> {
  const live = masters.filter((master) => !master.deleted);
  if (live.length === 0) return masters.map(() => []);
  const components = await store.componentsOfMany(live.map((master) => ({ table: master.table, uuid: master.uuid })));
  return masters.map((master) => (master.deleted ? [] : (components.get(masterKeyString(master)) ?? [])));
}
