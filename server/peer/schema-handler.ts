import type { ServerResponse } from 'node:http';
import type { LocalStore } from '../../src/ports/local-store.js';
import { sendBody, sendEdenFailure } from '../http/reply.js';
import { PEER_TABLES, type FieldSpec } from './peer-tables.js';
import { CULTURES } from './seed-names.js';

type Option = { readonly '@value': string | number; readonly $?: string };

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  BR: 'Brazil', CN: 'China', CO: 'Colombia', DE: 'Germany', FR: 'France', GB: 'United Kingdom', ID: 'Indonesia',
  IN: 'India', JO: 'Jordan', JP: 'Japan', KE: 'Kenya', PH: 'Philippines', TR: 'Turkey', UA: 'Ukraine',
};

const FIXED_OPTIONS: Readonly<Record<string, readonly Option[]>> = {
  'org_organisation.country': [
    { '@value': '' },
    ...[...new Set(CULTURES.map((culture) => culture.country))]
      .sort((a, b) => (COUNTRY_NAMES[a] ?? a).localeCompare(COUNTRY_NAMES[b] ?? b))
      .map((code) => ({ '@value': code, $: COUNTRY_NAMES[code] ?? code })),
  ],
  'org_organisation.organisation_type_id': [],
  'org_office.office_type_id': [
    { '@value': '' },
    { '@value': 4, $: 'Field' },
    { '@value': 1, $: 'Headquarters' },
    { '@value': 3, $: 'National' },
    { '@value': 2, $: 'Regional' },
  ],
  'pr_person.gender': [{ '@value': 1 }, { '@value': 2, $: 'female' }, { '@value': 3, $: 'male' }],
  'pr_contact.contact_method': [
    { '@value': 'SMS', $: 'Mobile Phone' },
    { '@value': 'EMAIL', $: 'Email' },
    { '@value': 'HOME_PHONE', $: 'Home Phone' },
    { '@value': 'WORK_PHONE', $: 'Office Phone' },
  ],
  'pr_contact.priority': [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ '@value': n, $: String(n) })),
};

/** `fields.s3json`: one entry per field, flags as the strings "True"/"False" (cap 12-schema). */
export function fieldsDocument(tablename: string, fields: readonly FieldSpec[]): unknown {
  const flag = (value: boolean): string => (value ? 'True' : 'False');
  return {
    field: fields.map((field) => ({
      '@name': field.name,
      '@type': field.type,
      '@readable': flag(field.readable),
      '@writable': flag(field.writable),
      '@has_options': flag(field.hasOptions),
    })),
    '@resource': tablename,
  };
}

/** `fields.xml`, the same content as elements (cap 12-schema). */
export function fieldsXml(tablename: string, fields: readonly FieldSpec[]): string {
  const attr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const flag = (value: boolean): string => (value ? 'True' : 'False');
  const lines = fields.map(
    (field) =>
      `  <field name="${attr(field.name)}" type="${attr(field.type)}" readable="${flag(field.readable)}" writable="${flag(field.writable)}" has_options="${flag(field.hasOptions)}"/>`,
  );
  return `<?xml version='1.0' encoding='utf-8'?>\n<fields resource="${attr(tablename)}">\n${lines.join('\n')}\n</fields>\n`;
}

/** Options of a reference to org_organisation: live organisations as `Name (ACRONYM)`, keyed by uuid. */
async function organisationOptions(store: LocalStore): Promise<Option[]> {
  const organisations = await store.list('org_organisation');
  const options = organisations.map((record) => {
    const name = typeof record.fields.name === 'string' ? record.fields.name : record.uuid;
    const acronym = record.fields.acronym;
    return { '@value': record.uuid, $: typeof acronym === 'string' && acronym !== '' ? `${name} (${acronym})` : name };
  });
  options.sort((a, b) => a.$.localeCompare(b.$));
  return [{ '@value': '' }, ...options];
}

async function optionsOf(store: LocalStore, tablename: string, field: string): Promise<Option[] | null> {
  const fixed = FIXED_OPTIONS[`${tablename}.${field}`];
  if (fixed !== undefined) return [...fixed];
  const spec = PEER_TABLES[tablename]?.find((candidate) => candidate.name === field);
  if (spec?.type === 'reference org_organisation' && spec.hasOptions) return organisationOptions(store);
  return spec?.hasOptions === true ? [] : null;
}

/**
 * `options.s3json?field=F[&field=G]` (cap 12-schema): one field gives
 * `{"option":[...],"@name":F,"@id":"table_F"}`, several `{"select":[...]}`, an empty list `{}`.
 * Without `field`, every field that has options. Reference options use uuids as values (this
 * peer has no integer ids).
 */
export async function sendOptions(res: ServerResponse, store: LocalStore, tablename: string, params: URLSearchParams): Promise<void> {
  const fields = PEER_TABLES[tablename] ?? [];
  const requested = params.getAll('field').flatMap((value) => value.split(','));
  const names = requested.length > 0 ? requested : fields.filter((field) => field.hasOptions).map((field) => field.name);
  const selects: unknown[] = [];
  for (const name of names) {
    const options = await optionsOf(store, tablename, name);
    if (options === null || options.length === 0) continue;
    selects.push({ option: options, '@name': name, '@id': `${tablename}_${name}` });
  }
  const body = selects.length === 0 ? {} : selects.length === 1 ? selects[0] : { select: selects };
  sendBody(res, 200, 'application/json', JSON.stringify(body));
}

/** `fields.s3json` / `fields.xml` of a served table; other representations get 415. */
export function sendFields(res: ServerResponse, tablename: string, extension: string): void {
  const fields = PEER_TABLES[tablename] ?? [];
  if (extension === 's3json' || extension === 'json') {
    sendBody(res, 200, 'application/json', JSON.stringify(fieldsDocument(tablename, fields), null, 2));
  } else if (extension === 'xml') {
    sendBody(res, 200, 'text/xml', fieldsXml(tablename, fields));
  } else {
    sendEdenFailure(res, 415, 'Unsupported data format!');
  }
}
