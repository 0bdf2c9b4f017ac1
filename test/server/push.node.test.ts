import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, topLevelResources, type Harness } from './server-harness.js';

let h: Harness;
const REPO = '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01';
beforeAll(async () => {
  h = await startDemo({ seed: { organisations: 5, persons: 2 } });
  await h.register(REPO);
});
afterAll(() => h.stop());

const CD = { 'content-type': 'text/xml', 'content-disposition': 'attachment; filename="data.xml"' };

function org(uuid: string, name: string | null, modified: string, extra = ''): string {
  const data = name === null ? '<data field="acronym">NONAME</data>' : `<data field="name">${name}</data>`;
  return `<resource name="org_organisation" uuid="${uuid}" modified_on="${modified}" mci="1"${extra}>${data}</resource>`;
}

async function push(body: string, query = `resource=org_organisation&repository=${REPO}`, headers: Record<string, string> = CD, path = '/eden/sync/sync.xml') {
  const res = await h.call(`${path}?${query}`, { method: 'POST', headers, body });
  return { res, text: await res.text() };
}

async function nameOf(uuid: string): Promise<string | undefined> {
  const record = await h.server.peer?.store.get('org_organisation', uuid);
  return record?.fields.name as string | undefined;
}

describe('PUT/POST /eden/sync/sync.xml (spec 2.5, cap 08-push)', () => {
  it('refuses an unregistered or missing repository with 403 Registration required (cap 10-errors/07-08)', async () => {
    for (const query of ['resource=org_organisation&repository=99999999-0000-4000-8000-00000000dead', 'resource=org_organisation']) {
      const { res, text } = await push(`<s3xml>${org('urn:uuid:a-1', 'Nope', '2026-01-01T00:00:00')}</s3xml>`, query);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(text).toBe('{"status": "failed", "statuscode": "403", "message": "Registration required"}');
    }
    expect(await nameOf('urn:uuid:a-1')).toBeUndefined();
  });

  it('creates, updates and deletes, answering Eden import JSON as text/html', async () => {
    const created = await push(
      `<s3xml>${org('urn:uuid:p-1', 'Epsilon Food Bank', '2026-01-01T00:00:00')}${org('urn:uuid:p-2', 'Zeta Aid', '2026-01-01T00:00:00')}</s3xml>`,
    );
    expect(created.res.status).toBe(200);
    expect(created.res.headers.get('content-type')).toBe('text/html');
    expect(created.text).toBe('{"status": "success", "statuscode": "200", "records": 2, "created": ["urn:uuid:p-1", "urn:uuid:p-2"]}');

    const updated = await push(`<s3xml>${org('urn:uuid:p-1', 'Epsilon Food Bank (renamed)', '2026-02-01T00:00:00')}</s3xml>`, undefined, CD);
    expect(JSON.parse(updated.text)).toEqual({ status: 'success', statuscode: '200', records: 1, updated: ['urn:uuid:p-1'] });
    expect(await nameOf('urn:uuid:p-1')).toBe('Epsilon Food Bank (renamed)');

    const deleted = await push('<s3xml><resource name="org_organisation" uuid="urn:uuid:p-2" modified_on="2026-02-01T00:00:00" deleted="True"/></s3xml>');
    expect(JSON.parse(deleted.text)).toEqual({ status: 'success', statuscode: '200', records: 1, deleted: ['urn:uuid:p-2'] });
    expect((await h.server.peer?.store.get('org_organisation', 'urn:uuid:p-2'))?.deleted).toBe(true);

    const pulled = await h.call('/eden/sync/sync.xml?resource=org_organisation');
    const tombstone = topLevelResources(await pulled.text()).find((r) => r.uuid === 'urn:uuid:p-2');
    expect(tombstone).toMatchObject({ deleted: 'True' });
    expect(tombstone?.modified_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('uses NEWER on /sync/sync.xml whatever the URL says: an older update changes nothing (cap 08-push/03-04b)', async () => {
    await push(`<s3xml>${org('urn:uuid:p-3', 'Beta Medical Corps', '2026-03-01T00:00:00')}</s3xml>`);
    const older = await push(
      `<s3xml>${org('urn:uuid:p-3', 'Beta (older)', '2020-01-01T00:00:00')}</s3xml>`,
      `resource=org_organisation&repository=${REPO}&update_policy=THIS&conflict_policy=THIS&strategy=create`,
    );
    expect(JSON.parse(older.text)).toMatchObject({ records: 1, updated: ['urn:uuid:p-3'] });
    expect(await nameOf('urn:uuid:p-3')).toBe('Beta Medical Corps');
  });

  it('applies URL policies on the direct route with THIS and OTHER swapped (cap 08-push/04c)', async () => {
    await push(
      `<s3xml>${org('urn:uuid:p-3', 'Beta (forced via direct endpoint)', '2020-01-01T00:00:00')}</s3xml>`,
      `repository=${REPO}&update_policy=THIS&conflict_policy=THIS`,
      CD,
      '/eden/org/organisation/sync.xml',
    );
    const record = await h.server.peer?.store.get('org_organisation', 'urn:uuid:p-3');
    expect(record?.fields.name).toBe('Beta (forced via direct endpoint)');
    expect(record?.modified_on).toBe('2020-01-01T00:00:00');
  });

  it('honours strategy on the direct route: a refused update is reported with message and tree (cap 08-push/06b)', async () => {
    const { text } = await push(
      `<s3xml>${org('urn:uuid:p-1', 'Epsilon (update under create-only)', '2026-04-01T00:00:00')}${org('urn:uuid:p-4', 'Kappa Youth Network', '2026-04-01T00:00:00')}</s3xml>`,
      `repository=${REPO}&strategy=create`,
      CD,
      '/eden/org/organisation/sync.xml',
    );
    expect(text).toBe(
      '{"status": "success", "statuscode": "200", "message": "Operation not permitted - invalid items ignored", "records": 1, "created": ["urn:uuid:p-4"], ' +
        '"tree": {"$_org_organisation":[{"name":{"@value":"Epsilon (update under create-only)","$":"Epsilon (update under create-only)"},' +
        '"@uuid":"urn:uuid:p-1","@modified_on":"2026-04-01T00:00:00","@mci":"1","@error":"Operation not permitted"}]}}',
    );
    expect(await nameOf('urn:uuid:p-1')).toBe('Epsilon Food Bank (renamed)');
  });

  it('imports the valid items and reports a validation error (cap 08-push/07)', async () => {
    const { res, text } = await push(`<s3xml>${org('urn:uuid:p-9', null, '2026-05-01T00:00:00')}${org('urn:uuid:p-10', 'Iota Valid Org', '2026-05-01T00:00:00')}</s3xml>`);
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'success', statuscode: '200', message: 'name: value(s) required - invalid items ignored', records: 1, created: ['urn:uuid:p-10'] });
    expect(body.tree).toEqual({
      $_org_organisation: [{ acronym: { '@value': 'NONAME', $: 'NONAME' }, '@uuid': 'urn:uuid:p-9', '@modified_on': '2026-05-01T00:00:00', '@mci': '1', '@error': 'name: value(s) required' }],
    });
  });

  it('accepts a raw body without Content-Disposition, as text/xml or application/xml (cap 09/01-02 fail on Eden)', async () => {
    const a = await push(`<s3xml>${org('urn:uuid:p-11', 'No CD text/xml', '2026-05-01T00:00:00')}</s3xml>`, undefined, { 'content-type': 'text/xml' });
    const b = await h.call(`/eden/sync/sync.xml?resource=org_organisation&repository=${REPO}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/xml' },
      body: `<s3xml>${org('urn:uuid:p-12', 'No CD application/xml', '2026-05-01T00:00:00')}</s3xml>`,
    });
    expect(JSON.parse(a.text)).toMatchObject({ created: ['urn:uuid:p-11'] });
    expect(await b.json()).toMatchObject({ created: ['urn:uuid:p-12'] });
  });

  it('accepts multipart/form-data, reading the *.xml parts (cap 09/05)', async () => {
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('data.xml', new Blob([`<s3xml>${org('urn:uuid:p-13', 'Multipart Org', '2026-05-01T00:00:00')}</s3xml>`], { type: 'text/xml' }), 'data.xml');
    const res = await h.call(`/eden/sync/sync.xml?resource=org_organisation&repository=${REPO}`, { method: 'POST', body: form });
    expect(await res.json()).toMatchObject({ records: 1, created: ['urn:uuid:p-13'] });
  });

  it('answers XML that does not parse with 400 XML Parse error and changes nothing (cap 10-errors/13-14)', async () => {
    for (const body of [`<s3xml>${org('urn:uuid:p-20', 'Broken', '2026-05-01T00:00:00')}<resource`, 'this is not xml at all']) {
      const { res, text } = await push(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      const parsed = JSON.parse(text) as { status: string; statuscode: string; message: string };
      expect(parsed.status).toBe('failed');
      expect(parsed.statuscode).toBe('400');
      expect(parsed.message).toMatch(/^XML Parse error: /);
    }
    expect(await nameOf('urn:uuid:p-20')).toBeUndefined();
  });

  it('answers a wrong root, an empty <s3xml/> and another table with success and 0 records (cap 10-errors/15,19; 08/13)', async () => {
    const office = '<s3xml><resource name="org_office" uuid="urn:uuid:o-1"><data field="name">Office</data></resource></s3xml>';
    for (const body of ['<foo><bar/></foo>', '<s3xml/>', office]) {
      const { res, text } = await push(body);
      expect(res.status).toBe(200);
      expect(text).toBe('{"status": "success", "statuscode": "200", "records": 0}');
    }
  });

  it('answers resource=mixed with HTTP 200 and the JSON refusal (cap 10-errors/17)', async () => {
    const { res, text } = await push('<s3xml/>', `resource=mixed&repository=${REPO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(text).toBe('{"status": "failed", "statuscode": "400", "message": "Mixed resource synchronization not supported"}');
  });

  it('imports offices with their reference and persons with contacts', async () => {
    const office = await push(
      '<s3xml><resource name="org_office" uuid="urn:uuid:o-2" modified_on="2026-05-01T00:00:00"><data field="name">Epsilon HQ</data>' +
        '<reference field="organisation_id" resource="org_organisation" uuid="urn:uuid:p-1"/></resource></s3xml>',
      `resource=org_office&repository=${REPO}`,
    );
    expect(JSON.parse(office.text)).toMatchObject({ records: 1, created: ['urn:uuid:o-2'] });
    const person = await push(
      '<s3xml><resource name="pr_person" uuid="urn:uuid:h-1" modified_on="2026-05-01T00:00:00"><data field="first_name">Lena</data>' +
        '<resource name="pr_contact" uuid="urn:uuid:c-1" modified_on="2026-05-01T00:00:00"><data field="contact_method">EMAIL</data><data field="value">lena@example.org</data></resource></resource></s3xml>',
      `resource=pr_person&repository=${REPO}`,
    );
    expect(JSON.parse(person.text)).toMatchObject({ records: 1, created: ['urn:uuid:h-1'] });
    expect((await h.server.peer?.store.get('pr_contact', 'urn:uuid:c-1'))?.parent).toMatchObject({ table: 'pr_person', uuid: 'urn:uuid:h-1' });
  });
});
