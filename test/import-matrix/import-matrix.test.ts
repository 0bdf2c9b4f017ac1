import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../src/adapters/db/open-local-store.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { fixtureText } from '../support/fixtures.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';
import { DIVERGENCES } from './divergences.js';
import type { MatrixCase } from './matrix-case.js';
import { NOW_MS, runMatrixCase } from './run-matrix-case.js';

const cases: MatrixCase[] = fixtureText('15-import-matrix/cases.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as MatrixCase);

let store: LocalStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

async function freshStore(): Promise<LocalStore> {
  store = await openLocalStore(uniqueDbName('matrix'), { ...testIndexedDB(), clock: { now: () => NOW_MS } });
  return store;
}

describe('Eden import matrix (15-import-matrix/cases.jsonl) replayed through receive', () => {
  it('has every recorded case and a divergence list naming only real cases', () => {
    expect(cases).toHaveLength(263);
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(DIVERGENCES).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of cases) {
    const divergence = DIVERGENCES[c.id];
    if (divergence === undefined) {
      it(`${c.id} matches Eden: ${c.description}`, async () => {
        const { mismatches } = await runMatrixCase(c, await freshStore());
        expect(mismatches).toEqual([]);
      });
    } else {
      it(`${c.id} deliberately differs from Eden (${divergence})`, async () => {
        const { mismatches } = await runMatrixCase(c, await freshStore());
        expect(mismatches.length).toBeGreaterThan(0);
      });
    }
  }
});
