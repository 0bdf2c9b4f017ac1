/**
 * Strategy x update policy x conflict policy x local state, against `receive`.
 *
 * Expected outcomes come from a small ORACLE below, written from the text of spec section 4
 * (4.3 methods, 4.4a strategy, 4.8 conflict detection, 4.9 default resolver, 4.10 update policy,
 * 4.12 reporting), the import-matrix findings 6, 7 and 13, and the project's documented decisions
 * 0003 (CREATE under MASTER from a non-master creates nothing, the intent of spec 8.6) and 0010
 * (overwritten pending edits go to the conflict inbox). It does not call our planner or policy code.
 *
 * Dimensions (one table, generated):
 * - strategy: all four methods, [create], [update], [create, update];
 * - update policy: THIS, OTHER, NEWER, MASTER;
 * - conflict detection: no last_sync; last_sync before both sides (every existing original is
 *   "modified" and so is the incoming element); or last_sync between TA and TB (an older incoming
 *   element is not modified); each crossed with conflict policy THIS/OTHER/NEWER/MASTER;
 * - local state: absent, unchanged peer copy, pending local edit, deleted locally (pending delete);
 * - incoming element: a record or a tombstone, older (TA), as old as (TB) or newer (TC) than the local TB,
 *   mci 1 (from the master) or 2.
 * Cases that share parameters are imported in ONE document (each case its own uuid; items of
 * different uuids do not interact), so 144 imports cover the 6,912 cases.
 *
 * The second part replays the recorded pushes of fixtures 08-push and 11-server-side-sync-task
 * (the server's local state rebuilt from the recorded pulls) and checks the recorded replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../src/core/model/record.js';
import { decodeS3Xml } from '../../src/core/s3xml/index.js';
import { receive, type ReceiveOptions } from '../../src/engine/receive/receive.js';
import type { PendingChange } from '../../src/ports/local-store.js';
import { fixtureText } from '../support/fixtures.js';
import { dumpStore, openStore, ORG, peer, s3xml, seed, type Opened } from './receive-support.js';

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const TA = '2024-01-10T10:00:00';
const TB = '2024-01-20T10:00:00';
const TC = '2024-01-30T10:00:00';
const BEFORE_BOTH = '2024-01-05T00:00:00';
/** After TA, before TB: an older (TA) incoming element is not "modified"; the local TB always is. */
const BETWEEN = '2024-01-15T00:00:00';
const NOW_MS = Date.UTC(2024, 2, 1, 0, 0, 0);
const NOW = '2024-03-01T00:00:00';
const TB_MS = Date.UTC(2024, 0, 20, 10, 0, 0);

const STRATEGIES: Readonly<Record<string, readonly string[]>> = {
  all: ['create', 'update', 'delete', 'merge'],
  create: ['create'],
  update: ['update'],
  'create+update': ['create', 'update'],
};
const POLICIES = ['THIS', 'OTHER', 'NEWER', 'MASTER'] as const;
type Policy = (typeof POLICIES)[number];
type LocalState = 'absent' | 'unchanged' | 'pending' | 'deleted';
const LOCAL_STATES: readonly LocalState[] = ['absent', 'unchanged', 'pending', 'deleted'];

type Group = {
  readonly index: number;
  readonly strategy: string;
  readonly update: Policy;
  readonly lastSync: string | null;
  readonly conflict: Policy | null;
};
type Case = {
  readonly uuid: string;
  readonly local: LocalState;
  readonly kind: 'record' | 'tombstone';
  readonly mtime: string;
  readonly mci: 1 | 2;
};

const GROUPS: Group[] = [];
for (const strategy of Object.keys(STRATEGIES)) {
  for (const update of POLICIES) {
    GROUPS.push({ index: GROUPS.length, strategy, update, lastSync: null, conflict: null });
    for (const lastSync of [BEFORE_BOTH, BETWEEN]) {
      for (const conflict of POLICIES) GROUPS.push({ index: GROUPS.length, strategy, update, lastSync, conflict });
    }
  }
}

function casesOf(group: Group): Case[] {
  const cases: Case[] = [];
  for (const local of LOCAL_STATES) {
    for (const kind of ['record', 'tombstone'] as const) {
      for (const mtime of [TA, TB, TC]) {
        for (const mci of [1, 2] as const) {
          const rel = mtime === TA ? 'older' : mtime === TB ? 'same' : 'newer';
          cases.push({ uuid: `urn:uuid:pm-${group.index}-${local}-${kind}-${rel}-mci${mci}`, local, kind, mtime, mci });
        }
      }
    }
  }
  return cases;
}

const label = (g: Group): string =>
  `strategy=${g.strategy} update=${g.update} ${g.lastSync === null ? 'no last_sync' : `last_sync ${g.lastSync === BETWEEN ? 'between' : 'before both'}, conflict=${g.conflict ?? ''}`}`;
const caseLabel = (c: Case): string =>
  `${c.local} local, incoming ${c.kind} ${c.mtime === TA ? 'older' : c.mtime === TB ? 'same mtime' : 'newer'} mci ${c.mci}`;

// ---------------------------------------------------------------------------------------------
// The oracle (spec text only)
// ---------------------------------------------------------------------------------------------

/** The local original as the oracle sees it. All local copies came from the peer: mci 1. */
type OracleLocal = { readonly name: string; readonly acronym: string; readonly mtime: string; readonly mci: number; readonly deleted: boolean };
/** Expected final state of the record (null: it does not exist). */
type OracleRecord = OracleLocal | null;
type Expectation = {
  readonly error: boolean;
  readonly listed: 'created' | 'updated' | 'deleted' | null;
  readonly record: OracleRecord;
};

const REMOTE = { name: 'Remote Org', acronym: 'REM' };

function oracleLocal(state: LocalState): OracleLocal | null {
  switch (state) {
    case 'absent':
      return null;
    case 'unchanged':
      return { name: 'Local Org', acronym: 'LOC', mtime: TB, mci: 1, deleted: false };
    case 'pending':
      return { name: 'Edited Org', acronym: 'LOC', mtime: TB, mci: 1, deleted: false };
    case 'deleted':
      return { name: 'Local Org', acronym: 'LOC', mtime: TB, mci: 1, deleted: true };
  }
}

/** 4.8: a conflict needs last_sync and both sides modified at or after it (C-007: equality counts). */
function inConflict(group: Group, local: OracleLocal, c: Case): boolean {
  return group.lastSync !== null && local.mtime >= group.lastSync && c.mtime >= group.lastSync;
}

/** 4.9: the default resolver over the conflict policy. */
function resolverAccepts(policy: Policy | null, local: OracleLocal, c: Case): boolean {
  switch (policy) {
    case 'OTHER':
      return true;
    case 'NEWER':
      return local.mtime <= c.mtime;
    case 'MASTER':
      // Eden: local mci == 0 or incoming mci == 1; decision 0005: local mci != 0 and incoming mci == 1.
      // Every local copy here has mci 1, where both read "incoming mci == 1".
      return c.mci === 1;
    default:
      return false;
  }
}

/** 4.10: "original newer" (strictly) and "not from master". */
const originalNewer = (local: OracleLocal, c: Case): boolean => local.mtime > c.mtime;
const notFromMaster = (local: OracleLocal, c: Case): boolean => local.mci === 0 || c.mci !== 1;

/** 4.10: does the policy keep an incoming field value? */
function policyKeeps(policy: Policy, local: OracleLocal, c: Case): boolean {
  switch (policy) {
    case 'THIS':
      return false;
    case 'OTHER':
      return true;
    case 'NEWER':
      return !originalNewer(local, c);
    case 'MASTER':
      return !notFromMaster(local, c);
  }
}

function expectOutcome(group: Group, c: Case): Expectation {
  const strategy = new Set(STRATEGIES[group.strategy]);
  const local = oracleLocal(c.local);
  const refused: Expectation = { error: true, listed: null, record: local };
  if (c.kind === 'tombstone') {
    // 4.3: deleted and no original: ignored silently, before the strategy check (DEL-021).
    if (local === null) return { error: false, listed: null, record: null };
    if (!strategy.has('delete')) return refused; // 4.4a
    const kept: Expectation = { error: false, listed: 'deleted', record: local }; // finding 7
    if (local.deleted) return kept; // 4.10 DELETE: original already deleted
    if (inConflict(group, local, c) && !resolverAccepts(group.conflict, local, c)) return kept; // 4.8
    if (group.update === 'THIS') return kept;
    if (group.update === 'NEWER' && originalNewer(local, c)) return kept;
    if (group.update === 'MASTER' && notFromMaster(local, c)) return kept; // finding 6: tombstone mci is read
    return { error: false, listed: 'deleted', record: { ...local, deleted: true, mtime: NOW } };
  }
  if (local === null) {
    if (!strategy.has('create')) return refused;
    // 4.10 CREATE: THIS and NEWER do not apply. MASTER from a non-master: nothing is created
    // (8.6 intended behaviour; decision 0003). The item still counts but is not listed.
    if (group.update === 'MASTER' && c.mci !== 1) return { error: false, listed: null, record: null };
    return { error: false, listed: 'created', record: { ...REMOTE, mtime: c.mtime, mci: c.mci, deleted: false } };
  }
  if (!strategy.has('update')) return refused;
  const kept: Expectation = { error: false, listed: 'updated', record: local }; // 4.12: refused updates are listed
  if (inConflict(group, local, c) && !resolverAccepts(group.conflict, local, c)) return kept;
  const keepsFields = policyKeeps(group.update, local, c);
  if (local.deleted) {
    // 4.10 UPDATE step 1 and 3: NEWER/MASTER may leave the deletion standing; otherwise it is
    // undeleted, even under THIS (8.7c), and the write stamps the incoming mtime (finding 13).
    if (group.update === 'NEWER' && originalNewer(local, c)) return kept;
    if (group.update === 'MASTER' && notFromMaster(local, c)) return kept;
    const fields = keepsFields ? REMOTE : { name: local.name, acronym: local.acronym };
    return { error: false, listed: 'updated', record: { ...local, ...fields, deleted: false, mtime: c.mtime } };
  }
  if (!keepsFields) return kept;
  // The local mci is kept; modified_on becomes the incoming one, even when older (finding 13).
  return { error: false, listed: 'updated', record: { ...local, ...REMOTE, mtime: c.mtime } };
}

// ---------------------------------------------------------------------------------------------
// Running a group
// ---------------------------------------------------------------------------------------------

function elementOf(c: Case): string {
  const head = `<resource name="${ORG}" uuid="${c.uuid}" mci="${c.mci}" modified_on="${c.mtime}"`;
  if (c.kind === 'tombstone') return `${head} deleted="True"/>`;
  return `${head}><data field="name">${REMOTE.name}</data><data field="acronym">${REMOTE.acronym}</data></resource>`;
}

async function buildLocalState(opened: Opened, cases: readonly Case[]): Promise<void> {
  const { store, clock } = opened;
  const present = cases.filter((c) => c.local !== 'absent');
  await seed(
    store,
    present.map((c) =>
      peer(ORG, c.uuid, { name: 'Local Org', acronym: 'LOC' }, { mci: 1, modified_on: c.local === 'unchanged' ? TB : '2024-01-01T09:00:00' }),
    ),
  );
  clock.time = TB_MS; // local edits are stamped with the clock: TB
  for (const c of cases) {
    if (c.local === 'pending') await store.saveLocal(ORG, { uuid: c.uuid, fields: { name: 'Edited Org' } });
    if (c.local === 'deleted') await store.removeLocal(ORG, c.uuid);
  }
}

function actualOf(record: LocalRecord | undefined): OracleRecord {
  if (record === undefined) return null;
  return {
    name: String(record.fields['name']),
    acronym: String(record.fields['acronym']),
    mtime: record.modified_on ?? '',
    mci: record.mci,
    deleted: record.deleted,
  };
}

let opened: Opened;
beforeAll(async () => {
  opened = await openStore('policy-matrix');
});
afterAll(() => opened.store.close());

describe('policy matrix (oracle from spec section 4)', () => {
  it('covers every combination', () => {
    expect(GROUPS).toHaveLength(144);
    expect(GROUPS.flatMap(casesOf)).toHaveLength(6912);
  });

  it.each(GROUPS.map((group) => [label(group), group] as const))('%s', async (_name, group) => {
    const { store, clock } = opened;
    const cases = casesOf(group);
    await buildLocalState(opened, cases);
    const keys = cases.map((c) => ({ table: ORG, uuid: c.uuid }));
    const before = await store.getRecords(keys);
    const pendingBefore = await store.pendingOf(keys);

    clock.time = NOW_MS;
    const options: ReceiveOptions = {
      strategy: STRATEGIES[group.strategy],
      updatePolicy: group.update,
      conflictPolicy: group.conflict,
      lastSync: group.lastSync,
      source: 'matrix',
    };
    const outcome = await receive({ store, clock }, s3xml(...cases.map(elementOf)), ORG, options);

    const after = await store.getRecords(keys);
    const pendingAfter = await store.pendingOf(keys);
    const inbox = await store.listConflicts();
    const report = outcome.response;
    const mismatches: string[] = [];
    const check = (c: Case, what: string, actual: unknown, expected: unknown): void => {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${caseLabel(c)}: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      }
    };

    let counted = 0;
    cases.forEach((c, i) => {
      const expected = expectOutcome(group, c);
      if (!expected.error) counted += 1;
      const errors = report.errors.filter((error) => error.uuid === c.uuid);
      check(c, 'error', errors.map((error) => error.message), expected.error ? ['Operation not permitted'] : []);
      const listedIn = (['created', 'updated', 'deleted'] as const).filter((list) => report[list].includes(c.uuid));
      check(c, 'listed under', listedIn, expected.listed === null ? [] : [expected.listed]);
      check(c, 'record', actualOf(after[i]), expected.record);

      // The project's invariant for local changes not yet pushed (pending edit, pending delete).
      const entries = inbox.filter((entry) => entry.uuid === c.uuid);
      const pending: PendingChange | undefined = pendingBefore[i];
      const was = before[i];
      const now = after[i];
      if (pending === undefined) {
        check(c, 'conflict inbox entries (no pending change)', entries.length, 0);
        return;
      }
      const overwritten = JSON.stringify(actualOf(now)) !== JSON.stringify(actualOf(was));
      if (overwritten) {
        check(c, 'conflict inbox entries', entries.length, 1);
        const entry = entries[0];
        if (entry !== undefined) {
          check(c, 'inbox kind', entry.kind, now?.deleted === true ? 'deleted-by-peer' : 'overwritten');
          check(c, 'inbox local version', entry.local, was);
          check(c, 'inbox incoming version', entry.incoming, now?.deleted === true ? null : now);
          check(c, 'inbox source', entry.source, 'matrix');
        }
      } else {
        check(c, 'record untouched', now, was);
        check(c, 'conflict inbox entries (local kept)', entries.length, 0);
        check(c, 'still pending', pendingAfter[i], pending);
      }
    });

    expect(mismatches).toEqual([]);
    expect(report.records).toBe(counted);
    expect(report.conflicts).toBe(inbox.filter((entry) => cases.some((c) => c.uuid === entry.uuid)).length);
    const anyRefused = cases.some((c) => expectOutcome(group, c).error);
    expect(outcome.status).toBe(anyRefused ? 'warning' : 'success');
    expect(outcome.message).toBe(anyRefused ? 'Operation not permitted - invalid items ignored' : null);
  });
});

// ---------------------------------------------------------------------------------------------
// Recorded pushes (08-push, 11-server-side-sync-task) replayed against the server's state
// ---------------------------------------------------------------------------------------------

const uuidOrg = (n: number): string => `urn:uuid:0a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (text: string): number => Date.parse(`${text}Z`);

/** What /eden/sync/sync.xml does without a server-side task (README of 11): all methods, NEWER, MASTER. */
const SYNC_CONTROLLER: ReceiveOptions = { strategy: null, updatePolicy: 'NEWER', conflictPolicy: 'MASTER' };

describe('recorded pushes of 08-push, replayed', () => {
  let replay: Opened;
  const push = (name: string, options: ReceiveOptions, resource = ORG) =>
    receive({ store: replay.store, clock: replay.clock }, fixtureText(`08-push/${name}.request.xml`), resource, options);
  const org = async (n: number): Promise<LocalRecord | undefined> => replay.store.get(ORG, uuidOrg(n));

  beforeAll(async () => {
    replay = await openStore('policy-replay');
    // The server's organisations before the pushes, as the full pull recorded them.
    const seeded = await receive(
      { store: replay.store, clock: replay.clock },
      fixtureText('03-pull-full/01-pull-org_organisation.response.xml'),
      ORG,
      { updatePolicy: 'OTHER' },
    );
    expect(seeded.status).toBe('success');
  });
  afterAll(() => replay.store.close());

  it('01: three creates are listed under created', async () => {
    replay.clock.time = at('2026-11-29T22:06:09');
    const outcome = await push('01-push-create-POST', SYNC_CONTROLLER);
    expect(outcome.status).toBe('success');
    expect(outcome.response).toMatchObject({ records: 3, updated: [], deleted: [] });
    expect([...outcome.response.created].sort()).toEqual([uuidOrg(5), uuidOrg(6), uuidOrg(7)]);
    expect((await replay.store.get('org_office', 'urn:uuid:0b000000-0000-4000-8000-000000000005'))?.parent?.uuid).toBe(uuidOrg(5));
  });

  it('02: a newer update is applied and listed under updated', async () => {
    const outcome = await push('02-push-update-newer-PUT', SYNC_CONTROLLER);
    expect(outcome.response).toMatchObject({ records: 1, updated: [uuidOrg(1)], created: [] });
    expect((await org(1))?.fields['name']).toBe('Alpha Relief Agency (renamed by client)');
    expect((await org(1))?.modified_on).toBe('2026-11-29T22:06:11');
  });

  it('03/04/04b: an older update under NEWER is refused but still listed under updated', async () => {
    const beta = await org(2);
    for (const name of [
      '03-push-update-older-mtime-NEWER-policy',
      '04-push-update-older-mtime-OTHER-policy',
      '04b-push-update-older-mtime-THIS-policy-via-sync-controller',
    ]) {
      const outcome = await push(name, SYNC_CONTROLLER);
      expect(outcome.status, name).toBe('success');
      expect(outcome.response, name).toMatchObject({ records: 1, updated: [uuidOrg(2)], created: [], errors: [] });
      expect(await org(2), name).toEqual(beta);
    }
  });

  it('04b (our THIS): the local version is kept', async () => {
    const beta = await org(2);
    const outcome = await push('04b-push-update-older-mtime-THIS-policy-via-sync-controller', { updatePolicy: 'THIS', conflictPolicy: 'THIS' });
    expect(outcome.response).toMatchObject({ records: 1, updated: [uuidOrg(2)] });
    expect(await org(2)).toEqual(beta);
  });

  it('04c: OTHER (the pusher wins) forces the older update and moves modified_on back', async () => {
    // The URL says THIS from the pusher's side; Eden swaps it, so the receiver applies OTHER.
    const outcome = await push('04c-push-update-older-mtime-THIS-policy-direct-endpoint', { updatePolicy: 'OTHER', conflictPolicy: 'OTHER' });
    expect(outcome.response).toMatchObject({ records: 1, updated: [uuidOrg(2)] });
    const beta = await org(2);
    expect(beta?.fields['name']).toBe('Beta Medical Corps (forced via direct endpoint)');
    expect(beta?.modified_on).toBe('2020-01-01T00:00:00');
  });

  it('05: a tombstone deletes Zeta (deletion time = now) and is listed under deleted', async () => {
    replay.clock.time = at('2026-11-29T22:06:14');
    const outcome = await push('05-push-delete', SYNC_CONTROLLER);
    expect(outcome.response).toMatchObject({ records: 1, deleted: [uuidOrg(6)] });
    expect(await org(6)).toMatchObject({ deleted: true, modified_on: '2026-11-29T22:06:14' });
  });

  it('06: with every method allowed, the update and the create both apply', async () => {
    const outcome = await push('06-push-strategy-create-only', SYNC_CONTROLLER);
    expect(outcome.response).toMatchObject({ records: 2, created: [uuidOrg(8)], updated: [uuidOrg(7)] });
    expect((await org(7))?.fields['name']).toBe('Eta Community Health (update under create-only strategy)');
  });

  it('06b: strategy create-only refuses the update ("Operation not permitted") and creates Kappa', async () => {
    replay.clock.time = at('2026-11-29T22:06:15');
    const eta = await org(7);
    const outcome = await push('06b-push-strategy-create-only-direct-endpoint', { strategy: ['create'], updatePolicy: 'NEWER', conflictPolicy: 'MASTER' });
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toBe('Operation not permitted - invalid items ignored');
    expect(outcome.response).toMatchObject({ records: 1, created: [uuidOrg(11)], updated: [] });
    expect(outcome.response.errors).toEqual([{ uuid: uuidOrg(7), table: ORG, field: null, message: 'Operation not permitted' }]);
    expect(await org(7)).toEqual(eta);
  });

  it('07: a record without its required name is refused, the valid one created', async () => {
    const outcome = await push('07-push-validation-error-missing-name', SYNC_CONTROLLER);
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toBe('name: value(s) required - invalid items ignored');
    expect(outcome.response).toMatchObject({ records: 1, created: [uuidOrg(10)] });
    expect(await org(9)).toBeUndefined();
  });

  it('12: the create body again without policies: all listed under updated, deleted Zeta stays deleted', async () => {
    const zeta = await org(6);
    const outcome = await push('12-push-no-policy-params', SYNC_CONTROLLER);
    expect(outcome.response).toMatchObject({ records: 3, created: [], deleted: [] });
    expect([...outcome.response.updated].sort()).toEqual([uuidOrg(5), uuidOrg(6), uuidOrg(7)]);
    expect(await org(6)).toEqual(zeta);
  });

  it('ends in the state of the recorded full pull 08-push/11 for every pushed organisation', async () => {
    const eden = decodeS3Xml(fixtureText('08-push/11-pull-org_organisation-full-after-push.response.xml'));
    const pushed = [1, 2, 5, 6, 7, 8, 10, 11].map(uuidOrg);
    const byUuid = (a: { uuid?: string | undefined }, b: { uuid?: string | undefined }): number => (a.uuid ?? '').localeCompare(b.uuid ?? '');
    const expected = eden.resources
      .filter((r) => r.name === ORG && pushed.includes(r.attributes['uuid'] ?? ''))
      .map((r) => ({
        uuid: r.attributes['uuid'],
        deleted: r.attributes['deleted'] === 'True',
        modified_on: r.attributes['modified_on'],
        name: r.data.find((d) => d.field === 'name')?.text ?? null,
      }))
      .sort(byUuid);
    expect(expected).toHaveLength(pushed.length);
    const ours = await replay.store.getRecords(pushed.map((uuid) => ({ table: ORG, uuid })));
    expect(
      ours.map((r) => ({ uuid: r?.uuid, deleted: r?.deleted, modified_on: r?.modified_on, name: r?.deleted === true ? null : (r?.fields['name'] ?? null) })),
    ).toEqual(expected);
  });
});

describe('recorded push of 11-server-side-sync-task, replayed', () => {
  it('a create-only THIS task creates Lena and refuses the update of Jane', async () => {
    const { store, clock } = await openStore('policy-replay-11');
    try {
      await receive({ store, clock }, fixtureText('03-pull-full/03-pull-pr_person.response.xml'), 'pr_person', { updatePolicy: 'OTHER' });
      const jane = await store.get('pr_person', 'urn:uuid:0c000000-0000-4000-8000-000000000001');
      expect(jane?.fields['first_name']).toBe('Jane');
      const outcome = await receive(
        { store, clock },
        fixtureText('11-server-side-sync-task/01-push-pr_person-with-task-create-only-THIS.request.xml'),
        'pr_person',
        { strategy: ['create'], updatePolicy: 'THIS', conflictPolicy: 'THIS' },
      );
      expect(outcome.status).toBe('warning');
      expect(outcome.message).toBe('Operation not permitted - invalid items ignored');
      expect(outcome.response).toMatchObject({ records: 1, created: ['urn:uuid:0c000000-0000-4000-8000-000000000005'], updated: [] });
      expect(await store.get('pr_person', 'urn:uuid:0c000000-0000-4000-8000-000000000001')).toEqual(jane);
      // 02-pull-pr_person-after confirms: Jane kept her name, Lena exists.
      const after = decodeS3Xml(fixtureText('11-server-side-sync-task/02-pull-pr_person-after.response.xml'));
      const names = after.resources.map((r) => r.data.find((d) => d.field === 'first_name')?.text);
      expect(names).toContain('Jane');
      expect(names).toContain('Lena');
      expect((await store.get('pr_person', 'urn:uuid:0c000000-0000-4000-8000-000000000005'))?.fields['first_name']).toBe('Lena');
    } finally {
      store.close();
    }
  });
});

describe('pending local changes: targeted cases of the invariant (decision 0010)', () => {
  let t: Opened;
  beforeAll(async () => {
    t = await openStore('policy-pending');
  });
  afterAll(() => t.store.close());
  const recv = (doc: string, options: ReceiveOptions) => receive({ store: t.store, clock: t.clock }, doc, ORG, options);

  it('a partial overwrite keeps the local edit pending and puts the old version in the inbox', async () => {
    await seed(t.store, [peer(ORG, 'urn:uuid:pp-1', { name: 'A', acronym: 'AA' })]);
    t.clock.time = TB_MS;
    await t.store.saveLocal(ORG, { uuid: 'urn:uuid:pp-1', fields: { comments: 'mine' } });
    const before = await t.store.get(ORG, 'urn:uuid:pp-1');
    const [pending] = await t.store.pendingOf([{ table: ORG, uuid: 'urn:uuid:pp-1' }]);
    t.clock.time = NOW_MS;
    const outcome = await recv(s3xml(`<resource name="${ORG}" uuid="urn:uuid:pp-1" modified_on="${TC}"><data field="name">A2</data></resource>`), {
      updatePolicy: 'OTHER',
    });
    expect(outcome.response.conflicts).toBe(1);
    const after = await t.store.get(ORG, 'urn:uuid:pp-1');
    expect(after?.fields).toEqual({ name: 'A2', acronym: 'AA', comments: 'mine' });
    const [entry] = (await t.store.listConflicts()).filter((e) => e.uuid === 'urn:uuid:pp-1');
    expect(entry).toMatchObject({ kind: 'overwritten', local: before, incoming: after });
    expect(await t.store.pendingOf([{ table: ORG, uuid: 'urn:uuid:pp-1' }])).toEqual([pending]);
  });

  it('a merge notice deleting a pending duplicate puts it in the inbox as deleted-by-peer', async () => {
    await seed(t.store, [peer(ORG, 'urn:uuid:pp-dup', { name: 'Dup' }), peer(ORG, 'urn:uuid:pp-surv', { name: 'Survivor' })]);
    t.clock.time = TB_MS;
    await t.store.saveLocal(ORG, { uuid: 'urn:uuid:pp-dup', fields: { name: 'Dup edited' } });
    const before = await t.store.get(ORG, 'urn:uuid:pp-dup');
    t.clock.time = NOW_MS;
    await recv(s3xml(`<resource name="${ORG}" uuid="urn:uuid:pp-dup" deleted="True" replaced_by="urn:uuid:pp-surv" modified_on="${TC}"/>`), {
      updatePolicy: 'OTHER',
    });
    expect(await t.store.get(ORG, 'urn:uuid:pp-dup')).toMatchObject({ deleted: true, replaced_by: 'urn:uuid:pp-surv' });
    const [entry] = (await t.store.listConflicts()).filter((e) => e.uuid === 'urn:uuid:pp-dup');
    expect(entry).toMatchObject({ kind: 'deleted-by-peer', local: before, incoming: null });
  });

  it('with ignoreErrors false, an error elsewhere means no overwrite and no inbox entry', async () => {
    await seed(t.store, [peer(ORG, 'urn:uuid:pp-ie', { name: 'IE' })]);
    t.clock.time = TB_MS;
    await t.store.saveLocal(ORG, { uuid: 'urn:uuid:pp-ie', fields: { name: 'IE edited' } });
    const before = await dumpStore(t.store);
    t.clock.time = NOW_MS;
    const outcome = await recv(
      s3xml(
        `<resource name="${ORG}" uuid="urn:uuid:pp-ie" modified_on="${TC}"><data field="name">Theirs</data></resource>`,
        `<resource name="${ORG}" uuid="urn:uuid:pp-bad" modified_on="${TC}"><data field="acronym">no name</data></resource>`,
      ),
      { updatePolicy: 'OTHER', ignoreErrors: false },
    );
    expect(outcome.status).toBe('error');
    expect(await dumpStore(t.store)).toEqual(before);
  });

  it('a record created here (mci 0) is the master: MASTER refuses a peer update, in a conflict too', async () => {
    t.clock.time = TB_MS;
    const mine = await t.store.saveLocal(ORG, { uuid: 'urn:uuid:pp-own', fields: { name: 'Created here' } });
    expect(mine.mci).toBe(0);
    const [pending] = await t.store.pendingOf([{ table: ORG, uuid: 'urn:uuid:pp-own' }]);
    t.clock.time = NOW_MS;
    const doc = s3xml(`<resource name="${ORG}" uuid="urn:uuid:pp-own" mci="1" modified_on="${TC}"><data field="name">Peer</data></resource>`);
    for (const options of [
      { updatePolicy: 'MASTER' },
      { updatePolicy: 'OTHER', conflictPolicy: 'MASTER', lastSync: BEFORE_BOTH },
    ] as const) {
      const outcome = await recv(doc, options);
      expect(outcome.response.updated).toEqual(['urn:uuid:pp-own']);
      expect(await t.store.get(ORG, 'urn:uuid:pp-own')).toEqual(mine);
      expect(await t.store.pendingOf([{ table: ORG, uuid: 'urn:uuid:pp-own' }])).toEqual([pending]);
    }
    expect((await t.store.listConflicts()).filter((e) => e.uuid === 'urn:uuid:pp-own')).toEqual([]);
  });
});
