import { it } from 'vitest';
import { openSendStore } from './open-store.js';
import { send } from '../../src/engine/send/send.js';
import { record } from './records.js';

it('bench', async () => {
  const M = 10_000;
  const recs = Array.from({ length: M }, (_, i) => record('org_organisation', `urn:uuid:${i}`, { fields: { name: `Org ${i}` } }));
  const { store } = await openSendStore('bench');
  await store.write((tx) => tx.putRecords(recs));
  for (const start of [0, 2000, 5000, 9000]) {
    const t = performance.now();
    const r = await store.queryRecords('org_organisation', { includeDeleted: true, msince: null, start, limit: 500 });
    console.log('query at', start, (performance.now() - t).toFixed(0), 'ms', r.length);
  }
  let t = performance.now();
  const f = await send({ store }, 'org_organisation', { filters: '[~]~.name__like=*99*', limit: 50 });
  console.log('send filtered', (performance.now() - t).toFixed(0), 'ms', f.results);
  t = performance.now();
  const g = await send({ store }, 'org_organisation', { filters: '[~]~.name__like=nomatch' });
  console.log('send filtered full scan', (performance.now() - t).toFixed(0), 'ms', g.results);
  store.close();
}, 300_000);
