import type { LocalRecord } from '../model/record.js';
import type { ImportMethod } from '../model/policy.js';
import type { OnConflict } from '../policy/conflict-item.js';
import { defaultResolver } from '../policy/default-resolver.js';
import { normalizeStrategy } from '../policy/strategy.js';
import { formatTime, parseStoredTime } from './codec-bridge.js';
import type { ImportError, ImportOptions, LocalSnapshot } from './import-types.js';
import { keyOf, type PreparedImport } from './prepare-import.js';

/** How a write relates to the local version it replaces (for the conflict inbox). */
export type WriteEffect = {
  /** The peer's version replaced or deleted local content (not just a moved link). */
  readonly overwrote: boolean;
  /**
   * The fields and references that now hold the value an incoming element carried (written, or
   * already equal): a pending local edit of any other one survives in the record.
   */
  readonly covered: ReadonlySet<string>;
};

/** An empty `WriteEffect.covered`. */
export const NOTHING_COVERED: ReadonlySet<string> = new Set<string>();

/** A write that carries no incoming value over local content (a create, a deletion, a moved link). */
export function effectOf(overwrote: boolean): WriteEffect {
  return { overwrote, covered: NOTHING_COVERED };
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a === undefined || a.size === 0) return b;
  return b.size === 0 ? a : new Set([...a, ...b]);
}

/** The outcome of one item's commit. `listed` is the uuid to report under its method, if any. */
export type ItemResult = {
  readonly method: ImportMethod | null;
  readonly error: ImportError | null;
  readonly listed: string | null;
};

/**
 * The mutable state of one planning run: the records as this import has changed them so far
 * (later items see earlier writes, as Eden's committed rows), and what each write did.
 */
export class ImportState {
  readonly strategy: ReadonlySet<ImportMethod>;
  readonly resolver: OnConflict | null;
  readonly lastSync: number | null;
  readonly nowText: string;
  private readonly working = new Map<string, LocalRecord>();
  private readonly effects = new Map<string, WriteEffect>();
  private readonly childrenOf = new Map<string, Set<string>>();

  constructor(
    readonly prepared: PreparedImport,
    readonly snapshot: LocalSnapshot,
    readonly options: ImportOptions,
  ) {
    this.strategy = normalizeStrategy(options.strategy);
    this.resolver = options.onconflict === undefined ? defaultResolver(options.conflictPolicy) : options.onconflict;
    this.lastSync = options.lastSync === null || options.lastSync === undefined ? null : parseStoredTime(options.lastSync);
    this.nowText = formatTime(prepared.now);
  }

  /** The record as it stands now in this import (written earlier in it, else the local original). */
  current(table: string, uuid: string): LocalRecord | undefined {
    return this.working.get(keyOf(table, uuid)) ?? this.snapshot.get(table, uuid);
  }

  /** Records one write; effects of several writes to one record accumulate. */
  write(record: LocalRecord, effect: WriteEffect): void {
    const key = keyOf(record.table, record.uuid);
    const previous = this.working.get(key);
    if (previous?.parent) this.childrenOf.get(keyOf(previous.parent.table, previous.parent.uuid))?.delete(key);
    this.working.set(key, record);
    if (record.parent !== null) {
      const parentKey = keyOf(record.parent.table, record.parent.uuid);
      const set = this.childrenOf.get(parentKey) ?? new Set<string>();
      set.add(key);
      this.childrenOf.set(parentKey, set);
    }
    const before = this.effects.get(key);
    this.effects.set(key, { overwrote: effect.overwrote || (before?.overwrote ?? false), covered: union(before?.covered, effect.covered) });
  }

  /** Current components of a master: the loaded ones plus any this import has attached. */
  componentsOf(table: string, uuid: string): LocalRecord[] {
    const result = new Map<string, LocalRecord>();
    for (const loaded of this.snapshot.componentsOf(table, uuid)) {
      const now = this.current(loaded.table, loaded.uuid) ?? loaded;
      if (now.parent?.table === table && now.parent.uuid === uuid) result.set(keyOf(now.table, now.uuid), now);
    }
    for (const key of this.childrenOf.get(keyOf(table, uuid)) ?? []) {
      const record = this.working.get(key);
      if (record !== undefined) result.set(key, record);
    }
    return [...result.values()];
  }

  /** Current records referencing a uuid: the loaded referrers plus records this import wrote. */
  referrersOf(uuid: string): LocalRecord[] {
    const refersTo = (record: LocalRecord): boolean =>
      Object.values(record.references).some((reference) => reference.uuids.includes(uuid));
    const result = new Map<string, LocalRecord>();
    for (const loaded of this.snapshot.referrersOf(uuid)) {
      const now = this.current(loaded.table, loaded.uuid) ?? loaded;
      if (refersTo(now)) result.set(keyOf(now.table, now.uuid), now);
    }
    for (const [key, record] of this.working) if (refersTo(record)) result.set(key, record);
    return [...result.values()];
  }

  /** Every written record with its accumulated effect, in first-write order. */
  written(): { record: LocalRecord; effect: WriteEffect }[] {
    return [...this.working].map(([key, record]) => ({
      record,
      effect: this.effects.get(key) ?? effectOf(false),
    }));
  }
}
