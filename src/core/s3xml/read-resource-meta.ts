import type { S3XmlResource } from './types.js';

/** The meta attributes of a `<resource>` (spec 3.2), typed. Absent attributes are null. */
export type ResourceMeta = {
  readonly uuid: string | null;
  readonly tuid: string | null;
  readonly alias: string | null;
  /** The integer `mci`; null when absent or not an integer (Eden then assumes 2, spec 3.2). */
  readonly mci: number | null;
  /** True iff `deleted` is "true" in any case (Eden: `.lower() == "true"`). */
  readonly deleted: boolean;
  readonly replaced_by: string | null;
  /** Raw datetime strings; parse with `parseEdenDateTime` (core/time). */
  readonly created_on: string | null;
  readonly modified_on: string | null;
  readonly created_by: string | null;
  readonly modified_by: string | null;
  readonly owned_by_user: string | null;
  readonly owned_by_group: string | null;
};

/** Python `int()` accepts blanks around, a sign and digits (underscores between digits too). */
const INTEGER = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/** Reads the meta attributes of one resource element (spec 3.2 import rules). */
export function readResourceMeta(resource: S3XmlResource): ResourceMeta {
  const a = resource.attributes;
  const mci = a['mci'];
  return {
    uuid: a['uuid'] ?? null,
    tuid: a['tuid'] ?? null,
    alias: a['alias'] ?? null,
    mci: mci !== undefined && INTEGER.test(mci) ? Number.parseInt(mci.replaceAll('_', ''), 10) : null,
    deleted: a['deleted']?.toLowerCase() === 'true',
    replaced_by: a['replaced_by'] ?? null,
    created_on: a['created_on'] ?? null,
    modified_on: a['modified_on'] ?? null,
    created_by: a['created_by'] ?? null,
    modified_by: a['modified_by'] ?? null,
    owned_by_user: a['owned_by_user'] ?? null,
    owned_by_group: a['owned_by_group'] ?? null,
  };
}
