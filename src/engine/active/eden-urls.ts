import { formatSyncFilters } from '../../core/filter/format-sync-filters.js';
import type { UpdatePolicy } from '../../core/model/policy.js';
import type { SyncFilter } from '../../core/model/sync.js';
import { isEdenMsince } from '../../core/time/eden-date-time.js';

/** Percent-encodes like Python's `urllib.parse.quote(s, safe='')`: only `A-Za-z0-9_.-~` stay. */
export function quote(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Plain values (table names, uuids, strategies, times): Eden's client does not quote them; `,` and `:` stay. */
function plain(value: string): string {
  return quote(value).replace(/%2C/g, ',').replace(/%3A/g, ':');
}

function query(pairs: readonly (readonly [string, string])[], raw: readonly (readonly [string, string])[] = []): string {
  const parts = pairs.map(([k, v]) => `${k}=${plain(v)}`).concat(raw.map(([k, v]) => `${quote(k)}=${quote(v)}`));
  return parts.join('&');
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** Whether the update policy turns msince off (Eden sends none for THIS and OTHER, spec 8.28). */
export function policyDisablesMsince(updatePolicy: UpdatePolicy): boolean {
  return updatePolicy === 'THIS' || updatePolicy === 'OTHER';
}

/** The msince Eden's client would send for a checkpoint: none when unset, malformed, or the policy is THIS/OTHER. */
export function msinceFor(checkpoint: string | null, updatePolicy: UpdatePolicy): string | null {
  if (checkpoint === null || policyDisablesMsince(updatePolicy)) return null;
  return isEdenMsince(checkpoint) ? checkpoint : null;
}

export type PullUrlInput = {
  readonly baseUrl: string;
  readonly resource: string;
  /** This device's sync uuid. */
  readonly repositoryUuid: string;
  readonly msince: string | null;
  readonly filters: readonly SyncFilter[];
};

/** `GET {url}/sync/sync.xml?resource=&repository=[&msince=]&include_deleted=True[&[T]sel=v…]` (spec 2.4). */
export function buildPullUrl(input: PullUrlInput): string {
  const pairs: [string, string][] = [
    ['resource', input.resource],
    ['repository', input.repositoryUuid],
  ];
  if (input.msince !== null) pairs.push(['msince', input.msince]);
  pairs.push(['include_deleted', 'True']);
  return `${trimBase(input.baseUrl)}/sync/sync.xml?${query(pairs, formatSyncFilters(input.filters, input.resource))}`;
}

/** `prefix/name` of an Eden table name `prefix_name` (the prefix has no underscore). */
export function resourcePath(resource: string): string {
  const i = resource.indexOf('_');
  if (i <= 0 || i === resource.length - 1) throw new Error(`not an Eden table name: ${resource}`);
  return `${resource.slice(0, i)}/${resource.slice(i + 1)}`;
}

/**
 * A page of a pull on the direct route `{url}/{prefix}/{name}/sync.xml`, the only one that honours
 * `start` and `limit` (spec 2.3, fixture 03/08). `include_deleted` must be explicit there.
 */
export function buildPagedPullUrl(input: PullUrlInput & { readonly start: number; readonly limit: number }): string {
  const pairs: [string, string][] = [['repository', input.repositoryUuid]];
  if (input.msince !== null) pairs.push(['msince', input.msince]);
  pairs.push(['include_deleted', 'True']);
  const filters = formatSyncFilters(input.filters, input.resource);
  const paging = `start=${input.start}&limit=${input.limit}`;
  const q = query(pairs, filters);
  return `${trimBase(input.baseUrl)}/${resourcePath(input.resource)}/sync.xml?${q}&${paging}`;
}

export type PushUrlInput = {
  readonly baseUrl: string;
  readonly resource: string;
  readonly repositoryUuid: string;
  readonly strategy: readonly string[];
  readonly updatePolicy: UpdatePolicy;
  readonly conflictPolicy: string | null;
  readonly msince: string | null;
};

/**
 * `POST {url}/sync/sync.xml?resource=&repository=&strategy=&update_policy=&conflict_policy=[&msince=]`
 * (spec 2.5, fixture 08). Eden ignores the policies on this route; they are sent as Eden does.
 */
export function buildPushUrl(input: PushUrlInput): string {
  const pairs: [string, string][] = [
    ['resource', input.resource],
    ['repository', input.repositoryUuid],
  ];
  if (input.strategy.length > 0) pairs.push(['strategy', input.strategy.join(',')]);
  if (typeof input.updatePolicy === 'string' && input.updatePolicy !== '') pairs.push(['update_policy', input.updatePolicy]);
  if (input.conflictPolicy) pairs.push(['conflict_policy', input.conflictPolicy]);
  if (input.msince !== null) pairs.push(['msince', input.msince]);
  return `${trimBase(input.baseUrl)}/sync/sync.xml?${query(pairs)}`;
}

/** `POST {url}/sync/repository/register.json` (spec 2.1). */
export function buildRegisterUrl(baseUrl: string): string {
  return `${trimBase(baseUrl)}/sync/repository/register.json`;
}

/** Headers of a pushed S3XML body; without the filename Eden on Python 3 answers 500 (spec 8.4, fixture 09). */
export function pushHeaders(resource: string): Readonly<Record<string, string>> {
  return { 'Content-Type': 'text/xml', 'Content-Disposition': `attachment; filename="${resource}.xml"` };
}
