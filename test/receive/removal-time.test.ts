/**
 * The `modified_on` a DELETE or MERGE stamps (decision 0017): Eden's now by default (the import
 * matrix), the tombstone's own time with `removalTime: 'peer'` (what a pull uses), so that a
 * device clock ahead of the peer does not make later peer updates look older under NEWER.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { receive } from '../../src/engine/receive/receive.js';
import { OFFICE, type Opened, openStore, ORG, peer, s3xml, seed } from './receive-support.js';

let t: Opened | undefined;
afterEach(() => {
  t?.store.close();
  t = undefined;
});

const DEVICE_NOW = Date.UTC(2031, 0, 1); // the device clock, far ahead of the peer's
const tombstone = (uuid: string, mtime: string, more = ''): string => `<resource name="${ORG}" uuid="${uuid}" deleted="True" modified_on="${mtime}"${more}/>`;

async function fresh(): Promise<Opened> {
  t = await openStore('removal-time');
  t.clock.time = DEVICE_NOW;
  await seed(t.store, [
    peer(ORG, 'urn:uuid:rt-1', { name: 'One' }),
    peer(ORG, 'urn:uuid:rt-2', { name: 'Two' }),
    peer(OFFICE, 'urn:uuid:rt-off', { name: 'Office of one' }, { parent: { table: ORG, uuid: 'urn:uuid:rt-1', alias: null }, modified_on: '2024-01-05T00:00:00' }),
  ]);
  return t;
}

describe('removalTime', () => {
  it('default (Eden): a tombstone and the records a merge moves are stamped with now', async () => {
    const { store, clock } = await fresh();
    await receive({ store, clock }, s3xml(tombstone('urn:uuid:rt-1', '2024-02-01T00:00:00', ' replaced_by="urn:uuid:rt-2"')), ORG, { updatePolicy: 'OTHER' });
    expect(await store.get(ORG, 'urn:uuid:rt-1')).toMatchObject({ deleted: true, replaced_by: 'urn:uuid:rt-2', modified_on: '2031-01-01T00:00:00' });
    expect(await store.get(OFFICE, 'urn:uuid:rt-off')).toMatchObject({ parent: { uuid: 'urn:uuid:rt-2' }, modified_on: '2031-01-01T00:00:00' });
  });

  it("'peer': the tombstone's own modified_on, and a moved record never goes back in time", async () => {
    const { store, clock } = await fresh();
    await receive({ store, clock }, s3xml(tombstone('urn:uuid:rt-1', '2024-02-01T00:00:00', ' replaced_by="urn:uuid:rt-2"')), ORG, {
      updatePolicy: 'OTHER',
      removalTime: 'peer',
    });
    expect(await store.get(ORG, 'urn:uuid:rt-1')).toMatchObject({ deleted: true, modified_on: '2024-02-01T00:00:00' });
    expect(await store.get(OFFICE, 'urn:uuid:rt-off')).toMatchObject({ parent: { uuid: 'urn:uuid:rt-2' }, modified_on: '2024-02-01T00:00:00' });

    // An office edited later than the merge notice keeps its own, later time.
    await seed(store, [peer(OFFICE, 'urn:uuid:rt-off2', { name: 'Later' }, { parent: { table: ORG, uuid: 'urn:uuid:rt-2', alias: null }, modified_on: '2024-03-01T00:00:00' })]);
    await seed(store, [peer(ORG, 'urn:uuid:rt-3', { name: 'Three' })]);
    await receive({ store, clock }, s3xml(tombstone('urn:uuid:rt-2', '2024-02-15T00:00:00', ' replaced_by="urn:uuid:rt-3"')), ORG, {
      updatePolicy: 'OTHER',
      removalTime: 'peer',
    });
    expect(await store.get(OFFICE, 'urn:uuid:rt-off2')).toMatchObject({ parent: { uuid: 'urn:uuid:rt-3' }, modified_on: '2024-03-01T00:00:00' });
    expect(await store.get(OFFICE, 'urn:uuid:rt-off')).toMatchObject({ parent: { uuid: 'urn:uuid:rt-3' }, modified_on: '2024-02-15T00:00:00' });
  });

  it("'peer': a later peer update of the deleted record is not refused under NEWER because of the device clock", async () => {
    const { store, clock } = await fresh();
    await receive({ store, clock }, s3xml(tombstone('urn:uuid:rt-2', '2024-02-01T00:00:00', ' mci="1"')), ORG, { updatePolicy: 'NEWER', removalTime: 'peer' });
    expect(await store.get(ORG, 'urn:uuid:rt-2')).toMatchObject({ deleted: true, modified_on: '2024-02-01T00:00:00' });
    const revived = s3xml(`<resource name="${ORG}" uuid="urn:uuid:rt-2" modified_on="2024-03-01T00:00:00"><data field="name">Two again</data></resource>`);
    await receive({ store, clock }, revived, ORG, { updatePolicy: 'NEWER', removalTime: 'peer' });
    expect(await store.get(ORG, 'urn:uuid:rt-2')).toMatchObject({ deleted: false, fields: { name: 'Two again' }, modified_on: '2024-03-01T00:00:00' });
  });

  it("'peer': a tombstone without modified_on is stamped with now, as Eden does", async () => {
    const { store, clock } = await fresh();
    await receive({ store, clock }, s3xml(`<resource name="${ORG}" uuid="urn:uuid:rt-2" deleted="True"/>`), ORG, { updatePolicy: 'OTHER', removalTime: 'peer' });
    expect(await store.get(ORG, 'urn:uuid:rt-2')).toMatchObject({ deleted: true, modified_on: '2031-01-01T00:00:00' });
  });
});
