import type { JsonValue } from '../model/json.js';
import type { ImportMethod } from '../model/policy.js';
import type { LocalRecord } from '../model/record.js';

/** What an `onconflict` callback sees: the local original and the incoming version of one record. */
export type ConflictItem = {
  readonly table: string;
  readonly uuid: string;
  readonly method: ImportMethod;
  readonly local: LocalRecord;
  /** Local `modified_on` in epoch ms, null when the record has none. */
  readonly localMtime: number | null;
  readonly incoming: {
    readonly fields: Readonly<Record<string, JsonValue>>;
    /** The item mtime in epoch ms (now when the element had no `modified_on`). */
    readonly mtime: number;
    readonly mci: number;
    readonly deleted: boolean;
    readonly replacedBy: string | null;
  };
};

/**
 * Conflict callback (spec 4.9), synchronous: return `true` to accept the incoming change, `false`
 * to keep the local version. There is no other channel (no `item.conflict = false`): the return
 * value alone decides. See docs/decisions/0002-onconflict-contract.md.
 */
export type OnConflict = (item: ConflictItem) => boolean;
