import type { JsonValue } from './json.js';

/**
 * A reference from one record to another by uuid (spec 3.4). A `list:reference` field holds
 * several uuids. `table` is the instance table named by the `resource` attribute, when known.
 * A reference to a record that is not (yet) in the local store is kept as is and resolves when
 * that record arrives: references are never local ids.
 */
export type RecordReference = {
  readonly table: string | null;
  readonly uuids: readonly string[];
  /** True for the multi-value (`list:reference`) form, even with one element. */
  readonly multiple: boolean;
};

/** The component link of a record nested under a master (spec 3.5). */
export type ComponentLink = {
  readonly table: string;
  readonly uuid: string;
  /** The component alias when Eden wrote one (`alias` attribute). */
  readonly alias: string | null;
};

/**
 * One record of any Eden table as the local store holds it.
 *
 * Times are naive UTC strings `YYYY-MM-DDTHH:MM:SS` (Eden's wire form, spec 3.9), so they
 * compare correctly as strings. `fields` holds raw values: the JSON-decoded `value` attribute
 * when Eden sent one, else the element text (spec 3.3); never Eden's display text.
 */
export type LocalRecord = {
  readonly table: string;
  readonly uuid: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
  readonly references: Readonly<Record<string, RecordReference>>;
  /** Master copy index: 0 = created on this device; n = n hops from the origin (spec 4.11). */
  readonly mci: number;
  readonly created_on: string | null;
  readonly modified_on: string | null;
  readonly created_by: string | null;
  readonly modified_by: string | null;
  readonly owned_by_user: string | null;
  readonly owned_by_group: string | null;
  readonly deleted: boolean;
  /** uuid of the record that replaced this one in a merge (spec 3.8), only on deleted records. */
  readonly replaced_by: string | null;
  /** Set on component records: the master they are nested under. */
  readonly parent: ComponentLink | null;
};

/** What a local create or edit supplies; the store fills in the rest. */
export type LocalEdit = {
  readonly uuid?: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
  readonly references?: Readonly<Record<string, RecordReference>>;
  readonly parent?: ComponentLink | null;
};
