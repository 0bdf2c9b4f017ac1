/**
 * Two devices edit the same record; do they converge, and where does the losing edit go?
 *
 * Setting. The record is one the demo peer created (its own copy has mci 0, so it exports
 * `mci="1"` and both devices store mci 1: the peer holds the master copy). Device A has Eden's task
 * defaults (update NEWER, conflict NEWER). Device B, "the pulling task", runs each update policy
 * with the conflict policy set to the same value: both devices pulled since the last checkpoint, so
 * B's pull detects a conflict (spec 4.8) and the conflict policy decides first; were it left at
 * NEWER, it alone would decide every case and the update policy would never be consulted.
 * The peer receives pushes on `/sync/sync.xml` with its defaults (spec 2.5): all methods, update
 * NEWER, no last_sync (so no conflict detection, MASTER unused): a pushed edit is applied when it
 * is newer than the peer's copy, and otherwise dropped without an error in the reply.
 *
 * Sequence: both sync; both edit the record offline (in the order of the case); A syncs (its edit
 * reaches the peer); B syncs (pull under its policy, then push); then A, B, A sync again.
 *
 * Expectations, B's edit newer / older than A's:
 * - OTHER ("always update"): the peer's version (A's) always wins on B, old or new; B's edit goes
 *   to B's conflict inbox (kind overwritten) and its pending mark is dropped. Converge on A.
 * - MASTER ("update if master"): the peer holds the master copy (incoming mci 1, local mci 1), so
 *   as OTHER here: converge on A, B's edit in B's inbox.
 * - NEWER: the newer edit wins everywhere. B newer: B's pull refuses the conflict, B pushes, the
 *   peer (NEWER) takes it, A takes it on its next pull. A's edit had already been accepted by the
 *   peer, so it is no pending local edit any more: it is replaced like any older version and
 *   goes to no inbox (the inbox keeps unpushed local versions, decision 0010). B older: B's pull
 *   takes A's version; B's edit goes to B's inbox. Converge on the newer edit.
 * - THIS ("never update"): B never takes anything from the peer for this record, so B converges
 *   with nobody; the peer and A do converge. B newer: B's push wins at the peer (NEWER) and A
 *   takes it; A's edit survives in the fields B did not edit (here `phone`: B pushes only the
 *   fields it changed), which B then never receives. B older: the peer's NEWER drops B's push while answering success, so
 *   B's pending mark is acknowledged although the peer kept A's version (Eden's reply does not
 *   say an update was skipped by policy). B's edit is not lost (it stays B's current version); it
 *   just never reaches anyone. That is what THIS means against a NEWER peer.
 *
 * The two edits touch overlapping fields (name, comments) and one field each (A: phone, B:
 * website): updates apply field by field, so a converged record holds the winner's values for the
 * shared fields and each side's own field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyName } from '../../src/core/model/policy.js';
import { parsePushReply } from '../../src/engine/active/push-reply.js';
import { dataOf, type Device, openDevice, type Peer, startPeer } from './integration-support.js';

/**
 * `winner`: whose values the peer ends with in the fields both edited. `converges`: B ends equal to
 * the peer (A always does). `inboxOnB`: B's edit lands in B's conflict inbox.
 */
type Case = {
  readonly policy: PolicyName;
  readonly bNewer: boolean;
  readonly winner: 'A' | 'B';
  readonly converges: boolean;
  readonly inboxOnB: boolean;
};

const CASES: readonly Case[] = [
  { policy: 'OTHER', bNewer: true, winner: 'A', converges: true, inboxOnB: true },
  { policy: 'OTHER', bNewer: false, winner: 'A', converges: true, inboxOnB: true },
  { policy: 'MASTER', bNewer: true, winner: 'A', converges: true, inboxOnB: true },
  { policy: 'MASTER', bNewer: false, winner: 'A', converges: true, inboxOnB: true },
  { policy: 'NEWER', bNewer: true, winner: 'B', converges: true, inboxOnB: false },
  { policy: 'NEWER', bNewer: false, winner: 'A', converges: true, inboxOnB: true },
  { policy: 'THIS', bNewer: true, winner: 'B', converges: false, inboxOnB: false },
  { policy: 'THIS', bNewer: false, winner: 'A', converges: false, inboxOnB: false },
];

const TABLE = 'org_organisation';
const EDIT_A = { name: 'Edited on A', comments: 'A was here', phone: '+41 1 111' };
const EDIT_B = { name: 'Edited on B', comments: 'B was here', website: 'https://b.example.org' };

let peer: Peer;
let targets: string[] = [];
let withPhone = '';
const opened: Device[] = [];
beforeAll(async () => {
  // Enough organisations without phone and website for every case.
  peer = await startPeer({ organisations: 60, persons: 4 });
  // Live organisations without phone and website, so that those fields are each edited by one side only.
  withPhone = (await peer.all(TABLE)).find((r) => !r.deleted && typeof r.fields['phone'] === 'string')?.uuid ?? '';
  targets = (await peer.all(TABLE)).filter((r) => !r.deleted && r.fields['phone'] == null && r.fields['website'] == null).map((r) => r.uuid);
});
afterAll(async () => {
  for (const d of opened) d.close();
  await peer.dispose();
});

let caseNo = 0;

describe('two devices edit the same record: convergence under each update policy of the pulling task', () => {
  it.each(CASES)('$policy, B edits later: $bNewer -> peer keeps $winner, B converges: $converges', async ({ policy, bNewer, winner, converges, inboxOnB }) => {
    caseNo += 1;
    const a = await openDevice(peer, `A${caseNo}`, [{ resourceName: TABLE }]);
    const b = await openDevice(peer, `B${caseNo}`, [{ resourceName: TABLE, updatePolicy: policy, conflictPolicy: policy }]);
    opened.push(a, b);
    expect((await a.sync()).status).toBe('success');
    expect((await b.sync()).status).toBe('success');

    // A different organisation per case (the peer is shared by the cases).
    const uuid = targets[caseNo];
    if (uuid === undefined) throw new Error('not enough organisations');
    expect((await b.store.get(TABLE, uuid))?.mci).toBe(1);

    const editA = (): Promise<unknown> => a.store.saveLocal(TABLE, { uuid, fields: EDIT_A });
    const editB = (): Promise<unknown> => b.store.saveLocal(TABLE, { uuid, fields: EDIT_B });
    peer.clock.tick();
    await (bNewer ? editA() : editB());
    peer.clock.tick();
    await (bNewer ? editB() : editA());
    const localB = await b.store.get(TABLE, uuid);

    peer.clock.tick();
    expect((await a.sync()).status).toBe('success');
    expect((await peer.record(TABLE, uuid))?.fields).toMatchObject(EDIT_A);
    peer.clock.tick();
    const bRun = await b.sync();
    expect(bRun.status).toBe('success');
    for (const d of [a, b, a]) {
      peer.clock.tick();
      expect((await d.sync()).status).toBe('success');
    }

    const atPeer = await peer.record(TABLE, uuid);
    const onA = await a.store.get(TABLE, uuid);
    const onB = await b.store.get(TABLE, uuid);
    const won = winner === 'A' ? EDIT_A : EDIT_B;
    const lost = winner === 'A' ? EDIT_B : EDIT_A;
    // The peer: the winner's values in the shared fields, the loser's nowhere in them.
    expect(atPeer?.fields).toMatchObject({ name: won.name, comments: won.comments });
    expect(atPeer?.fields['name']).not.toBe(lost.name);
    // A always converges with the peer, data and modification time.
    expect(dataOf(onA)).toEqual(dataOf(atPeer));
    expect(onA?.modified_on).toBe(atPeer?.modified_on);
    if (converges) {
      expect(dataOf(onB)).toEqual(dataOf(atPeer));
      expect(onB?.modified_on).toBe(atPeer?.modified_on);
    } else {
      // THIS: B's values are exactly its own edit, whatever the peer holds.
      expect(onB?.fields).toEqual(localB?.fields);
      expect(dataOf(onB)).not.toEqual(dataOf(atPeer));
    }
    // The fields only one side edited: A's phone always reaches the peer; B's website does unless
    // the peer dropped B's whole (older) push (THIS, B older).
    expect(atPeer?.fields['phone']).toBe(EDIT_A.phone);
    const bPushDropped = policy === 'THIS' && !bNewer;
    expect(atPeer?.fields['website'] ?? null).toBe(bPushDropped ? null : EDIT_B.website);
    if (policy === 'THIS') expect(onB?.fields['phone'] ?? null).toBeNull();

    // Nothing left pending on either side.
    expect(await a.store.pending(TABLE)).toEqual([]);
    expect(await b.store.pending(TABLE)).toEqual([]);

    // A's edit reached the peer before anything could overwrite it: A's inbox stays empty.
    expect(await a.store.listConflicts()).toEqual([]);
    const inbox = await b.store.listConflicts();
    if (inboxOnB) {
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ table: TABLE, uuid, kind: 'overwritten', resolved: false, source: 'Demo peer' });
      // The loser's edit is kept whole, as it was on B before the pull.
      expect(inbox[0]?.local).toEqual(localB);
      expect(inbox[0]?.incoming?.fields).toMatchObject(EDIT_A);
    } else {
      expect(inbox).toEqual([]);
    }
    expect(bRun.repositories[0]?.tasks[0]?.pull.kind).toBe('ok');
  });
});

describe('pushes carry only the changed fields of a record the peer holds', () => {
  /** The documents a device pushed, oldest first. */
  const pushedBodies = (d: Device): string[] => d.exchanges.filter((e) => e.method === 'POST' && e.url.pathname.endsWith('/sync/sync.xml')).map((e) => e.sent);

  async function twoDevices(): Promise<{ a: Device; b: Device }> {
    caseNo += 1;
    const a = await openDevice(peer, `A${caseNo}`, [{ resourceName: TABLE }]);
    const b = await openDevice(peer, `B${caseNo}`, [{ resourceName: TABLE }]);
    opened.push(a, b);
    expect((await a.sync()).status).toBe('success');
    expect((await b.sync()).status).toBe('success');
    return { a, b };
  }

  async function syncInTurn(...devices: Device[]): Promise<void> {
    for (const d of devices) {
      peer.clock.tick();
      expect((await d.sync()).status).toBe('success');
    }
  }

  /**
   * A edits only `phone`, B (later) edits only `name`. B's pull (NEWER) refuses the conflict, so
   * B's copy keeps the old phone; B's push carries only `name` (Eden's UPDATE applies only the
   * fields present, spec 4.10), so A's phone survives at the peer and both converge on both edits.
   */
  it('an edit of a field the other device did not touch survives the other device’s newer push', async () => {
    const { a, b } = await twoDevices();
    // An organisation that has a phone (both copies carry the field).
    const uuid = withPhone;
    const oldPhone = (await b.store.get(TABLE, uuid))?.fields['phone'];
    expect(oldPhone).toBeTruthy();
    peer.clock.tick();
    await a.store.saveLocal(TABLE, { uuid, fields: { phone: '+41 2 222' } });
    peer.clock.tick();
    await b.store.saveLocal(TABLE, { uuid, fields: { name: 'Renamed on B' } });
    expect((await b.store.pending(TABLE)).map((p) => [p.uuid, p.fields])).toEqual([[uuid, ['name']]]);
    await syncInTurn(a, b, a, b);

    const atPeer = await peer.record(TABLE, uuid);
    expect(atPeer?.fields).toMatchObject({ name: 'Renamed on B', phone: '+41 2 222' });
    // B's push named the record and carried its name, not its stale phone.
    const fromB = pushedBodies(b);
    expect(fromB).toHaveLength(1);
    expect(fromB[0]).toContain(`uuid="${uuid}"`);
    expect(fromB[0]).toContain('Renamed on B');
    expect(fromB[0]).not.toContain(`field="phone"`);
    // The demo peer lists uuids where Eden lists its integer ids; the reply keeps them.
    const replies = b.exchanges.filter((e) => e.method === 'POST' && e.url.pathname.endsWith('/sync/sync.xml'));
    expect(parsePushReply(replies[0]?.body ?? '')).toMatchObject({ status: 'success', created: [], updated: [uuid], deleted: [] });
    for (const d of [a, b]) {
      const local = await d.store.get(TABLE, uuid);
      expect(dataOf(local)).toEqual(dataOf(atPeer));
      expect(local?.modified_on).toBe(atPeer?.modified_on);
      expect(await d.store.pending(TABLE)).toEqual([]);
      expect(await d.store.listConflicts()).toEqual([]);
    }
  });

  /**
   * The reverse: A renames (a mandatory field), B later edits only `phone`. B's push does not carry
   * its stale name (Eden needs a mandatory field only when the record is new to it, matrix UF-011),
   * so A's rename survives.
   */
  it('a rename survives the other device’s newer push of another field', async () => {
    const { a, b } = await twoDevices();
    const uuid = targets[0] ?? '';
    peer.clock.tick();
    await a.store.saveLocal(TABLE, { uuid, fields: { name: 'Renamed on A' } });
    peer.clock.tick();
    await b.store.saveLocal(TABLE, { uuid, fields: { phone: '+41 3 333' } });
    await syncInTurn(a, b, a, b);
    const atPeer = await peer.record(TABLE, uuid);
    expect(atPeer?.fields).toMatchObject({ name: 'Renamed on A', phone: '+41 3 333' });
    expect(pushedBodies(b)[0]).not.toContain('field="name"');
    expect(dataOf(await a.store.get(TABLE, uuid))).toEqual(dataOf(atPeer));
    expect(dataOf(await b.store.get(TABLE, uuid))).toEqual(dataOf(atPeer));
  });

  it('a record created on a device is pushed whole, and its later edit by fields', async () => {
    const { a, b } = await twoDevices();
    peer.clock.tick();
    const created = await a.store.saveLocal(TABLE, { fields: { name: 'Made on A', acronym: 'MOA', comments: 'new' } });
    expect((await a.store.pending(TABLE))[0]?.fields).toBe('all');
    await syncInTurn(a, b);
    expect((await peer.record(TABLE, created.uuid))?.fields).toMatchObject({ name: 'Made on A', acronym: 'MOA', comments: 'new' });
    peer.clock.tick();
    await a.store.saveLocal(TABLE, { uuid: created.uuid, fields: { acronym: 'MA' } });
    peer.clock.tick();
    await b.store.saveLocal(TABLE, { uuid: created.uuid, fields: { comments: 'edited on B' } });
    await syncInTurn(a, b, a);
    const bodies = pushedBodies(a);
    expect(bodies[0]).toContain('>Made on A<');
    expect(bodies[1]).toContain('>MA<');
    expect(bodies[1]).not.toContain('field="name"');
    expect((await peer.record(TABLE, created.uuid))?.fields).toMatchObject({ name: 'Made on A', acronym: 'MA', comments: 'edited on B' });
    expect(dataOf(await a.store.get(TABLE, created.uuid))).toEqual(dataOf(await peer.record(TABLE, created.uuid)));
  });
});
