import { getOwn } from '../model/own-property.js';

/**
 * The little schema knowledge the importer needs about Eden tables it cannot learn from S3XML.
 * Tables not listed here have no mandatory fields, no name deduplication and no delete restriction.
 */
type TableRules = {
  /** Fields without default whose validator rejects "" (spec 4.7): missing → "value(s) required", "" → "Enter a value". */
  readonly mandatory: readonly string[];
  /** Primary fields of the table's deduplicator for elements without uuid (spec 4.4; S3Duplicate, case-insensitive). */
  readonly dedupe: readonly string[];
  /** Component tables whose live records forbid deleting the master (ondelete RESTRICT; matrix DEL-028). */
  readonly restrictingComponents: readonly string[];
};

const RULES: Readonly<Record<string, TableRules>> = {
  org_organisation: { mandatory: ['name'], dedupe: ['name'], restrictingComponents: ['org_office'] },
  org_office: { mandatory: ['name'], dedupe: [], restrictingComponents: [] },
  pr_person: { mandatory: ['first_name'], dedupe: [], restrictingComponents: [] },
};

const NONE: TableRules = { mandatory: [], dedupe: [], restrictingComponents: [] };

/** Import rules of one table (empty rules for tables we know nothing about). */
export function tableRules(table: string): TableRules {
  return getOwn(RULES, table) ?? NONE;
}

/**
 * Super-entity tables that Eden exports as components but never imports as such (spec 3.5).
 * Nested elements of these tables are ignored.
 */
export const SUPER_ENTITIES: ReadonlySet<string> = new Set(['org_site', 'pr_pentity', 'doc_entity', 'sit_trackable', 'stats_parameter']);

/** Text fields whose validator is `IS_EMPTY_OR`: an empty value is stored as null (matrix finding 12, UF-012). */
export const EMPTY_AS_NULL_FIELDS: ReadonlySet<string> = new Set(['comments']);

/** Fields validated as e-mail addresses at parse time (matrix COMP-013). */
export const EMAIL_FIELDS: ReadonlySet<string> = new Set(['email']);

/** Meta attributes that are stored on the record and take part in the update policy like fields. */
export const META_FIELDS = ['created_on', 'modified_on', 'created_by', 'modified_by', 'owned_by_user', 'owned_by_group'] as const;
export type MetaField = (typeof META_FIELDS)[number];
