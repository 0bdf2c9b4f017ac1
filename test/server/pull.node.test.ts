import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../support/fixtures.js';
import { rootAttributes, startDemo, topLevelResources, type Harness } from './server-harness.js';

let h: Harness;
const ORGS = 30;
beforeAll(async () => {
  h = await startDemo({ seed: { organisations: ORGS, persons: 12, deletedEvery: 10 } });
});
afterAll(() => h.stop());

async function pull(query: string, path = '/eden/sync/sync.xml'): Promise<{ res: Response; xml: string }> {
  const res = await h.call(`${path}?${query}`);
  return { res, xml: await res.text() };
}

describe('GET /eden/sync/sync.xml (spec 2.4, cap 03-pull-full)', () => {
  it('exports every organisation with nested offices, tombstones included, as text/xml', async () => {
    const { res, xml } = await pull('resource=org_organisation&repository=5f1c1c34&include_deleted=True');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(rootAttributes(xml)).toMatchObject({ success: 'true', results: String(ORGS), url: `${h.server.url}/eden` });
    const masters = topLevelResources(xml).filter((r) => r.name === 'org_organisation');
    expect(masters).toHaveLength(ORGS);
    expect(masters.filter((r) => r.deleted === 'True')).toHaveLength(3);
    expect(xml).toMatch(/<resource name="org_office" alias="office" uuid="urn:uuid:5eed000b-/);
    expect(xml).toMatch(/<reference field="organisation_id" resource="org_organisation" uuid="urn:uuid:5eed000a-/);
  });

  it('ignores start and limit there, and gives the same output for an unknown or missing repository (cap 03/04-06)', async () => {
    const full = (await pull('resource=org_organisation&include_deleted=True')).xml;
    expect((await pull('resource=org_organisation&start=1&limit=2')).xml).toBe(full);
    expect((await pull('resource=org_organisation&repository=99999999-0000-4000-8000-00000000dead')).xml).toBe(full);
  });

  it('applies msince (>=) only in the strict YYYY-MM-DDTHH:MM:SS form (cap 05-pull-msince)', async () => {
    const records = (await h.server.peer?.store.queryRecords('org_organisation', { includeDeleted: true })) ?? [];
    const times = records.map((r) => r.modified_on ?? '').sort();
    const msince = times[20] ?? '';
    const expected = times.filter((t) => t >= msince).length;
    expect(expected).toBeLessThan(ORGS);
    const strict = await pull(`resource=org_organisation&msince=${msince}`);
    expect(rootAttributes(strict.xml).results).toBe(String(expected));
    for (const loose of [`${msince}Z`, `${msince}.000`, `${msince}+00:00`, 'yesterday', '2025-13-01T00:00:00']) {
      const { xml } = await pull(`resource=org_organisation&msince=${encodeURIComponent(loose)}`);
      expect(rootAttributes(xml).results, loose).toBe(String(ORGS));
    }
  });

  it('applies bracketed sync filters and ignores plain ones (cap 06-pull-url-filter)', async () => {
    const record = (await h.server.peer?.store.list('org_organisation'))?.[4];
    const name = String(record?.fields.name);
    const filtered = await pull(`resource=org_organisation&${encodeURIComponent('[~]~.name')}=${encodeURIComponent(name)}`);
    const uuids = topLevelResources(filtered.xml).filter((r) => r.name === 'org_organisation').map((r) => r.uuid);
    expect(uuids).toContain(record?.uuid);
    expect(uuids.length).toBeLessThan(3);
    const plain = await pull(`resource=org_organisation&${encodeURIComponent('~.name')}=${encodeURIComponent(name)}`);
    expect(rootAttributes(plain.xml).results).toBe(String(ORGS));
  });

  it('nests pr_contact components in pr_person', async () => {
    const { xml } = await pull('resource=pr_person');
    expect(rootAttributes(xml).results).toBe('12');
    expect(xml).toMatch(/<resource name="pr_contact" alias="contact" uuid="urn:uuid:5eed000d-/);
  });

  it('answers a missing or mixed resource with HTTP 200 and the JSON refusal as text/html (cap 10-errors/12)', async () => {
    for (const query of ['repository=x', 'resource=mixed', 'resource=']) {
      const { res, xml } = await pull(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(xml).toBe('{"status": "failed", "statuscode": "400", "message": "Mixed resource synchronization not supported"}');
    }
  });

  it('answers an unknown table with 400 {"status","statuscode"} and a name without _ with 400 Invalid request (cap 10-errors/09-11)', async () => {
    for (const resource of ['foo_bar', 'org_nonexistent']) {
      const { res, xml } = await pull(`resource=${resource}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(xml).toBe('{"status": "failed", "statuscode": "400"}');
    }
    const { res, xml } = await pull('resource=organisation');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(xml).toBe('Invalid request');
  });
});

describe('GET /eden/{prefix}/{name}/sync.xml, the direct route (spec 2.3, cap 03/07-08)', () => {
  it('honours start and limit and echoes them on the root', async () => {
    const all = topLevelResources((await pull('include_deleted=True', '/eden/org/organisation/sync.xml')).xml).filter(
      (r) => r.name === 'org_organisation',
    );
    const { xml } = await pull('include_deleted=True&start=1&limit=2', '/eden/org/organisation/sync.xml');
    expect(rootAttributes(xml)).toMatchObject({ success: 'true', start: '1', limit: '2', results: '2' });
    const page = topLevelResources(xml).filter((r) => r.name === 'org_organisation');
    expect(page.map((r) => r.uuid)).toEqual(all.slice(1, 3).map((r) => r.uuid));
  });

  it('exports deleted records only with an explicit include_deleted', async () => {
    const without = await pull('', '/eden/org/organisation/sync.xml');
    expect(rootAttributes(without.xml).results).toBe(String(ORGS - 3));
    expect(without.xml).not.toMatch(/deleted="True"/);
    const withDeleted = await pull('include_deleted=True', '/eden/org/organisation/sync.xml');
    expect(rootAttributes(withDeleted.xml).results).toBe(String(ORGS));
  });

  it('honours plain REST filters there', async () => {
    const record = (await h.server.peer?.store.list('org_organisation'))?.[2];
    const { xml } = await pull(`${encodeURIComponent('~.name')}=${encodeURIComponent(String(record?.fields.name))}`, '/eden/org/organisation/sync.xml');
    expect(topLevelResources(xml).map((r) => r.uuid)).toContain(record?.uuid);
    expect(Number(rootAttributes(xml).results)).toBeLessThan(3);
  });

  it('answers 404 for a table it does not serve', async () => {
    expect((await h.call('/eden/foo/bar/sync.xml')).status).toBe(404);
  });
});

describe('schema endpoints (cap 12-schema)', () => {
  it.each(['org_organisation', 'org_office', 'pr_person'])('serves %s fields.s3json exactly as Eden does', async (table) => {
    const [prefix, ...rest] = table.split('_');
    const res = await h.call(`/eden/${prefix}/${rest.join('_')}/fields.s3json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(fixtureText(`12-schema/${table}.fields.response.json`)));
  });

  it('serves one field of options.s3json in Eden shape', async () => {
    const res = await h.call('/eden/pr/person/options.s3json?field=gender');
    expect(await res.text()).toBe(fixtureText('12-schema/pr_person.options-gender.response.json').trim());
  });

  it('serves several fields as a select list, references by uuid, and an empty list as {}', async () => {
    const res = await h.call('/eden/org/office/options.s3json?field=organisation_id&field=office_type_id');
    const body = (await res.json()) as { select: { '@name': string; '@id': string; option: { '@value': unknown; $?: string }[] }[] };
    expect(body.select.map((s) => [s['@name'], s['@id']])).toEqual([
      ['organisation_id', 'org_office_organisation_id'],
      ['office_type_id', 'org_office_office_type_id'],
    ]);
    expect(body.select[0]?.option).toHaveLength(ORGS - 3 + 1);
    expect(body.select[1]).toEqual(
      (JSON.parse(fixtureText('12-schema/org_office.options-organisation_id-office_type_id.response.json')) as typeof body).select[1],
    );
    const empty = await h.call('/eden/org/organisation/options.s3json?field=organisation_type_id');
    expect(await empty.text()).toBe('{}');
  });
});
