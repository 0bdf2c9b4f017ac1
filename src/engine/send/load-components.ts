import type { LocalRecord } from '../../core/model/record.js';
import type { StoreReader } from '../../ports/local-store.js';

/** How many `componentsOf` reads run at once (each is one small index read). */
const CONCURRENCY = 64;

/**
 * The stored components of each master, aligned with `masters`; a deleted master gets none (a
 * tombstone has no children, spec 3.8). The port has no bulk read for this, so reads run in
 * bounded parallel groups.
 */
export async function loadComponents(
  store: Pick<StoreReader, 'componentsOf'>,
  masters: readonly LocalRecord[],
): Promise<(readonly LocalRecord[])[]> {
  const result: (readonly LocalRecord[])[] = [];
  for (let index = 0; index < masters.length; index += CONCURRENCY) {
    const group = masters.slice(index, index + CONCURRENCY);
    const loaded = await Promise.all(
      group.map((master) =>
        master.deleted ? Promise.resolve([]) : store.componentsOf({ table: master.table, uuid: master.uuid }),
      ),
    );
    result.push(...loaded);
  }
  return result;
}
