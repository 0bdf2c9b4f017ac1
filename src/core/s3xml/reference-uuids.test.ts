import { describe, expect, it } from 'vitest';
import { referenceUuids } from './reference-uuids.js';
import type { S3XmlReference } from './types.js';

const ref = (uuid: string | null): S3XmlReference => ({ field: 'f', resource: 't', uuid, tuid: null, text: null, attributes: {}, inline: null });

describe('referenceUuids', () => {
  it('reads one uuid', () => {
    expect(referenceUuids(ref('urn:uuid:a'))).toEqual(['urn:uuid:a']);
    expect(referenceUuids(ref('None'))).toEqual(['None']);
  });

  it('reads the JSON array form of list:reference', () => {
    expect(referenceUuids(ref('["urn:uuid:a", "urn:uuid:b"]'))).toEqual(['urn:uuid:a', 'urn:uuid:b']);
    expect(referenceUuids(ref('[]'))).toEqual([]);
    expect(referenceUuids(ref('["a", 1, null]'))).toEqual(['a']);
  });

  it('gives [] without uuid and keeps a non-JSON bracketed uuid whole', () => {
    expect(referenceUuids(ref(null))).toEqual([]);
    expect(referenceUuids(ref(''))).toEqual([]);
    expect(referenceUuids(ref('[not json'))).toEqual(['[not json']);
  });
});
