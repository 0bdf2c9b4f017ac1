import type { JsonValue } from '../../src/core/model/json.js';
import type { LocalRecord, RecordReference } from '../../src/core/model/record.js';
import type { LocalStore } from '../../src/ports/local-store.js';
import { CULTURES, type Culture } from './seed-names.js';
import { seededRandom } from './seeded-random.js';

/** How much demo data to create; unspecified counts take the defaults below. */
export type SeedOptions = {
  readonly organisations?: number;
  /** Offices spread over the live organisations (components of org_organisation). Default: one per organisation. */
  readonly offices?: number;
  readonly persons?: number;
  /** Contacts spread over the live persons (components of pr_person). Default: 1.5 per person. */
  readonly contacts?: number;
  /** Every n-th master is a tombstone (deleted record); 0 for none. Default 29. */
  readonly deletedEvery?: number;
};

export const DEFAULT_SEED = { organisations: 300, persons: 200, deletedEvery: 29 } as const;

/** The account the demo data is attributed to. */
export const SEED_AUTHOR = 'demo@example.com';


/** A fixed, recognisable uuid per table and index: `urn:uuid:5eed00<tt>-0000-4000-8000-<index>`. */
export function seedUuid(tableCode: number, index: number): string {
  return `urn:uuid:5eed00${tableCode.toString(16).padStart(2, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

const BASE_TIME = Date.UTC(2025, 0, 6, 8, 0, 0);
const DAY = 86_400_000;

function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function record(
  table: string,
  uuid: string,
  fields: Record<string, JsonValue>,
  times: { created: number; modified: number },
  extra: Partial<Pick<LocalRecord, 'references' | 'parent' | 'deleted'>> = {},
): LocalRecord {
  return {
    table,
    uuid,
    fields,
    references: extra.references ?? {},
    mci: 0,
    created_on: naive(times.created),
    modified_on: naive(times.modified),
    created_by: SEED_AUTHOR,
    modified_by: SEED_AUTHOR,
    owned_by_user: SEED_AUTHOR,
    owned_by_group: null,
    deleted: extra.deleted ?? false,
    replaced_by: null,
    parent: extra.parent ?? null,
  };
}

function times(next: () => number, index: number, count: number): { created: number; modified: number } {
  const created = BASE_TIME + Math.floor(((index + next()) / Math.max(count, 1)) * 300 * DAY);
  return { created, modified: created + Math.floor(next() * 60 * DAY) };
}

function acronymOf(name: string, culture: Culture): string | null {
  if (!culture.latin) return null;
  const letters = name
    .replace(/\{p\}/g, '')
    .split(/[\s-]+/)
    .filter((word) => /^[A-ZÀ-Ý]/.test(word))
    .map((word) => word[0] ?? '')
    .join('');
  return letters.length >= 2 ? letters.slice(0, 5) : null;
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

function reference(table: string, uuid: string): RecordReference {
  return { table, uuids: [uuid], multiple: false };
}

type Organisation = { readonly uuid: string; readonly culture: Culture; readonly acronym: string | null; readonly deleted: boolean };

/**
 * Yields the demo records in batches: organisations (with their office components) and persons
 * (with their contact components). Names are realistic and multilingual; repeated names get a
 * number. Every `deletedEvery`-th master is a tombstone. Deterministic for given options.
 */
export function* generateDemoRecords(options: SeedOptions = {}, batchSize = 5000): Generator<LocalRecord[]> {
  const organisations = options.organisations ?? DEFAULT_SEED.organisations;
  const persons = options.persons ?? DEFAULT_SEED.persons;
  const deletedEvery = options.deletedEvery ?? DEFAULT_SEED.deletedEvery;
  const next = seededRandom(0x5eed);
  const seen = new Map<string, number>();
  let batch: LocalRecord[] = [];
  const flush = function* (): Generator<LocalRecord[]> {
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  };
  const unique = (name: string): string => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  };
  const isDeleted = (index: number): boolean => deletedEvery > 0 && index % deletedEvery === deletedEvery - 1;

  const live: Organisation[] = [];
  for (let index = 0; index < organisations; index += 1) {
    const culture = pick(CULTURES, next);
    const pattern = pick(culture.organisations, next);
    const place = pick(culture.places, next);
    const name = unique(pattern.replace('{p}', place));
    const acronym = acronymOf(pattern.replace('{p}', place), culture);
    const uuid = seedUuid(0x0a, index + 1);
    const deleted = isDeleted(index);
    const fields: Record<string, JsonValue> = { name };
    if (acronym !== null) fields.acronym = acronym;
    fields.country = culture.country;
    if (next() < 0.6) fields.phone = `${culture.dialCode} ${100 + Math.floor(next() * 900)} ${1000 + Math.floor(next() * 9000)}`;
    if (culture.latin && next() < 0.5) fields.website = `https://www.${ascii(place)}-${(acronym ?? 'org').toLowerCase()}.example.org`;
    if (next() < 0.7) fields.year = 1950 + Math.floor(next() * 74);
    if (next() < 0.2) fields.comments = `Demo organisation ${index + 1}`;
    batch.push(record('org_organisation', uuid, fields, times(next, index, organisations), { deleted }));
    if (!deleted) live.push({ uuid, culture, acronym, deleted });
    yield* flush();
  }

  const offices = live.length === 0 ? 0 : (options.offices ?? organisations);
  for (let index = 0; index < offices; index += 1) {
    const organisation = live[Math.floor(next() * live.length)] as Organisation;
    const { culture } = organisation;
    const place = pick(culture.places, next);
    const fields: Record<string, JsonValue> = {
      name: unique(pick(culture.offices, next).replace('{p}', place)),
      code: `${organisation.acronym ?? 'OF'}-${String(index + 1).padStart(4, '0')}`,
    };
    if (next() < 0.7) fields.phone1 = `${culture.dialCode} ${100 + Math.floor(next() * 900)} ${1000 + Math.floor(next() * 9000)}`;
    if (culture.latin && next() < 0.4) fields.email = `${ascii(place)}.office${index + 1}@example.org`;
    batch.push(
      record('org_office', seedUuid(0x0b, index + 1), fields, times(next, index, offices), {
        references: { organisation_id: reference('org_organisation', organisation.uuid) },
        parent: { table: 'org_organisation', uuid: organisation.uuid, alias: 'office' },
      }),
    );
    yield* flush();
  }

  const people: { uuid: string; culture: Culture; email: string }[] = [];
  for (let index = 0; index < persons; index += 1) {
    const culture = pick(CULTURES, next);
    const female = next() < 0.5;
    const first = pick(female ? culture.femaleNames : culture.maleNames, next);
    const last = pick(culture.lastNames, next);
    const uuid = seedUuid(0x0c, index + 1);
    const deleted = isDeleted(index);
    const birth = Date.UTC(1950, 0, 1) + Math.floor(next() * 55 * 365) * DAY;
    const fields: Record<string, JsonValue> = {
      ...(next() < 0.1 ? { pe_label: `P-${String(index + 1).padStart(5, '0')}` } : {}),
      first_name: first,
      last_name: last,
      gender: female ? 2 : 3,
      date_of_birth: new Date(birth).toISOString().slice(0, 10),
    };
    batch.push(record('pr_person', uuid, fields, times(next, index, persons), { deleted }));
    const local = culture.latin ? `${ascii(first)}.${ascii(last)}` : `person${index + 1}`;
    if (!deleted) people.push({ uuid, culture, email: `${local}${index + 1}@example.org` });
    yield* flush();
  }

  const contacts = people.length === 0 ? 0 : (options.contacts ?? Math.round(persons * 1.5));
  for (let index = 0; index < contacts; index += 1) {
    const person = people[index < people.length ? index : Math.floor(next() * people.length)] as (typeof people)[number];
    const sms = index >= people.length;
    batch.push(
      record(
        'pr_contact',
        seedUuid(0x0d, index + 1),
        {
          contact_method: sms ? 'SMS' : 'EMAIL',
          value: sms ? `${person.culture.dialCode} 7${String(Math.floor(next() * 1e8)).padStart(8, '0')}` : person.email,
          priority: sms ? 2 : 1,
        },
        times(next, index, contacts),
        { parent: { table: 'pr_person', uuid: person.uuid, alias: 'contact' } },
      ),
    );
    yield* flush();
  }
  if (batch.length > 0) yield batch;
}

/** Writes the demo data into a store in bulk (one transaction per batch). Returns the record count. */
export async function seedDemoData(store: LocalStore, options: SeedOptions = {}): Promise<number> {
  let count = 0;
  for (const batch of generateDemoRecords(options)) {
    await store.write((tx) => tx.putRecords(batch));
    count += batch.length;
  }
  return count;
}
