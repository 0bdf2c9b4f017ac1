import { describe, expect, it } from 'vitest';
import { fieldPolicy, isNotFromMaster, isOriginalNewer, mentionsMaster, normalizePolicyName, policyRefuses, recordPolicy } from './update-policy.js';

const facts = { localMtime: 2000, incomingMtime: 1000, localMci: 2, incomingMci: 1 };

describe('update policy', () => {
  it('reads names as Eden does (finding 11)', () => {
    expect(normalizePolicyName('NEWER')).toBe('NEWER');
    expect(normalizePolicyName('other')).toBe('THIS');
    expect(normalizePolicyName('BOGUS')).toBe('THIS');
    expect(normalizePolicyName(null)).toBe('OTHER');
    expect(normalizePolicyName('')).toBe('OTHER');
  });
  it('resolves per-field maps with __default__, else THIS', () => {
    expect(fieldPolicy({ name: 'OTHER', __default__: 'NEWER' }, 'name')).toBe('OTHER');
    expect(fieldPolicy({ name: 'OTHER', __default__: 'NEWER' }, 'acronym')).toBe('NEWER');
    expect(fieldPolicy({ name: 'OTHER' }, 'acronym')).toBe('THIS');
    expect(fieldPolicy({ name: 'BOGUS' }, 'name')).toBe('THIS');
    expect(fieldPolicy('MASTER', 'anything')).toBe('MASTER');
    expect(recordPolicy({ name: 'THIS', __default__: 'OTHER' })).toBe('OTHER');
    expect(recordPolicy({ name: 'OTHER' })).toBe('THIS');
    expect(recordPolicy(null)).toBe('OTHER');
  });
  it('knows when MASTER is involved', () => {
    expect(mentionsMaster('MASTER')).toBe(true);
    expect(mentionsMaster({ name: 'MASTER', __default__: 'OTHER' })).toBe(true);
    expect(mentionsMaster({ __default__: 'OTHER' })).toBe(false);
    expect(mentionsMaster('master')).toBe(false);
  });
  it('judges "original newer" strictly and a missing local mtime as not newer', () => {
    expect(isOriginalNewer(facts)).toBe(true);
    expect(isOriginalNewer({ localMtime: 1000, incomingMtime: 1000 })).toBe(false);
    expect(isOriginalNewer({ localMtime: null, incomingMtime: 0 })).toBe(false);
  });
  it('judges "not from master"', () => {
    expect(isNotFromMaster({ localMci: 2, incomingMci: 1 })).toBe(false);
    expect(isNotFromMaster({ localMci: 0, incomingMci: 1 })).toBe(true);
    expect(isNotFromMaster({ localMci: 2, incomingMci: 2 })).toBe(true);
  });
  it('refuses by policy', () => {
    expect(policyRefuses('THIS', facts)).toBe(true);
    expect(policyRefuses('OTHER', facts)).toBe(false);
    expect(policyRefuses('NEWER', facts)).toBe(true);
    expect(policyRefuses('NEWER', { ...facts, localMtime: 500 })).toBe(false);
    expect(policyRefuses('MASTER', facts)).toBe(false);
    expect(policyRefuses('MASTER', { ...facts, incomingMci: 2 })).toBe(true);
  });
});
