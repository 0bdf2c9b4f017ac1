import { describe, expect, it } from 'vitest';
import { formatEdenDateTime, isEdenMsince, parseEdenDateTime, toNaiveUtcSeconds } from './eden-date-time.js';

const utc = (iso: string): number => Date.parse(iso);

describe('parseEdenDateTime', () => {
  it.each([
    ['2024-01-30T10:00:00', '2024-01-30T10:00:00.000Z'],
    ['2024-01-30 10:00:00', '2024-01-30T10:00:00.000Z'],
    ['2024-01-30T10:00:00Z', '2024-01-30T10:00:00.000Z'],
    ['2024-01-30T10:00:00+00:00', '2024-01-30T10:00:00.000Z'],
    ['2024-01-30T11:00:00+02:00', '2024-01-30T09:00:00.000Z'],
    ['2024-01-30T13:00:00+0200', '2024-01-30T11:00:00.000Z'],
    ['2024-01-30T05:30:00-05:30', '2024-01-30T11:00:00.000Z'],
    ['2024-01-30T23:00:00-02', '2024-01-31T01:00:00.000Z'],
    ['2024-01-30T10:00:00.500000', '2024-01-30T10:00:00.500Z'],
    ['2024-01-30T10:00:00.123456789Z', '2024-01-30T10:00:00.123Z'],
    ['2024-01-30T10:00', '2024-01-30T10:00:00.000Z'],
    ['2024-01-30', '2024-01-30T08:00:00.000Z'],
    ['  2024-02-29T00:00:00 ', '2024-02-29T00:00:00.000Z'],
    ['1970-01-01T00:00:00', '1970-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00', '0050-06-01T00:00:00.000Z'],
  ])('%j -> %s', (input, expected) => {
    expect(parseEdenDateTime(input)).toBe(utc(expected));
  });

  it('keeps the fraction for comparisons (import matrix finding 18)', () => {
    const half = parseEdenDateTime('2024-01-30T10:00:00.5');
    const whole = parseEdenDateTime('2024-01-30T10:00:00');
    expect(half).not.toBeNull();
    expect(whole).not.toBeNull();
    expect(half! > whole!).toBe(true);
  });

  it.each([
    'garbage', '', '2024-13-01T00:00:00', '2024-02-30', '2023-02-29T00:00:00', '2024-01-30T24:00:00', '2024-01-30T10:60:00',
    '2024-01-30T10:00:61', '2024-01-30T10:00:00+25:00', '2024-1-30', '0000-01-01', '10:00:00', '2024-01-30T', '2024-01-30T10',
    '2024-01-30Z', '2024-01-30T10:00:00 garbage',
  ])('rejects %j', (input) => {
    expect(parseEdenDateTime(input)).toBeNull();
  });
});

describe('formatEdenDateTime', () => {
  it('writes naive UTC seconds, cutting (not rounding) the fraction', () => {
    expect(formatEdenDateTime(utc('2026-11-29T22:04:39.999Z'))).toBe('2026-11-29T22:04:39');
    expect(formatEdenDateTime(0)).toBe('1970-01-01T00:00:00');
    expect(formatEdenDateTime(-1)).toBe('1969-12-31T23:59:59');
  });

  it('refuses non-finite and out-of-range times', () => {
    expect(() => formatEdenDateTime(Number.NaN)).toThrow(RangeError);
    expect(() => formatEdenDateTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatEdenDateTime(utc('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('toNaiveUtcSeconds and isEdenMsince', () => {
  it('normalises every accepted form to the msince form', () => {
    expect(toNaiveUtcSeconds('2024-01-30T11:00:00.75+01:00')).toBe('2024-01-30T10:00:00');
    expect(toNaiveUtcSeconds('2026-11-29T22:06:09Z')).toBe('2026-11-29T22:06:09');
    expect(toNaiveUtcSeconds('2024-01-30')).toBe('2024-01-30T08:00:00');
    expect(toNaiveUtcSeconds('nope')).toBeNull();
  });

  it('accepts only the strict msince form', () => {
    expect(isEdenMsince('2024-01-30T10:00:00')).toBe(true);
    for (const bad of ['2024-01-30T10:00:00Z', '2024-01-30T10:00:00.000', '2024-01-30T10:00:00+00:00', '2024-01-30 10:00:00', '2024-02-30T10:00:00']) {
      expect(isEdenMsince(bad)).toBe(false);
    }
  });
});
