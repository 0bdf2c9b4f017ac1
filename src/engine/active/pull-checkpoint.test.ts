import { describe, expect, it } from 'vitest';
import { parseHttpDate } from './http-date.js';
import { readPageResults } from './page-results.js';
import { pullCheckpoint, snapshotBound } from './pull-checkpoint.js';

describe('pullCheckpoint', () => {
  it('is the newest mtime of a single request, without +1 s', () => {
    expect(pullCheckpoint({ previous: null, maxMtime: '2026-11-29T22:06:02', multiPage: false, bound: null })).toBe('2026-11-29T22:06:02');
  });

  it('caps a multi-page run at the snapshot bound', () => {
    expect(
      pullCheckpoint({ previous: null, maxMtime: '2026-11-29T22:10:00', multiPage: true, bound: '2026-11-29T22:05:00' }),
    ).toBe('2026-11-29T22:05:00');
    expect(
      pullCheckpoint({ previous: null, maxMtime: '2026-11-29T22:01:00', multiPage: true, bound: '2026-11-29T22:05:00' }),
    ).toBe('2026-11-29T22:01:00');
  });

  it('keeps the previous checkpoint when nothing was imported, and never goes back', () => {
    expect(pullCheckpoint({ previous: '2026-01-01T00:00:00', maxMtime: null, multiPage: false, bound: null })).toBe('2026-01-01T00:00:00');
    expect(pullCheckpoint({ previous: '2026-06-01T00:00:00', maxMtime: '2026-01-01T00:00:00', multiPage: false, bound: null })).toBe(
      '2026-06-01T00:00:00',
    );
  });
});

describe('pullCheckpoint: never past a rejected record (decision 0015)', () => {
  it('stops at the oldest rejected mtime when it is older than the newest imported one', () => {
    expect(pullCheckpoint({ previous: null, maxMtime: '2026-03-01T00:00:00', multiPage: false, bound: null, rejected: '2026-02-01T00:00:00' })).toBe(
      '2026-02-01T00:00:00',
    );
    expect(pullCheckpoint({ previous: null, maxMtime: '2026-01-01T00:00:00', multiPage: false, bound: null, rejected: '2026-02-01T00:00:00' })).toBe(
      '2026-01-01T00:00:00',
    );
  });

  it('applies with the snapshot bound of a multi-page run, and never moves the checkpoint back', () => {
    const multi = { previous: null, maxMtime: '2026-11-29T22:10:00', multiPage: true, bound: '2026-11-29T22:05:00' };
    expect(pullCheckpoint({ ...multi, rejected: '2026-11-29T22:01:00' })).toBe('2026-11-29T22:01:00');
    expect(pullCheckpoint({ ...multi, rejected: '2026-11-29T22:07:00' })).toBe('2026-11-29T22:05:00');
    expect(pullCheckpoint({ ...multi, previous: '2026-11-29T22:03:00', rejected: '2026-11-29T22:01:00' })).toBe('2026-11-29T22:03:00');
  });
});

describe('snapshotBound', () => {
  it('takes the Date header minus the round trip and 1 s', () => {
    expect(snapshotBound('Sun, 29 Nov 2026 22:05:53 GMT', 1200, null)).toBe('2026-11-29T22:05:50');
  });
  it('never goes below the first page newest mtime; null without either', () => {
    expect(snapshotBound('Sun, 29 Nov 2026 22:05:53 GMT', 0, '2026-11-29T22:05:53')).toBe('2026-11-29T22:05:53');
    expect(snapshotBound(undefined, 0, '2026-11-29T22:00:00')).toBe('2026-11-29T22:00:00');
    expect(snapshotBound('garbage', 0, null)).toBeNull();
  });
});

describe('parseHttpDate / readPageResults', () => {
  it('parses IMF-fixdate only', () => {
    expect(parseHttpDate('Sun, 29 Nov 2026 22:05:53 GMT')).toBe('2026-11-29T22:05:53');
    expect(parseHttpDate('2026-11-29T22:05:53Z')).toBeNull();
  });
  it('rejects a well-formed header naming no real time (core date rules)', () => {
    expect(parseHttpDate('Mon, 30 Feb 2026 00:00:00 GMT')).toBeNull();
    expect(parseHttpDate('Sun, 29 Nov 2026 24:00:00 GMT')).toBeNull();
    expect(snapshotBound('Mon, 30 Feb 2026 00:00:00 GMT', 0, null)).toBeNull();
  });
  it('reads the root results count', () => {
    expect(readPageResults(`<?xml version='1.0' encoding='utf-8'?>\n<s3xml success="true" start="1" limit="2" results="2" domain="vm">`)).toBe(2);
    expect(readPageResults(`<s3xml success="false" results="0" domain="vm" url="x"/>`)).toBe(0);
    expect(readPageResults('{"status": "failed"}')).toBeNull();
  });
});
