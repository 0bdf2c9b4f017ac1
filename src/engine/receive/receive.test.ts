import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '../../adapters/db/open-local-store.js';
import { STORE_ERROR_MESSAGES } from '../../adapters/db/store-error.js';
import type { LocalStore } from '../../ports/local-store.js';
import { testIDBClasses, testIndexedDB, uniqueDbName } from '../../../test/support/idb.js';
import { receive } from './receive.js';

const NOW = Date.UTC(2030, 0, 1);
const clock = { now: () => NOW };
const ORG = 'org_organisation';
const xml = (uuid: string, name: string): string =>
  `<?xml version='1.0' encoding='utf-8'?>\n<s3xml><resource name="${ORG}" uuid="${uuid}" modified_on="2024-01-20T10:00:00"><data field="name">${name}</data></resource></s3xml>`;

let store: LocalStore | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  store?.close();
});
async function fresh(): Promise<LocalStore> {
  store = await openLocalStore(uniqueDbName('receive'), { ...testIndexedDB(), clock });
  return store;
}

describe('receive', () => {
  it('imports text, bytes, blobs and streams in one atomic import', async () => {
    const s = await fresh();
    const bytes = new TextEncoder().encode(xml('u2', 'Zwei – ü'));
    const stream = new Blob([xml('u4', 'Four')]).stream();
    const outcome = await receive({ store: s, clock }, [xml('u1', 'One'), bytes, new Blob([xml('u3', 'Three')]), stream], ORG, {});
    expect(outcome).toMatchObject({ status: 'success', remote: false, message: null });
    expect(outcome.response).toMatchObject({ records: 4, created: ['u1', 'u2', 'u3', 'u4'], mtime: '2024-01-20T10:00:00' });
    expect((await s.get(ORG, 'u2'))?.fields['name']).toBe('Zwei – ü');
  });

  it('changes nothing when any source fails to decode (ERROR)', async () => {
    const s = await fresh();
    const outcome = await receive({ store: s, clock }, [xml('u1', 'One'), '<s3xml><resource name="x"'], ORG, {});
    expect(outcome.status).toBe('error');
    expect(outcome.message).not.toBeNull();
    expect(await s.get(ORG, 'u1')).toBeUndefined();
  });

  it('refuses mixed resources with FATAL', async () => {
    const s = await fresh();
    expect((await receive({ store: s, clock }, xml('u1', 'One'), 'mixed', {})).status).toBe('fatal');
    expect((await receive({ store: s, clock }, xml('u1', 'One'), ORG, { mixed: true })).message).toBe('Mixed resource synchronization not supported');
  });

  it('reports refused records as WARNING and imports the rest', async () => {
    const s = await fresh();
    const doc = `<s3xml><resource name="${ORG}" uuid="a"><data field="name">A</data></resource><resource name="${ORG}" uuid="b"><data field="acronym">B</data></resource></s3xml>`;
    const outcome = await receive({ store: s, clock }, doc, ORG, {});
    expect(outcome).toMatchObject({ status: 'warning', message: 'name: value(s) required - invalid items ignored' });
    expect(outcome.response.errors).toEqual([{ uuid: 'b', table: ORG, field: 'name', message: 'name: value(s) required' }]);
    expect(await s.get(ORG, 'a')).toBeDefined();
  });

  it('runs afterImport inside the transaction: if it throws, nothing is kept', async () => {
    const s = await fresh();
    const seen: number[] = [];
    await expect(
      receive({ store: s, clock }, xml('u1', 'One'), ORG, {
        afterImport: async (tx, report) => {
          seen.push(report.records);
          expect(await tx.getRecords([{ table: ORG, uuid: 'u1' }])).toHaveLength(1);
          throw new Error('checkpoint failed');
        },
      }),
    ).rejects.toThrow('checkpoint failed');
    expect(seen).toEqual([1]);
    expect(await s.get(ORG, 'u1')).toBeUndefined();
  });

  it('puts an overwritten pending local edit in the conflict inbox', async () => {
    const s = await fresh();
    await s.saveLocal(ORG, { uuid: 'u1', fields: { name: 'Mine' } });
    const outcome = await receive({ store: s, clock }, xml('u1', 'Theirs'), ORG, { updatePolicy: 'OTHER', source: 'peer' });
    expect(outcome.response.conflicts).toBe(1);
    expect((await s.get(ORG, 'u1'))?.fields['name']).toBe('Theirs');
    const inbox = await s.listConflicts();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'overwritten', source: 'peer', local: { fields: { name: 'Mine' } } });
    expect(await s.pending(ORG)).toEqual([]);
  });

  it('returns ERROR with the store message on a full disk: nothing written, afterImport not kept', async () => {
    const s = await fresh();
    await receive({ store: s, clock }, xml('u0', 'Before'), ORG, {});
    const { IDBObjectStore } = testIDBClasses();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const after = vi.fn(async () => undefined);
    const outcome = await receive({ store: s, clock }, [xml('u1', 'One'), xml('u0', 'After')], ORG, { afterImport: after });
    expect(outcome).toMatchObject({ status: 'error', remote: false, message: STORE_ERROR_MESSAGES.quota });
    expect(outcome.response.records).toBe(0);
    vi.restoreAllMocks();
    expect(await s.get(ORG, 'u1')).toBeUndefined();
    expect((await s.get(ORG, 'u0'))?.fields['name']).toBe('Before');
  });
});
