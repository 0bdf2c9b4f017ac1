import { FILTER_OPS, type FilterOp } from './filter-types.js';

/** Eden's `S3URLQuery.FILTEROP`: the operator suffix of a filter key. */
const FILTER_OP_SUFFIX = /__(?!link\.)([_a-z!]+)$/;

/** The selectors, operator and negation of a filter key, or null when the key is no filter. */
export type FilterKey = { readonly paths: readonly string[]; readonly op: FilterOp; readonly negate: boolean };

function isFilterOp(name: string): name is FilterOp {
  return (FILTER_OPS as readonly string[]).includes(name);
}

/**
 * Parses `alias.field[|alias.field][__op][!]` as `S3URLQuery.parse_key`/`parse_expression` do
 * (spec 2.4). Returns null for keys Eden ignores: no `.` (and no context `(...)`), or an unknown
 * operator (Eden drops such a sub-query with "Invalid URL query operator").
 */
export function parseFilterKey(key: string): FilterKey | null {
  if (key === '' || key.startsWith('_')) return null;
  if (!(key.includes('.') || (key.startsWith('(') && key.includes(')')))) return null;
  const negate = key.endsWith('!');
  let selector = key.replace(/!+$/, '');
  let op = 'eq';
  const match = FILTER_OP_SUFFIX.exec(selector);
  if (match) {
    op = match[0].replace(/^_+|_+$/g, '');
    selector = selector.slice(0, match.index);
  } else {
    selector = selector.replace(/_+$/, '');
  }
  if (op === '') op = 'eq';
  if (!isFilterOp(op)) return null;
  const paths = selector.includes('|') ? selector.split('|').filter((part) => part !== '') : [selector];
  if (paths.length === 0) return null;
  return { paths, op, negate };
}
