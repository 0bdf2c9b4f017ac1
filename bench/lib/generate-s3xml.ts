/**
 * Deterministic S3XML generator shaped like Eden's full pull of org_organisation
 * (fixtures/eden/03-pull-full/01-pull-org_organisation.response.xml): organisations with their
 * components inline (the org_site super-entity row and the org_office of each office, one
 * pr_role), `value="..."` JSON attributes on options fields, references (root_organisation, some
 * to another organisation), multilingual text with characters that need escaping, and every 29th
 * organisation a tombstone (`deleted="True"`). Organisation `i` is the same whatever page it is
 * rendered in: each one draws from its own seeded PRNG.
 */

import { seededRandom } from '../../server/peer/seeded-random.js';

const SEED = 0xbe7c4;
const DELETED_EVERY = 29;
const AUTHOR = 'admin@example.com';
const BASE = 'http://127.0.0.1:8000/eden';

const ORG_PATTERNS = [
  ['{p} Relief Agency', 'latin'],
  ['Croix-Rouge de {p}', 'latin'],
  ['Médecins & Bénévoles {p}', 'latin'],
  ['Société de secours <{p}>', 'latin'],
  ['Asociación Humanitaria de {p}', 'latin'],
  ['{p} Disaster Response Network', 'latin'],
  ['Ärzte für {p} e.V.', 'latin'],
  ['{p}災害ボランティアセンター', 'cjk'],
  ['جمعية {p} الخيرية', 'arabic'],
  ['Ελληνική Ανθρωπιστική Ένωση {p}', 'greek'],
  ['Фонд помощи «{p}»', 'cyrillic'],
  ['{p} Community Health Trust', 'latin'],
] as const;

const PLACES: Record<string, readonly string[]> = {
  latin: ['Alpha', 'Bravo', 'Lyon', 'Córdoba', 'Kraków', 'Zürich', 'Davao', 'Nairobi', 'Québec', 'Løkken', 'São Tomé', 'Iloilo'],
  cjk: ['長野', '輪島', '仙台', '熊本', '福岡', '札幌'],
  arabic: ['عمّان', 'بيروت', 'الخرطوم', 'تونس', 'مراكش'],
  greek: ['Αθηνών', 'Πάτρας', 'Κρήτης', 'Ρόδου'],
  cyrillic: ['Одесса', 'Казань', 'Тбилиси', 'Алматы'],
};

const OFFICE_KINDS = ['HQ', 'Field Office North', 'Field Office South', 'Warehouse', 'Liaison Office', 'Clinic'];

/** One organisation and its components, before rendering. */
export type OrgModel = {
  readonly index: number;
  readonly uuid: string;
  readonly deleted: boolean;
  readonly modifiedOn: string;
  readonly createdOn: string;
  readonly name: string;
  readonly acronym: string;
  readonly website: string | null;
  readonly comments: string | null;
  readonly rootUuid: string;
  readonly offices: readonly { readonly uuid: string; readonly siteId: number; readonly name: string; readonly code: string; readonly phone: string | null }[];
  readonly roleUuid: string;
};

export function orgUuid(index: number): string {
  return `urn:uuid:be0c0000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
}

function hexUuid(prefix: string, index: number, sub: number): string {
  return `urn:uuid:${prefix}-${sub.toString(16).padStart(4, '0')}-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
}

function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

/** The model of organisation `index` (0-based). */
export function orgModel(index: number): OrgModel {
  const next = seededRandom(SEED ^ Math.imul(index + 1, 0x9e3779b1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const [pattern, script] = pick(ORG_PATTERNS);
  const place = pick(PLACES[script] ?? ['X']);
  const name = `${pattern.replace('{p}', place)} ${index + 1}`;
  const acronym = `${(script === 'latin' ? place : 'ORG').slice(0, 3).toUpperCase()}${index % 1000}`;
  const created = T0 + index * 37_000 + Math.floor(next() * 30_000);
  const modified = created + Math.floor(next() * 90 * 86_400_000);
  const officeCount = next() < 0.15 ? 0 : next() < 0.7 ? 1 : next() < 0.8 ? 2 : 3;
  const offices = Array.from({ length: officeCount }, (_, k) => ({
    uuid: hexUuid('be0f0000', index, k),
    siteId: index * 4 + k + 1,
    name: `${place} ${OFFICE_KINDS[(index + k) % OFFICE_KINDS.length] ?? 'Office'}`,
    code: `${acronym}-${k === 0 ? 'HQ' : String(k).padStart(2, '0')}`,
    phone: next() < 0.7 ? `+${1 + Math.floor(next() * 98)} ${100 + Math.floor(next() * 900)} ${1000 + Math.floor(next() * 9000)}` : null,
  }));
  const branchOf = index > 10 && next() < 0.1 ? Math.floor(next() * index) : index;
  return {
    index,
    uuid: orgUuid(index),
    deleted: index % DELETED_EVERY === DELETED_EVERY - 1,
    createdOn: naive(created),
    modifiedOn: naive(modified),
    name,
    acronym,
    website: script === 'latin' && next() < 0.5 ? `http://www.${acronym.toLowerCase()}.example.org` : null,
    comments: next() < 0.2 ? `Seeded for the benchmark — record ${index + 1} «ünïcödé»` : null,
    rootUuid: orgUuid(branchOf),
    offices,
    roleUuid: hexUuid('be0e0000', index, 0),
  };
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function jsonAttr(value: string): string {
  return esc(JSON.stringify(value));
}

function meta(m: OrgModel, path: string): string {
  return `mci="3" created_on="${m.createdOn}" modified_on="${m.modifiedOn}" url="${BASE}/${path}" created_by="${AUTHOR}" modified_by="${AUTHOR}" owned_by_user="${AUTHOR}"`;
}

/** The `<resource>` element of one organisation with its components. */
export function orgXml(m: OrgModel): string {
  if (m.deleted) return `<resource name="org_organisation" uuid="${m.uuid}" deleted="True" modified_on="${m.modifiedOn}"/>`;
  const id = m.index + 1;
  const parts: string[] = [`<resource name="org_organisation" uuid="${m.uuid}" ${meta(m, `org/organisation/${id}`)}>`];
  parts.push(`<data field="name">${esc(m.name)}</data>`);
  parts.push(`<data field="acronym" value="${jsonAttr(m.acronym)}">${esc(m.acronym)}</data>`);
  if (m.website !== null) parts.push(`<data field="website" value="${jsonAttr(m.website)}">${esc(m.website)}</data>`);
  if (m.comments !== null) parts.push(`<data field="comments" value="${jsonAttr(m.comments)}">${esc(m.comments)}</data>`);
  parts.push(`<reference field="root_organisation" resource="org_organisation" uuid="${m.rootUuid}">${esc(m.name)}</reference>`);
  for (const o of m.offices) {
    parts.push(
      `<resource name="org_site" uuid="${o.uuid}" url="${BASE}/org/organisation/${id}/site/${o.siteId}" owned_by_user="${AUTHOR}">` +
        `<data field="site_id" value="${o.siteId}">${o.siteId}</data><data field="instance_type" value="&quot;org_office&quot;">Office</data>` +
        `<data field="code">${esc(o.code)}</data><data field="name">${esc(o.name)}</data><data field="obsolete" value="false">-</data></resource>`,
    );
  }
  for (const o of m.offices) {
    parts.push(
      `<resource name="org_office" uuid="${o.uuid}" ${meta(m, `org/organisation/${id}/office/${o.siteId}`)}>` +
        `<data field="name">${esc(o.name)}</data><data field="code">${esc(o.code)}</data>` +
        (o.phone === null ? '' : `<data field="phone1" value="${jsonAttr(o.phone)}">\u200e${esc(o.phone)}</data>`) +
        `<data field="obsolete" value="false">-</data></resource>`,
    );
  }
  parts.push(
    `<resource name="pr_role" uuid="${m.roleUuid}" ${meta(m, `org/organisation/${id}/role/${id}`)}>` +
      `<data field="role_type" value="1">Organization Units</data><data field="role">Sites</data></resource>`,
  );
  parts.push('</resource>');
  return parts.join('');
}

export type PageOptions = { readonly from: number; readonly count: number; readonly paging?: { start: number; limit: number } };

/** An S3XML document holding organisations `from .. from+count-1` (root `results` = count). */
export function documentXml(options: PageOptions): string {
  const paging = options.paging === undefined ? '' : ` start="${options.paging.start}" limit="${options.paging.limit}"`;
  const parts = [`<?xml version='1.0' encoding='utf-8'?>\n<s3xml success="true"${paging} results="${options.count}" domain="vm" url="${BASE}">`];
  for (let i = options.from; i < options.from + options.count; i += 1) parts.push(orgXml(orgModel(i)));
  parts.push('</s3xml>');
  return parts.join('');
}

/** One page of a paged pull of a dataset of `total` organisations (direct route `start`/`limit`). */
export function pageXml(total: number, start: number, limit: number): string {
  const count = Math.max(0, Math.min(limit, total - start));
  return documentXml({ from: start, count, paging: { start, limit } });
}

/** A plain object per record the import writes (masters and real components, no super-entity rows). */
export type PlainRow = { table: string; uuid: string; modified_on: string; deleted: boolean; fields: Record<string, string | null>; parent: string | null };

/** The plain objects of organisations `from .. from+count-1`, for the raw floor's bulkPut. */
export function plainRows(from: number, count: number): PlainRow[] {
  const rows: PlainRow[] = [];
  for (let i = from; i < from + count; i += 1) {
    const m = orgModel(i);
    rows.push({
      table: 'org_organisation',
      uuid: m.uuid,
      modified_on: m.modifiedOn,
      deleted: m.deleted,
      fields: m.deleted ? {} : { name: m.name, acronym: m.acronym, website: m.website, comments: m.comments, root_organisation: m.rootUuid },
      parent: null,
    });
    if (m.deleted) continue;
    for (const o of m.offices) {
      rows.push({ table: 'org_office', uuid: o.uuid, modified_on: m.modifiedOn, deleted: false, fields: { name: o.name, code: o.code, phone1: o.phone, obsolete: 'false' }, parent: m.uuid });
    }
    rows.push({ table: 'pr_role', uuid: m.roleUuid, modified_on: m.modifiedOn, deleted: false, fields: { role_type: '1', role: 'Sites' }, parent: m.uuid });
  }
  return rows;
}
