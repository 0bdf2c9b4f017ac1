import { describe, expect, it } from 'vitest';
import * as entry from '../../src/index.js';
import { testIndexedDB, uniqueDbName } from '../support/idb.js';

describe('public entry src/index.ts', () => {
  it('exports the codec, store, adapter, operations and error classes', () => {
    for (const name of ['decodeS3Xml', 'encodeS3Xml', 'openLocalStore', 'EdenSyncAdapter', 'receive', 'send', 'S3XmlError', 'StoreError']) {
      expect(entry[name as keyof typeof entry], name).toBeTypeOf('function');
    }
    expect(entry.LogResult.FATAL).toBe('fatal');
  });

  it('builds an adapter with the system clock by default and round-trips a record', async () => {
    const store = await entry.openLocalStore(uniqueDbName('entry'), testIndexedDB());
    try {
      const adapter = new entry.EdenSyncAdapter({
        store,
        repository: { id: 'r', name: 'r', url: '/eden', username: null, peerUuid: null, registered: false, lastConnected: null },
      });
      await store.saveLocal('org_organisation', { uuid: 'urn:uuid:e', fields: { name: 'E' } });
      const sent = await adapter.send('org_organisation', { uuids: ['urn:uuid:e'] });
      const doc = entry.decodeS3Xml(sent.response ?? '');
      expect(doc.resources[0]?.attributes).toMatchObject({ uuid: 'urn:uuid:e', mci: '1' });
      expect(doc.resources[0]?.attributes['modified_on']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    } finally {
      store.close();
    }
  });
});
