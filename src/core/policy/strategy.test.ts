import { describe, expect, it } from 'vitest';
import { normalizeStrategy } from './strategy.js';

describe('normalizeStrategy', () => {
  it('defaults to all four methods', () => {
    expect([...normalizeStrategy(null)].sort()).toEqual(['create', 'delete', 'merge', 'update']);
    expect([...normalizeStrategy(undefined)]).toHaveLength(4);
  });
  it('takes a bare string as one method and [] as none', () => {
    expect([...normalizeStrategy('update')]).toEqual(['update']);
    expect(normalizeStrategy([]).size).toBe(0);
  });
  it('accepts any letter case and ignores unknown names (decision 0001)', () => {
    expect([...normalizeStrategy(['CREATE', ' Update ', 'bogus'])]).toEqual(['create', 'update']);
  });
});
