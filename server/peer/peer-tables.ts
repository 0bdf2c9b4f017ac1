/** One field as Eden's `fields.s3json` describes it (cap 12-schema). */
export type FieldSpec = {
  readonly name: string;
  readonly type: string;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly hasOptions: boolean;
};

const f = (name: string, type: string, hasOptions = false, visible = true): FieldSpec => ({
  name,
  type,
  readable: visible,
  writable: visible,
  hasOptions,
});

/**
 * The tables the demo peer serves, with their fields in Eden's order (copied from the recorded
 * `fields.s3json` of a real Eden, cap 12-schema; pr_contact from Eden's pr model).
 */
export const PEER_TABLES: Readonly<Record<string, readonly FieldSpec[]>> = {
  org_organisation: [
    f('root_organisation', 'reference org_organisation', false, false),
    f('name', 'string'),
    f('acronym', 'string'),
    f('country', 'string', true),
    f('contact', 'string', false, false),
    f('phone', 'string'),
    f('website', 'string'),
    f('year', 'integer'),
    f('logo', 'upload'),
    f('comments', 'text'),
    f('deleted_rb', 'integer', false, false),
  ],
  org_office: [
    f('name', 'string'),
    f('code', 'string'),
    f('organisation_id', 'reference org_organisation', true),
    f('office_type_id', 'reference org_office_type', true),
    f('location_id', 'reference gis_location'),
    f('phone1', 'string'),
    f('phone2', 'string'),
    f('email', 'string'),
    f('fax', 'string'),
    f('obsolete', 'boolean', false, false),
    f('comments', 'text'),
    f('deleted_rb', 'integer', false, false),
  ],
  pr_person: [
    f('location_id', 'reference gis_location', false, false),
    f('pe_label', 'string'),
    f('first_name', 'string'),
    f('middle_name', 'string'),
    f('last_name', 'string'),
    f('gender', 'integer', true),
    f('date_of_birth', 'date'),
    f('comments', 'text'),
    f('deleted_rb', 'integer', false, false),
  ],
  pr_contact: [
    f('pe_id', 'reference pr_pentity', true, false),
    f('contact_method', 'string', true),
    f('value', 'string'),
    f('contact_description', 'string'),
    f('priority', 'integer', true),
    f('comments', 'text'),
    f('deleted_rb', 'integer', false, false),
  ],
};

/** True when the demo peer serves `tablename`. */
export function isPeerTable(tablename: string): boolean {
  return Object.hasOwn(PEER_TABLES, tablename);
}
