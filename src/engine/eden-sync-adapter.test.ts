import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSendStore, type ManualClock } from '../../test/send/open-store.js';
import { decodeS3Xml } from '../core/s3xml/decode-s3xml.js';
import type { Repository } from '../core/model/sync.js';
import type { LocalStore } from '../ports/local-store.js';
import { EdenSyncAdapter } from './eden-sync-adapter.js';

const repository: Repository = {
  id: 'r1',
  name: 'peer',
  url: '/eden',
  username: null,
  peerUuid: null,
  registered: false,
  lastConnected: null,
};

let store: LocalStore;
let clock: ManualClock;
beforeEach(async () => {
  ({ store, clock } = await openSendStore('adapter'));
});
afterEach(() => store.close());

const DOC = `<?xml version="1.0" encoding="utf-8"?>
<s3xml><resource name="org_organisation" uuid="urn:uuid:x" mci="1" modified_on="2026-01-01T00:00:00">
<data field="name">X</data></resource></s3xml>`;

describe('EdenSyncAdapter (passive operations)', () => {
  it('receives with the injected clock and sends with its domain and url', async () => {
    const adapter = new EdenSyncAdapter({ store, repository, clock, domain: 'device', url: 'https://app/eden' });
    const received = await adapter.receive(DOC, 'org_organisation', {});
    expect(received.status).toBe('success');
    const sent = await adapter.send('org_organisation');
    expect(sent.results).toBe(1);
    const doc = decodeS3Xml(sent.response ?? '');
    expect(doc.attributes).toEqual({ success: 'true', results: '1', domain: 'device', url: 'https://app/eden' });
    expect(doc.resources[0]?.attributes).toMatchObject({ uuid: 'urn:uuid:x', mci: '2' });
    const override = await adapter.send('org_organisation', { url: 'other', start: 0 });
    expect(decodeS3Xml(override.response ?? '').attributes).toEqual({ success: 'true', start: '0', results: '1', domain: 'device', url: 'other' });
  });

  it('refuses mixed resources in both directions', async () => {
    const adapter = new EdenSyncAdapter({ store, repository, clock });
    expect((await adapter.send('mixed')).status).toBe('fatal');
    expect((await adapter.receive(DOC, 'mixed', {})).status).toBe('fatal');
  });
});
