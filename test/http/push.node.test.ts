import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { push } from '../../src/engine/active/push.js';
import { fixtureMeta } from '../support/fixtures.js';
import { harness, makeTask, repository } from './active-support.js';
import { ADMIN_AUTH, BASE, PASSWORD, record, replay, type Seen, SERVER_UUID } from './msw-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SYNC = `${BASE}/sync/sync.xml`;
const REGISTER = `${BASE}/sync/repository/register.json`;

async function withEdits(names: string[], options = {}) {
  const h = await harness(makeTask(), {}, options);
  const uuids: string[] = [];
  for (const name of names) uuids.push((await h.store.saveLocal('org_organisation', { fields: { name } })).uuid);
  return { h, uuids };
}

describe('push', () => {
  it('POSTs pending changes exactly as Eden needs and acknowledges them', async () => {
    const { h, uuids } = await withEdits(['Epsilon', 'Zeta', 'Eta']);
    const seen: Seen[] = [];
    server.use(
      http.post(SYNC, async ({ request }) => {
        await record(seen, request);
        return replay('08-push', '01-push-create-POST');
      }),
    );
    const result = await push(h.ctx(), makeTask());
    expect(result).toEqual({ error: null, mtime: '2026-11-29T22:10:00', status: 'success', message: 'Data sent successfully (3 records)', idle: false });
    expect(seen).toHaveLength(1);
    const req = seen[0];
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(fixtureMeta('08-push/01-push-create-POST.meta.json').request.url);
    expect(req?.headers['authorization']).toBe(ADMIN_AUTH);
    expect(req?.headers['content-type']).toBe('text/xml');
    expect(req?.headers['content-disposition']).toBe('attachment; filename="org_organisation.xml"');
    expect(req?.body).toMatch(/^<\?xml[^>]*\?>\s*<s3xml/);
    for (const uuid of uuids) expect(req?.body).toContain(`uuid="${uuid}"`);
    expect(req?.body).toContain('>Epsilon<');
    expect(await h.store.listPending('org_organisation')).toEqual([]);
    const task = await h.store.getTask('task-org');
    expect(task?.lastPush).toBe(result.mtime);
    expect(result.mtime).toBe('2026-11-29T22:10:00');
    expect((await h.store.listLog())[0]).toMatchObject({ mode: 'push', action: 'send', result: 'success', message: 'Data sent successfully (3 records)' });
  });

  it('sends batches and acknowledges each one on its own', async () => {
    const { h } = await withEdits(['A', 'B', 'C', 'D', 'E'], { pushBatchSize: 2 });
    let calls = 0;
    server.use(
      http.post(SYNC, () => {
        calls += 1;
        if (calls === 3) return HttpResponse.json({ status: 'failed', statuscode: '400', message: 'XML Parse error: boom' }, { status: 400 });
        return HttpResponse.text('{"status": "success", "statuscode": "200", "records": 2, "created": [1, 2]}');
      }),
    );
    const result = await push(h.ctx(), makeTask());
    expect(result.error).toContain('XML Parse error: boom');
    expect(calls).toBe(3);
    expect((await h.store.listPending('org_organisation')).length).toBe(1);
    expect((await h.store.getTask('task-org'))?.lastPush).toBeNull();
  });

  it('keeps a record Eden refused pending, with Eden message (error tree)', async () => {
    const { h, uuids } = await withEdits(['Good', 'Bad']);
    const bad = uuids[1] ?? '';
    server.use(
      http.post(SYNC, () =>
        HttpResponse.text(
          JSON.stringify({
            status: 'success',
            statuscode: '200',
            message: 'name: value(s) required - invalid items ignored',
            records: 1,
            created: [10],
            tree: { $_org_organisation: [{ '@uuid': bad, '@error': 'name: value(s) required' }] },
          }),
        ),
      ),
    );
    const result = await push(h.ctx(), makeTask());
    expect(result).toMatchObject({ error: null, status: 'warning', idle: false });
    expect(result.message).toContain(`(UID: ${bad}) org_organisation: name: value(s) required`);
    // The refusal is visible through store.pending (PendingChange.error), not in the conflict inbox.
    const pending = await h.store.pending('org_organisation');
    expect(pending.map((p) => [p.uuid, p.error])).toEqual([[bad, 'name: value(s) required']]);
    expect(await h.store.listConflicts({ includeResolved: true })).toEqual([]);
    expect((await h.store.listLog())[0]).toMatchObject({ result: 'warning', remote: true, message: result.message });

    // not re-sent until edited again
    let calls = 0;
    server.use(http.post(SYNC, () => void (calls += 1)));
    expect(await push(h.ctx(), makeTask())).toEqual({ error: null, mtime: null, status: 'warning', message: 'No data to send', idle: true });
    expect(calls).toBe(0);
    expect((await h.store.listLog())[0]?.message).toBe('No data to send');
  });

  it('registers once on "Registration required" and retries the batch', async () => {
    const { h } = await withEdits(['Alpha']);
    const order: string[] = [];
    let pushes = 0;
    server.use(
      http.post(SYNC, () => {
        order.push('push');
        pushes += 1;
        return pushes === 1 ? replay('10-errors', '07-push-unregistered-repository') : replay('08-push', '09-push-pr_person');
      }),
      http.post(REGISTER, () => {
        order.push('register');
        return replay('01-register', '01-register-new');
      }),
    );
    expect((await push(h.ctx(), makeTask())).error).toBeNull();
    expect(order).toEqual(['push', 'register', 'push']);
    expect(await h.store.getRepository(repository.id)).toMatchObject({ registered: true, peerUuid: SERVER_UUID });
    expect(await h.store.listPending('org_organisation')).toEqual([]);
  });

  it('does not loop when registration does not help', async () => {
    const { h } = await withEdits(['Alpha']);
    const order: string[] = [];
    server.use(
      http.post(SYNC, () => {
        order.push('push');
        return replay('10-errors', '07-push-unregistered-repository');
      }),
      http.post(REGISTER, () => {
        order.push('register');
        return replay('01-register', '01-register-new');
      }),
    );
    const result = await push(h.ctx(), makeTask());
    expect(result.error).toContain('not registered');
    expect(order).toEqual(['push', 'register', 'push']);
    expect(await h.store.listPending('org_organisation')).toHaveLength(1);
  });

  it('a 500 ticket is retried with backoff, then reported briefly; nothing is acknowledged', async () => {
    const { h } = await withEdits(['Alpha']);
    let calls = 0;
    server.use(
      http.post(SYNC, () => {
        calls += 1;
        return replay('09-push-without-content-disposition', '01-push-text-xml-no-content-disposition');
      }),
    );
    const result = await push(h.ctx(), makeTask());
    expect(calls).toBe(4);
    expect(h.waits).toEqual([500, 1000, 2000]);
    expect(result.error).toMatch(/^The Eden server had an internal error: ticket eden\//);
    expect(result.error).not.toContain('<');
    expect(await h.store.listPending('org_organisation')).toHaveLength(1);
    expect((await h.store.getTask('task-org'))?.lastPush).toBeNull();
  });

  it('403 Insufficient Privileges stops with FATAL and a permission message, no secrets logged', async () => {
    const { h } = await withEdits(['Alpha']);
    server.use(http.post(SYNC, () => replay('10-errors', '05-push-normaluser')));
    const result = await push(h.ctx(), makeTask());
    expect(result.error).toContain('not allowed');
    expect(result).toMatchObject({ mtime: null, status: 'fatal', message: result.error, idle: false });
    const log = await h.store.listLog();
    expect(log[0]).toMatchObject({ mode: 'push', result: 'fatal', remote: true });
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    expect(JSON.stringify(log)).not.toContain(ADMIN_AUTH.slice(6));
  });

  it('acknowledges a record whose uuid needs attribute escaping (TAB, quote, ampersand)', async () => {
    const h = await harness(makeTask());
    const uuid = 'urn:uuid:odd\t"&<id>';
    await h.store.saveLocal('org_organisation', { uuid, fields: { name: 'Odd uuid' } });
    const seen: Seen[] = [];
    server.use(
      http.post(SYNC, async ({ request }) => {
        await record(seen, request);
        return HttpResponse.text('{"status": "success", "statuscode": "200", "records": 1, "created": [1]}');
      }),
    );
    const result = await push(h.ctx(), makeTask());
    expect(result).toMatchObject({ error: null, status: 'success', message: 'Data sent successfully (1 records)' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toContain('uuid="urn:uuid:odd&#9;&quot;&amp;&lt;id&gt;"');
    expect(await h.store.listPending('org_organisation')).toEqual([]);
  });

  it('an edit made during the push stays pending', async () => {
    const { h, uuids } = await withEdits(['Before']);
    const uuid = uuids[0] ?? '';
    server.use(
      http.post(SYNC, async () => {
        await h.store.saveLocal('org_organisation', { uuid, fields: { name: 'After' } });
        return replay('08-push', '09-push-pr_person');
      }),
    );
    expect((await push(h.ctx(), makeTask())).error).toBeNull();
    expect((await h.store.listPending('org_organisation')).map((p) => p.uuid)).toEqual([uuid]);
  });

  describe('components, cleared fields and repositories (decision 0014)', () => {
    const ORG = 'org_organisation';
    const OFFICE = 'org_office';
    const MASTER = 'urn:uuid:master-org';
    const OK = '{"status": "success", "statuscode": "200", "records": 1, "updated": [1]}';

    /** A store holding an organisation received from the peer (not pending). */
    async function withPeerOrg(fields: Record<string, string | number | null> = { name: 'Peer Org', comments: 'note', phone: '1' }) {
      const h = await harness(makeTask());
      const org = {
        table: ORG, uuid: MASTER, fields, references: {}, mci: 1, created_on: '2026-01-01T00:00:00', modified_on: '2026-01-01T00:00:00',
        created_by: null, modified_by: null, owned_by_user: null, owned_by_group: null, deleted: false, replaced_by: null, parent: null,
      };
      await h.store.write((tx) => tx.putRecords([org]));
      return h;
    }

    function accepting(seen: Seen[], reply = OK) {
      server.use(
        http.post(SYNC, async ({ request }) => {
          await record(seen, request);
          return HttpResponse.text(reply);
        }),
      );
    }

    it('pushes a new component nested under its unchanged master, which carries no data, and acknowledges it', async () => {
      const h = await withPeerOrg();
      const office = await h.store.saveLocal(OFFICE, { fields: { name: 'Field office' }, parent: { table: ORG, uuid: MASTER, alias: null } });
      const seen: Seen[] = [];
      accepting(seen);
      const result = await push(h.ctx(), makeTask());
      expect(result).toMatchObject({ error: null, status: 'success', message: 'Data sent successfully (1 records)' });
      const body = seen[0]?.body ?? '';
      expect(body).toMatch(new RegExp(`<resource name="org_organisation" uuid="${MASTER}"[^>]*><resource name="org_office" uuid="${office.uuid}"`));
      expect(body).toContain('>Field office</data>');
      expect(body).not.toContain('Peer Org');
      expect(await h.store.pending(OFFICE)).toEqual([]);
    });

    it('acknowledges a component carried with its pending master, so it is not re-sent', async () => {
      const h = await withPeerOrg();
      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { phone: '2' } });
      const office = await h.store.saveLocal(OFFICE, { fields: { name: 'Field office' }, parent: { table: ORG, uuid: MASTER, alias: null } });
      const seen: Seen[] = [];
      accepting(seen);
      expect((await push(h.ctx(), makeTask())).error).toBeNull();
      expect(seen[0]?.body).toContain(`uuid="${office.uuid}"`);
      expect(await h.store.pending(ORG)).toEqual([]);
      expect(await h.store.pending(OFFICE)).toEqual([]);
      expect(await push(h.ctx(), makeTask())).toMatchObject({ message: 'No data to send', idle: true });
      expect(seen).toHaveLength(1);
    });

    it('keeps a component Eden refused (nested error tree) pending with the message; the master is acknowledged', async () => {
      const h = await withPeerOrg();
      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { phone: '2' } });
      const office = await h.store.saveLocal(OFFICE, { fields: { name: '' }, parent: { table: ORG, uuid: MASTER, alias: null } });
      const reply = JSON.stringify({
        status: 'success', statuscode: '200', records: 1, updated: [1],
        tree: { $_org_organisation: [{ '@uuid': MASTER, $_org_office: [{ '@uuid': office.uuid, '@error': 'name: Enter a value' }] }] },
      });
      accepting([], reply);
      const result = await push(h.ctx(), makeTask());
      expect(result).toMatchObject({ status: 'warning' });
      expect(result.message).toContain(`(UID: ${office.uuid}) org_office: name: Enter a value`);
      expect(await h.store.pending(ORG)).toEqual([]);
      expect((await h.store.pending(OFFICE)).map((p) => [p.uuid, p.error])).toEqual([[office.uuid, 'name: Enter a value']]);
    });

    it('keeps a component pending when Eden refused its master, even if the tree does not name the component', async () => {
      const h = await withPeerOrg();
      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { name: '' } });
      const office = await h.store.saveLocal(OFFICE, { fields: { name: 'Field office' }, parent: { table: ORG, uuid: MASTER, alias: null } });
      const reply = JSON.stringify({
        status: 'success', statuscode: '200', records: 0, message: 'name: value(s) required - invalid items ignored',
        tree: { $_org_organisation: [{ '@uuid': MASTER, '@error': 'name: value(s) required' }] },
      });
      accepting([], reply);
      expect(await push(h.ctx(), makeTask())).toMatchObject({ status: 'warning' });
      expect((await h.store.pending(ORG)).map((p) => [p.uuid, p.error])).toEqual([[MASTER, 'name: value(s) required']]);
      expect((await h.store.pending(OFFICE)).map((p) => [p.uuid, p.error])).toEqual([[office.uuid, 'name: value(s) required']]);
    });

    it('sends a cleared text field as an empty <data>; keeps a cleared non-text field pending with a message', async () => {
      const h = await withPeerOrg({ name: 'Peer Org', comments: 'note', staff: 5 });
      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { comments: null } });
      const seen: Seen[] = [];
      accepting(seen);
      expect(await push(h.ctx(), makeTask())).toMatchObject({ error: null, status: 'success' });
      expect(seen[0]?.body).toContain('<data field="comments"></data>');
      expect(await h.store.pending(ORG)).toEqual([]);

      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { staff: null } });
      const result = await push(h.ctx(), makeTask());
      expect(result).toMatchObject({ error: null, status: 'warning' });
      expect(result.message).toContain('staff: Eden cannot clear this field through sync');
      expect((await h.store.pending(ORG)).map((p) => p.error)).toEqual(['staff: Eden cannot clear this field through sync']);
    });

    it('an edit acknowledged by one repository is still pushed to the second one', async () => {
      const h = await withPeerOrg();
      const second = { ...repository, id: 'repo-2', name: 'Second Eden' };
      await h.store.putRepository(second);
      await h.store.putTask(makeTask({ id: 'task-org-2', repositoryId: second.id }));
      await h.store.saveLocal(ORG, { uuid: MASTER, fields: { phone: '2' } });
      const seen: Seen[] = [];
      accepting(seen);
      expect((await push(h.ctx(), makeTask())).error).toBeNull();
      expect(await h.store.pending(ORG, repository.id)).toEqual([]);
      const task2 = (await h.store.getTask('task-org-2')) ?? makeTask();
      expect(await push(h.ctx({ repository: second }), task2)).toMatchObject({ error: null, status: 'success' });
      expect(seen).toHaveLength(2);
      expect(seen[1]?.body).toContain('<data field="phone">2</data>');
      expect(await h.store.pending(ORG)).toEqual([]);
    });

    it('the first push to a repository added later sends records created on this device, whole', async () => {
      const h = await harness(makeTask());
      const created = await h.store.saveLocal(ORG, { fields: { name: 'Made here', acronym: 'MH' } });
      const seen: Seen[] = [];
      accepting(seen);
      expect((await push(h.ctx(), makeTask())).error).toBeNull();
      expect(await h.store.pending(ORG)).toEqual([]);
      const second = { ...repository, id: 'repo-2', name: 'Second Eden' };
      await h.store.putRepository(second);
      const task2 = makeTask({ id: 'task-org-2', repositoryId: second.id });
      await h.store.putTask(task2);
      expect(await push(h.ctx({ repository: second }), task2)).toMatchObject({ error: null, status: 'success', message: 'Data sent successfully (1 records)' });
      expect(seen[1]?.body).toContain(`uuid="${created.uuid}"`);
      expect(seen[1]?.body).toContain('>Made here</data>');
      // Once the repository has been pushed to, it is no longer a first push.
      expect(await push(h.ctx({ repository: second }), (await h.store.getTask('task-org-2')) ?? task2)).toMatchObject({ message: 'No data to send' });
    });
  });
});

