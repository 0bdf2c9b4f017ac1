import type { LocalRecord } from './record.js';

/**
 * A local version that an incoming record overwrote, or a local edit the peer refused, kept
 * for the user to review and restore (architecture invariant 4.1).
 */
export type ConflictEntry = {
  readonly id?: number;
  readonly table: string;
  readonly uuid: string;
  readonly kind: 'overwritten' | 'deleted-by-peer' | 'rejected-by-peer';
  /** The local version as it was before the import. */
  readonly local: LocalRecord;
  /** The version that won (null when the peer deleted the record). */
  readonly incoming: LocalRecord | null;
  readonly detectedAt: string;
  readonly source: string;
  readonly resolved: boolean;
};
