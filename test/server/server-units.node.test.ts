import { describe, expect, it } from 'vitest';
import { CliError, parseCliOptions } from '../../server/cli-options.js';
import { edenJson, RawJson } from '../../server/http/reply.js';
import { xmlSourcesOf } from '../../server/http/request-body.js';
import { cacheControlOf } from '../../server/http/static-files.js';
import { routeOf } from '../../server/peer/demo-peer.js';
import { generateDemoRecords } from '../../server/peer/seed.js';
import { parseStrategy, parseStrictMsince, swapPeerPolicy, syncFiltersOf } from '../../server/peer/sync-params.js';
import { fixtureText } from '../support/fixtures.js';

describe('sync parameters', () => {
  it('accepts msince only as strict YYYY-MM-DDTHH:MM:SS with a real date (spec 2.4)', () => {
    expect(parseStrictMsince('2026-11-29T22:06:07')).toBe('2026-11-29T22:06:07');
    for (const loose of ['2026-11-29T22:06:07Z', '2026-11-29T22:06:07.000', '2026-11-29 22:06:07', '2026-02-30T00:00:00', '2026-11-29T24:00:00', '', null]) {
      expect(parseStrictMsince(loose)).toBeNull();
    }
  });

  it('swaps THIS and OTHER, passes NEWER and MASTER, falls back otherwise (spec 2.5 step 4)', () => {
    expect(['THIS', 'OTHER', 'NEWER', 'MASTER', 'this', null].map((p) => swapPeerPolicy(p, 'DEF'))).toEqual(['OTHER', 'THIS', 'NEWER', 'MASTER', 'DEF', 'DEF']);
  });

  it('parses strategy: absent means all, unknown names permit nothing', () => {
    expect(parseStrategy(null)).toEqual(['create', 'update', 'delete', 'merge']);
    expect(parseStrategy('')).toEqual(['create', 'update', 'delete', 'merge']);
    expect(parseStrategy('update,create')).toEqual(['create', 'update']);
    expect(parseStrategy('foo')).toEqual([]);
  });

  it('reads [T] filters, resolving ~ and empty to the table; plain keys only on the direct route', () => {
    const params = new URLSearchParams('[~]~.name__like=Beta*&[]~.acronym=ARA&[org_office]~.name=HQ&~.year=2000&resource=org_organisation');
    expect(syncFiltersOf(params, 'org_organisation', false)).toEqual([
      { table: 'org_organisation', selector: '~.name__like', value: 'Beta*' },
      { table: 'org_organisation', selector: '~.acronym', value: 'ARA' },
      { table: 'org_office', selector: '~.name', value: 'HQ' },
    ]);
    expect(syncFiltersOf(params, 'org_organisation', true)).toHaveLength(4);
  });
});

describe('request bodies', () => {
  it('takes the *.xml parts of the recorded multipart push (cap 09/05)', () => {
    const text = fixtureText('09-push-without-content-disposition/05-push-multipart-form-data.request.txt');
    const body = Buffer.from(text);
    const sources = xmlSourcesOf(body, 'multipart/form-data; boundary=----edenCaptureBoundary7MA4YWxkTrZu0gW');
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^<\?xml[\s\S]*<\/s3xml>\n$/);
    expect(sources[0]).toContain('Eta Community Health');
  });

  it('takes a raw body as it is, and skips non-xml form parts', () => {
    expect(xmlSourcesOf(Buffer.from('<s3xml/>'), 'text/xml')).toEqual(['<s3xml/>']);
    const form = '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b\r\nContent-Disposition: form-data; name="x"; filename="a.XML"\r\n\r\n<s3xml/>\r\n--b--\r\n';
    expect(xmlSourcesOf(Buffer.from(form), 'multipart/form-data; boundary=b')).toEqual(['<s3xml/>']);
  });
});

describe('replies', () => {
  it('writes JSON like Python json.dumps, with a raw compact tree', () => {
    expect(edenJson({ status: 'success', statuscode: '200', records: 2, created: ['a', 'b'], message: undefined, tree: new RawJson('{"x":1}') })).toBe(
      '{"status": "success", "statuscode": "200", "records": 2, "created": ["a", "b"], "tree": {"x":1}}',
    );
    expect(edenJson({ message: 'Köln' })).toBe('{"message": "K\\u00f6ln"}');
  });

  it('caches hashed assets for a year and revalidates the shell', () => {
    expect(cacheControlOf('index.html')).toBe('no-cache');
    expect(cacheControlOf('sw.js')).toBe('no-cache');
    expect(cacheControlOf('assets/index-DG0s4FDb.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('icons/icon-192.png')).toBe('public, max-age=0, must-revalidate');
  });
});

describe('routes', () => {
  it('recognises the peer endpoints', () => {
    expect(routeOf('/eden/sync/repository/register.json')).toEqual({ kind: 'register', extension: 'json' });
    expect(routeOf('/eden/sync/sync.xml')).toEqual({ kind: 'sync', extension: 'xml' });
    expect(routeOf('/eden/org/organisation/sync.xml')).toEqual({ kind: 'direct', extension: 'xml', tablename: 'org_organisation' });
    expect(routeOf('/eden/pr/person/options.s3json')).toEqual({ kind: 'options', extension: 's3json', tablename: 'pr_person' });
    expect(routeOf('/eden/')).toEqual({ kind: 'unknown' });
  });
});

describe('demo data', () => {
  it('is deterministic, multilingual, with unique uuids, tombstones and components', () => {
    const first = [...generateDemoRecords({ organisations: 200, persons: 50 }, 100)].flat();
    const second = [...generateDemoRecords({ organisations: 200, persons: 50 }, 7)].flat();
    expect(second).toEqual(first);
    expect(new Set(first.map((r) => r.uuid)).size).toBe(first.length);
    const orgs = first.filter((r) => r.table === 'org_organisation');
    expect(orgs).toHaveLength(200);
    expect(new Set(orgs.map((r) => r.fields.name)).size).toBe(200);
    expect(orgs.some((r) => /[^\u0000-\u024f]/.test(String(r.fields.name)))).toBe(true);
    expect(orgs.filter((r) => r.deleted).length).toBe(6);
    const offices = first.filter((r) => r.table === 'org_office');
    expect(offices).toHaveLength(200);
    const live = new Set(orgs.filter((r) => !r.deleted).map((r) => r.uuid));
    expect(offices.every((r) => r.parent?.table === 'org_organisation' && live.has(r.parent.uuid))).toBe(true);
    expect(first.filter((r) => r.table === 'pr_contact').every((r) => r.parent?.table === 'pr_person')).toBe(true);
    expect(first.every((r) => (r.created_on ?? '') <= (r.modified_on ?? ''))).toBe(true);
  });
});

describe('command line', () => {
  it('reads env, lets arguments win, and refuses bad input', () => {
    const options = parseCliOptions(['--port', '9000', '--no-build'], { PORT: '8081', EDEN_URL: 'http://127.0.0.1:8000/eden', DATA_DIR: '/tmp/x' });
    expect(options).toMatchObject({ port: 9000, host: '127.0.0.1', edenUrl: 'http://127.0.0.1:8000/eden', dataDir: '/tmp/x', build: 'skip' });
    expect(parseCliOptions([], {})).toMatchObject({ port: 8080, edenUrl: null, dataDir: '.data', build: 'auto' });
    const users = parseCliOptions([], { DEMO_NOSYNC_USER: 'n@example.com', DEMO_NOSYNC_PASSWORD: 'p' }).users;
    expect(users.map((u) => u.canSync)).toEqual([true, false]);
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow(CliError);
    expect(() => parseCliOptions(['--frobnicate'], {})).toThrow(CliError);
    expect(() => parseCliOptions([], { EDEN_URL: 'http://user:pw@host/eden' })).toThrow(CliError);
  });
});
