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
 * - THIS ("never update"): B never takes the peer's version. B newer: B's push wins at the peer
 *   (NEWER), A takes it: converge on B. B older: the peer's NEWER drops B's push while answering
 *   success, so B's pending mark is acknowledged, and B keeps its own version: NO convergence.
 *   That is what THIS means against a NEWER peer (Eden's reply does not say an update was
 *   skipped by policy); B's edit is not lost (it is B's current version), it just never wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyName } from '../../src/core/model/policy.js';
import { dataOf, type Device, openDevice, type Peer, startPeer } from './integration-support.js';

type Outcome = 'A' | 'B' | 'diverge';
type Case = { readonly policy: PolicyName; readonly bNewer: boolean; readonly winner: Outcome; readonly inboxOnB: boolean };

const CASES: readonly Case[] = [
  { policy: 'OTHER', bNewer: true, winner: 'A', inboxOnB: true },
  { policy: 'OTHER', bNewer: false, winner: 'A', inboxOnB: true },
  { policy: 'MASTER', bNewer: true, winner: 'A', inboxOnB: true },
  { policy: 'MASTER', bNewer: false, winner: 'A', inboxOnB: true },
  { policy: 'NEWER', bNewer: true, winner: 'B', inboxOnB: false },
  { policy: 'NEWER', bNewer: false, winner: 'A', inboxOnB: true },
  { policy: 'THIS', bNewer: true, winner: 'B', inboxOnB: false },
  { policy: 'THIS', bNewer: false, winner: 'diverge', inboxOnB: false },
];

const TABLE = 'org_organisation';
const EDIT_A = { name: 'Edited on A', comments: 'A was here', phone: '+41 1 111' };
const EDIT_B = { name: 'Edited on B', comments: 'B was here', website: 'https://b.example.org' };

let peer: Peer;
const opened: Device[] = [];
beforeAll(async () => {
  peer = await startPeer();
});
afterAll(async () => {
  for (const d of opened) d.close();
  await peer.dispose();
});

let caseNo = 0;

describe('two devices edit the same record: convergence under each update policy of the pulling task', () => {
  it.each(CASES)('$policy, B edits later: $bNewer -> winner $winner', async ({ policy, bNewer, winner, inboxOnB }) => {
    caseNo += 1;
    const a = await openDevice(peer, `A${caseNo}`, [{ resourceName: TABLE }]);
    const b = await openDevice(peer, `B${caseNo}`, [{ resourceName: TABLE, updatePolicy: policy, conflictPolicy: policy }]);
    opened.push(a, b);
    expect((await a.sync()).status).toBe('success');
    expect((await b.sync()).status).toBe('success');

    // A different live organisation per case (the peer is shared by the cases).
    const target = (await peer.all(TABLE)).filter((r) => !r.deleted)[caseNo];
    if (target === undefined) throw new Error('not enough organisations');
    const uuid = target.uuid;
    expect((await b.store.get(TABLE, uuid))?.mci).toBe(1);

    const editA = (): Promise<unknown> => a.store.saveLocal(TABLE, { uuid, fields: EDIT_A });
    const editB = (): Promise<unknown> => b.store.saveLocal(TABLE, { uuid, fields: EDIT_B });
    peer.clock.tick();
    await (bNewer ? editA() : editB());
    peer.clock.tick();
    await (bNewer ? editB() : editA());
    const localB = await b.store.get(TABLE, uuid);
    const localA = await a.store.get(TABLE, uuid);

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
    if (winner === 'diverge') {
      expect(atPeer?.fields).toMatchObject(EDIT_A);
      expect(dataOf(onA)).toEqual(dataOf(atPeer));
      expect(onB?.fields).toMatchObject(EDIT_B);
      expect(onB).toEqual(localB);
    } else {
      const expected = winner === 'A' ? EDIT_A : EDIT_B;
      const lost = winner === 'A' ? EDIT_B : EDIT_A;
      expect(atPeer?.fields).toMatchObject(expected);
      expect(dataOf(onA)).toEqual(dataOf(atPeer));
      expect(dataOf(onB)).toEqual(dataOf(atPeer));
      expect(onA?.modified_on).toBe(atPeer?.modified_on);
      expect(onB?.modified_on).toBe(atPeer?.modified_on);
      // The losing values are gone from the converged record (no silent field mix).
      for (const [field, value] of Object.entries(lost)) {
        if (!(field in expected)) continue;
        expect(onA?.fields[field]).not.toBe(value);
      }
    }

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
    // B's own run reports the policy outcome honestly: nothing failed.
    expect(bRun.repositories[0]?.tasks[0]?.pull.kind).toBe('ok');
    expect(localA?.fields).toMatchObject(EDIT_A);
  });
});
