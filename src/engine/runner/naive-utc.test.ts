import { describe, expect, it } from 'vitest';
import { checkpointAfter, formatNaiveUtc } from './naive-utc.js';

describe('naive UTC helpers', () => {
  it('formats epoch ms without zone or fraction', () => {
    expect(formatNaiveUtc(Date.UTC(2025, 0, 2, 3, 4, 5, 678))).toBe('2025-01-02T03:04:05');
  });

  it('adds one second to a checkpoint, across a year boundary, accepting a space separator', () => {
    expect(checkpointAfter('2024-12-31T23:59:59')).toBe('2025-01-01T00:00:00');
    expect(checkpointAfter('2024-02-28 23:59:59')).toBe('2024-02-29T00:00:00');
  });

  it('answers null for something that is not a date-time', () => {
    expect(checkpointAfter('yesterday')).toBeNull();
  });
});
