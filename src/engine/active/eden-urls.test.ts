import { describe, expect, it } from 'vitest';
import { fixtureMeta } from '../../../test/support/fixtures.js';
import {
  buildPagedPullUrl,
  buildPullUrl,
  buildPushUrl,
  buildRegisterUrl,
  msinceFor,
  pushHeaders,
  quote,
  resourcePath,
} from './eden-urls.js';

const base = 'http://127.0.0.1:8000/eden';
const repositoryUuid = '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01';

describe('Eden request URLs match the recorded ones', () => {
  it('full pull (03-pull-full/01)', () => {
    const url = buildPullUrl({ baseUrl: base, resource: 'org_organisation', repositoryUuid, msince: null, filters: [] });
    expect(url).toBe(fixtureMeta('03-pull-full/01-pull-org_organisation.meta.json').request.url);
  });

  it('msince pull (05-pull-msince/01)', () => {
    const url = buildPullUrl({ baseUrl: `${base}/`, resource: 'org_organisation', repositoryUuid, msince: '2026-11-29T22:05:59', filters: [] });
    expect(url).toBe(fixtureMeta('05-pull-msince/01-pull-org_organisation-msince.meta.json').request.url);
  });

  it('filtered pulls (06-pull-url-filter/01-03)', () => {
    const cases = [
      ['01-filter-master-name-like', { table: '~', selector: '~.name__like', value: 'Beta*' }],
      ['02-filter-master-acronym-eq', { table: 'org_organisation', selector: '~.acronym', value: 'ARA' }],
      ['03-filter-component-office-name', { table: 'org_office', selector: '~.name__like', value: '*North' }],
    ] as const;
    for (const [name, filter] of cases) {
      const url = buildPullUrl({ baseUrl: base, resource: 'org_organisation', repositoryUuid, msince: null, filters: [filter] });
      expect(url).toBe(fixtureMeta(`06-pull-url-filter/${name}.meta.json`).request.url);
    }
  });

  it('paged pull on the direct route (03-pull-full/08)', () => {
    const url = buildPagedPullUrl({ baseUrl: base, resource: 'org_organisation', repositoryUuid, msince: null, filters: [], start: 1, limit: 2 });
    expect(url).toBe(fixtureMeta('03-pull-full/08-pull-direct-resource-endpoint-start-limit.meta.json').request.url);
  });

  it('push (08-push/01) and its headers', () => {
    const meta = fixtureMeta('08-push/01-push-create-POST.meta.json');
    const url = buildPushUrl({
      baseUrl: base,
      resource: 'org_organisation',
      repositoryUuid,
      strategy: ['create', 'update', 'delete'],
      updatePolicy: 'NEWER',
      conflictPolicy: 'MASTER',
      msince: null,
    });
    expect(url).toBe(meta.request.url);
    expect(pushHeaders('org_organisation')).toEqual({
      'Content-Type': 'text/xml',
      'Content-Disposition': 'attachment; filename="org_organisation.xml"',
    });
  });

  it('register (01-register/01)', () => {
    expect(buildRegisterUrl(base)).toBe(fixtureMeta('01-register/01-register-new.meta.json').request.url);
  });
});

describe('msince rules', () => {
  it('omits msince for THIS and OTHER, and when unset', () => {
    expect(msinceFor('2026-11-29T22:05:59', 'NEWER')).toBe('2026-11-29T22:05:59');
    expect(msinceFor('2026-11-29T22:05:59', 'THIS')).toBeNull();
    expect(msinceFor('2026-11-29T22:05:59', 'OTHER')).toBeNull();
    expect(msinceFor(null, 'NEWER')).toBeNull();
  });

  it('never sends a form Eden would silently ignore (Z, fraction, offset)', () => {
    expect(msinceFor('2026-11-29T22:05:59Z', 'NEWER')).toBeNull();
    expect(msinceFor('2026-11-29T22:05:59.000', 'NEWER')).toBeNull();
    expect(msinceFor('2026-11-29T22:05:59+00:00', 'NEWER')).toBeNull();
  });
});

describe('helpers', () => {
  it('quote encodes like Python urllib.parse.quote(safe="")', () => {
    expect(quote('[~]~.name__like')).toBe('%5B~%5D~.name__like');
    expect(quote("a*b!c'(d)")).toBe('a%2Ab%21c%27%28d%29');
    expect(quote('é')).toBe('%C3%A9');
  });

  it('resourcePath splits at the first underscore', () => {
    expect(resourcePath('org_organisation')).toBe('org/organisation');
    expect(resourcePath('hrm_human_resource')).toBe('hrm/human_resource');
    expect(() => resourcePath('organisation')).toThrow();
  });
});
