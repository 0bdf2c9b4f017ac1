/**
 * Architecture invariant 4.1 (a local edit is never lost) where an import meets a pending local
 * edit: the record is found by name (no uuid), or the edit is of a reference or of fields the
 * incoming element does not carry (per-field pending marks; decision 0010).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordReference } from '../../src/core/model/record.js';
import { receive, type ReceiveOptions } from '../../src/engine/receive/receive.js';
import { type Opened, openStore, ORG, peer, s3xml, seed } from './receive-support.js';

let t: Opened | undefined;
afterEach(() => {
  t?.store.close();
  t = undefined;
});

async function fresh(): Promise<Opened> {
  t = await openStore('pending-survival');
  return t;
}

const OTHER: ReceiveOptions = { updatePolicy: 'OTHER' };
const UUID = 'urn:uuid:ps-1';
const TYPE_REF: RecordReference = { table: 'org_organisation_type', uuids: ['urn:uuid:type-1'], multiple: false };

describe('an import over a pending local edit', () => {
  it('keeps the overwritten edit in the inbox when the element has no uuid and is matched by name', async () => {
    const { store, clock } = await fresh();
    await seed(store, [peer(ORG, UUID, { name: 'Alpha', comments: 'peer' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: { comments: 'LOCAL EDIT' } });
    const [mark] = await store.pending(ORG);
    expect(mark?.fields).toEqual(['comments']);
    const doc = s3xml(`<resource name="${ORG}" modified_on="2024-12-01T00:00:00"><data field="name">alpha</data><data field="comments">incoming</data></resource>`);
    const outcome = await receive({ store, clock }, doc, ORG, OTHER);
    expect(outcome).toMatchObject({ status: 'success', response: { updated: [UUID], conflicts: 1 } });
    expect((await store.get(ORG, UUID))?.fields).toEqual({ name: 'Alpha', comments: 'incoming' });
    const inbox = await store.listConflicts();
    expect(inbox.map((entry) => [entry.uuid, entry.kind, entry.local.fields['comments']])).toEqual([[UUID, 'overwritten', 'LOCAL EDIT']]);
    // The edit was wholly replaced (its only field came in): it now lives in the inbox, not in pending.
    expect(await store.pending(ORG)).toEqual([]);
  });

  it('keeps a pending reference edit pending when the element does not carry that reference', async () => {
    const { store, clock } = await fresh();
    await seed(store, [peer(ORG, UUID, { name: 'Alpha' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: {}, references: { organisation_type_id: TYPE_REF } });
    expect((await store.pending(ORG))[0]?.fields).toEqual(['organisation_type_id']);
    const doc = s3xml(`<resource name="${ORG}" uuid="${UUID}" modified_on="2024-12-01T00:00:00" mci="2"><data field="name">Alpha renamed</data></resource>`);
    await receive({ store, clock }, doc, ORG, OTHER);
    const stored = await store.get(ORG, UUID);
    expect(stored?.fields['name']).toBe('Alpha renamed');
    expect(stored?.references['organisation_type_id']).toEqual(TYPE_REF);
    expect((await store.pending(ORG)).map((p) => [p.uuid, p.fields])).toEqual([[UUID, ['organisation_type_id']]]);
  });

  it('drops the mark when the element carries the pending reference, even if other local values survive', async () => {
    const { store, clock } = await fresh();
    await seed(store, [peer(ORG, UUID, { name: 'Alpha', acronym: 'AL' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: {}, references: { organisation_type_id: TYPE_REF } });
    const doc = s3xml(
      `<resource name="${ORG}" uuid="${UUID}" modified_on="2024-12-01T00:00:00" mci="2"><reference field="organisation_type_id" resource="org_organisation_type" uuid="urn:uuid:type-2"/></resource>`,
    );
    const outcome = await receive({ store, clock }, doc, ORG, OTHER);
    expect(outcome.response.conflicts).toBe(1);
    expect((await store.get(ORG, UUID))?.references['organisation_type_id']?.uuids).toEqual(['urn:uuid:type-2']);
    // name and acronym (not edited here) were not carried, but the edit itself was wholly replaced.
    expect(await store.pending(ORG)).toEqual([]);
    expect((await store.listConflicts())[0]?.local.references['organisation_type_id']).toEqual(TYPE_REF);
  });

  it('keeps the mark when only some of the pending fields are overwritten', async () => {
    const { store, clock } = await fresh();
    await seed(store, [peer(ORG, UUID, { name: 'Alpha' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: { acronym: 'MINE', comments: 'mine too' } });
    const doc = s3xml(`<resource name="${ORG}" uuid="${UUID}" modified_on="2024-12-01T00:00:00"><data field="comments">theirs</data></resource>`);
    const outcome = await receive({ store, clock }, doc, ORG, OTHER);
    expect(outcome.response.conflicts).toBe(1);
    expect((await store.get(ORG, UUID))?.fields).toEqual({ name: 'Alpha', acronym: 'MINE', comments: 'theirs' });
    expect((await store.pending(ORG)).map((p) => p.uuid)).toEqual([UUID]);
  });

  it('keeps the mark when the policy refuses the pending field, drops it when the field is carried and accepted', async () => {
    const { store, clock } = await fresh();
    await seed(store, [peer(ORG, UUID, { name: 'Alpha' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: { comments: 'mine' } });
    const doc = s3xml(`<resource name="${ORG}" uuid="${UUID}" modified_on="2024-12-01T00:00:00"><data field="name">Beta</data><data field="comments">theirs</data></resource>`);
    await receive({ store, clock }, doc, ORG, { updatePolicy: { comments: 'THIS', __default__: 'OTHER' } });
    expect((await store.get(ORG, UUID))?.fields).toEqual({ name: 'Beta', comments: 'mine' });
    expect((await store.pending(ORG)).map((p) => p.uuid)).toEqual([UUID]);
    await receive({ store, clock }, doc, ORG, OTHER);
    expect((await store.get(ORG, UUID))?.fields['comments']).toBe('theirs');
    expect(await store.pending(ORG)).toEqual([]);
  });
});

describe('a pull from one of two repositories', () => {
  const repo = (id: string) => ({ id, name: id, url: `http://${id}.example/eden`, username: null, peerUuid: null, registered: true, lastConnected: null });
  const task = (id: string, repositoryId: string) => ({
    id, repositoryId, resourceName: ORG, mode: 'both' as const, strategy: ['create', 'update', 'delete', 'merge'],
    updatePolicy: 'OTHER', conflictPolicy: 'OTHER', lastPull: null, lastPush: null, components: false, filters: [],
  });

  it('a later edit at the repository that acknowledged ours is no conflict; ours stays owed to the other', async () => {
    const { store, clock } = await fresh();
    await store.putRepository(repo('a'));
    await store.putRepository(repo('b'));
    await store.putTask(task('ta', 'a'));
    await store.putTask(task('tb', 'b'));
    await seed(store, [peer(ORG, UUID, { name: 'Alpha', comments: 'peer' })]);
    clock.advance(60);
    await store.saveLocal(ORG, { uuid: UUID, fields: { comments: 'LOCAL EDIT' } });
    const [mark] = await store.pending(ORG);
    await store.write((tx) => tx.acknowledge([{ table: ORG, uuid: UUID, revision: mark?.revision ?? 0 }], 'a'));
    expect(await store.pending(ORG, 'a')).toEqual([]);

    // Someone at repository a edited the record after our edit reached it: normal sync, not a conflict.
    const echo = s3xml(`<resource name="${ORG}" uuid="${UUID}" modified_on="2024-12-01T00:00:00" mci="2"><data field="name">Alpha</data><data field="comments">EDITED AT A</data></resource>`);
    const outcome = await receive({ store, clock }, echo, ORG, { ...OTHER, repositoryId: 'a' });
    expect(outcome.response.conflicts).toBe(0);
    expect(await store.listConflicts()).toEqual([]);
    expect((await store.get(ORG, UUID))?.fields['comments']).toBe('EDITED AT A');
    expect((await store.pending(ORG, 'b')).map((p) => [p.uuid, p.fields])).toEqual([[UUID, ['comments']]]);
  });
});
