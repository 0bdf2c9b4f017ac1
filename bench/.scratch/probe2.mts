import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openLocalStore } from '/work/main/src/adapters/db/open-local-store.ts';
import { seedDemoData } from '/work/main/server/peer/seed.ts';
import { send } from '/work/main/src/engine/send/send.ts';
const store = await openLocalStore('x', { indexedDB: new IDBFactory(), IDBKeyRange });
await seedDemoData(store, { organisations: 10000, persons: 0, contacts: 0 });
for (const start of [0, 5000, 9000]) {
  let t = performance.now();
  const r = await store.queryRecords('org_organisation', { includeDeleted: true, mastersOnly: true, start, limit: 1000 });
  console.log('query', start, r.length, (performance.now() - t).toFixed(0));
  t = performance.now();
  const s = await send({ store }, 'org_organisation', { start, limit: 1000 });
  console.log('send', start, s.results, (performance.now() - t).toFixed(0));
}
