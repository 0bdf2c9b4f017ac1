import { describe, expect, it } from 'vitest';
import { decodeS3Xml } from './decode-s3xml.js';
import { encodeS3Xml } from './encode-s3xml.js';
import { S3XmlError } from './s3xml-error.js';
import type { S3XmlDocument, S3XmlResource } from './types.js';

const DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

function resource(partial: Partial<S3XmlResource> & { name: string }): S3XmlResource {
  return { attributes: {}, data: [], references: [], components: [], ...partial };
}

function doc(...resources: S3XmlResource[]): S3XmlDocument {
  return { attributes: {}, resources };
}

describe('encodeS3Xml', () => {
  it('writes the declaration and a one-line tree, name first, attribute order kept', () => {
    const out = encodeS3Xml({
      attributes: { success: 'true', results: '1' },
      resources: [
        resource({
          name: 'org_organisation',
          attributes: { uuid: 'urn:uuid:a', modified_on: '2024-01-30T10:00:00', mci: '1' },
          data: [
            { field: 'name', value: null, text: 'Alpha', attributes: {} },
            { field: 'lat', value: '-1.2921', text: null, attributes: {} },
            { field: 'image', value: null, text: null, attributes: { url: 'http://x/a.png', filename: 'a.png' } },
          ],
          references: [{ field: 'location_id', resource: 'gis_location', uuid: null, tuid: 'L1', text: null, attributes: {}, inline: null }],
          components: [resource({ name: 'org_office', attributes: { uuid: 'urn:uuid:b' } })],
        }),
        resource({ name: 'org_organisation', attributes: { uuid: 'urn:uuid:c', deleted: 'True', modified_on: '2024-01-30T10:00:00' } }),
      ],
    });
    expect(out).toBe(
      DECL +
        '<s3xml success="true" results="1"><resource name="org_organisation" uuid="urn:uuid:a" modified_on="2024-01-30T10:00:00" mci="1">' +
        '<data field="name">Alpha</data><data field="lat" value="-1.2921"/><data field="image" url="http://x/a.png" filename="a.png"/>' +
        '<reference field="location_id" resource="gis_location" tuid="L1"/><resource name="org_office" uuid="urn:uuid:b"/></resource>' +
        '<resource name="org_organisation" uuid="urn:uuid:c" deleted="True" modified_on="2024-01-30T10:00:00"/></s3xml>',
    );
  });

  it('writes an empty document as <s3xml/>', () => {
    expect(encodeS3Xml(doc())).toBe(`${DECL}<s3xml/>`);
  });

  it('escapes & < > " in attributes and & < > in text; TAB/LF/CR survive a round trip', () => {
    const model = doc(
      resource({
        name: 't',
        attributes: { note: 'a & b < c > d "e" \'f\'\t\n\r' },
        data: [{ field: 'x', value: '"<&>"', text: 'a & b < c > d "e" ]]> \t\n\r end', attributes: {} }],
        references: [{ field: 'r', resource: 't', uuid: '["urn:uuid:a", "urn:uuid:b"]', tuid: null, text: 'A & B', attributes: {}, inline: null }],
      }),
    );
    const out = encodeS3Xml(model);
    expect(out).toContain('note="a &amp; b &lt; c &gt; d &quot;e&quot; \'f\'&#9;&#10;&#13;"');
    expect(out).toContain('value="&quot;&lt;&amp;&gt;&quot;"');
    expect(out).toContain('>a &amp; b &lt; c &gt; d "e" ]]&gt; \t\n&#13; end</data>');
    expect(out).toContain('uuid="[&quot;urn:uuid:a&quot;, &quot;urn:uuid:b&quot;]"');
    expect(decodeS3Xml(out)).toEqual(model);
  });

  it('keeps non-ASCII text and astral characters raw', () => {
    const model = doc(resource({ name: 't', data: [{ field: 'p', value: null, text: '\u200E+1 \u00E9 \u{1F600}', attributes: {} }] }));
    expect(encodeS3Xml(model)).toContain('>\u200E+1 \u00E9 \u{1F600}</data>');
  });

  it('rejects characters XML 1.0 cannot carry, naming the resource, or replaces them on request', () => {
    const model = doc(resource({ name: 't', attributes: { uuid: 'u1' }, data: [{ field: 'x', value: null, text: 'bell\u0007 \uD800', attributes: {} }] }));
    let error: unknown;
    try {
      encodeS3Xml(model);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(S3XmlError);
    expect((error as S3XmlError).code).toBe('invalid-char');
    expect((error as S3XmlError).message).toContain('U+0007');
    expect((error as S3XmlError).message).toContain('uuid="u1"');
    const replaced = encodeS3Xml(model, { invalidChars: 'replace' });
    expect(decodeS3Xml(replaced).resources[0]?.data[0]?.text).toBe('bell\uFFFD \uFFFD');
  });

  it('rejects attribute names that are not XML names', () => {
    expect(() => encodeS3Xml(doc(resource({ name: 't', attributes: { 'a b': '1' } })))).toThrow(S3XmlError);
    expect(() => encodeS3Xml({ attributes: { '1x': '1' }, resources: [] })).toThrow(/attribute name "1x"/);
  });

  it('pretty-prints with indentation without touching text', () => {
    const model = doc(
      resource({
        name: 'a',
        data: [{ field: 'n', value: null, text: ' padded ', attributes: {} }],
        references: [{ field: 'r', resource: 'b', uuid: null, tuid: null, text: 'label', attributes: {}, inline: resource({ name: 'b', data: [{ field: 'n', value: null, text: 'B', attributes: {} }] }) }],
        components: [resource({ name: 'c' })],
      }),
    );
    const out = encodeS3Xml(model, { pretty: true });
    expect(out).toBe(
      `${DECL}<s3xml>\n  <resource name="a">\n    <data field="n"> padded </data>\n` +
        '    <reference field="r" resource="b">label<resource name="b"><data field="n">B</data></resource></reference>\n' +
        '    <resource name="c"/>\n  </resource>\n</s3xml>',
    );
    expect(decodeS3Xml(out)).toEqual(model);
  });

  it('is linear: 100,000 records encode and decode back', () => {
    const records = Array.from({ length: 100_000 }, (_, i) =>
      resource({
        name: 'org_organisation',
        attributes: { uuid: `urn:uuid:${i}`, mci: '1', modified_on: '2024-01-30T10:00:00' },
        data: [{ field: 'name', value: null, text: `Org ${i} & Co`, attributes: {} }, { field: 'acronym', value: `"O${i}"`, text: `O${i}`, attributes: {} }],
      }),
    );
    const out = encodeS3Xml(doc(...records));
    const back = decodeS3Xml(out);
    expect(back.resources).toHaveLength(100_000);
    expect(back.resources[99_999]).toEqual(records[99_999]);
  });
});
