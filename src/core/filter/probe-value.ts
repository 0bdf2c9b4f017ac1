import type { JsonValue } from '../model/json.js';
import type { FilterOp } from './filter-types.js';
import { belongsPattern, likePattern } from './like-pattern.js';

/** SQL three-valued truth: null is "unknown" (a comparison with NULL), which a WHERE rejects. */
export type Truth = boolean | null;

function not(truth: Truth): Truth {
  return truth === null ? null : !truth;
}

function anyOf(truths: readonly Truth[]): Truth {
  if (truths.includes(true)) return true;
  return truths.includes(null) ? null : false;
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Equality of a stored value with a URL value (a string): numbers and booleans are converted. */
function equals(value: JsonValue, wanted: string): boolean {
  if (typeof value === 'string') return value === wanted;
  if (typeof value === 'number') return wanted.trim() !== '' && Number(wanted) === value;
  if (typeof value === 'boolean') {
    const lower = wanted.toLowerCase();
    return value ? lower === 'true' || lower === '1' : lower === 'false' || lower === '0';
  }
  if (Array.isArray(value)) return value.length === 1 && equals(value[0] as JsonValue, wanted);
  return false;
}

function compare(value: JsonValue, wanted: string): number | null {
  if (typeof value === 'number') {
    const number = Number(wanted);
    return wanted.trim() === '' || Number.isNaN(number) ? null : value - number;
  }
  if (typeof value === 'string') return value < wanted ? -1 : value > wanted ? 1 : 0;
  return null;
}

function belongs(value: JsonValue | null, items: readonly (string | null)[]): Truth {
  const hasNull = items.includes(null);
  if (value === null) return hasNull ? true : null;
  const matched = items.some((item) => {
    if (item === null) return false;
    const pattern = typeof value === 'string' ? belongsPattern(item) : null;
    return pattern ? pattern.test(value as string) : equals(value, item);
  });
  return matched ? true : false;
}

function contains(value: JsonValue, items: readonly string[], all: boolean): boolean {
  const hit = (item: string): boolean =>
    Array.isArray(value)
      ? value.some((element) => equals(element as JsonValue, item))
      : asText(value).toLowerCase().includes(item.toLowerCase());
  return all ? items.every(hit) : items.some(hit);
}

/** One operator against one URL value (`S3ResourceQuery._query_bare` semantics on SQL). */
function probeOne(op: FilterOp, value: JsonValue | null, wanted: string | null): Truth {
  if (op === 'eq') return wanted === null ? value === null : value === null ? null : equals(value, wanted);
  if (op === 'ne') return wanted === null ? value !== null : value === null ? null : !equals(value, wanted);
  if (value === null || wanted === null) return null;
  if (op === 'like') return likePattern(wanted).test(asText(value).toLowerCase());
  const order = compare(value, wanted);
  if (order === null) return null;
  if (op === 'lt') return order < 0;
  if (op === 'le') return order <= 0;
  if (op === 'gt') return order > 0;
  return order >= 0;
}

/**
 * Whether a stored value satisfies `op` with the URL values, in SQL three-valued logic.
 * Several values: `eq` means belongs, `ne` not-belongs, `contains` all of them, `anyof` any,
 * the other operators any (OR), as `S3ResourceQuery` does. Returns `undefined` for an operator
 * that cannot be evaluated here (`intersects`: no geometry).
 */
export function probeValue(op: FilterOp, value: JsonValue | null, values: readonly (string | null)[]): Truth | undefined {
  if (op === 'intersects') return undefined;
  if (op === 'belongs' || op === 'typeof') return belongs(value, values);
  if (op === 'contains' || op === 'anyof') {
    if (value === null) return null;
    const items = values.filter((item): item is string => item !== null);
    return contains(value, items, op === 'contains');
  }
  if (op === 'like') {
    const patterns = values.filter((item): item is string => item !== null);
    return anyOf(patterns.map((wanted) => probeOne(op, value, wanted)));
  }
  if (values.length > 1 && !Array.isArray(value)) {
    if (op === 'eq') return belongs(value, values);
    if (op === 'ne') return not(belongs(value, values));
  }
  return anyOf(values.map((wanted) => probeOne(op, value, wanted)));
}

export { not as notTruth };
