import type { LocalRecord } from '../model/record.js';
import { componentAliasOf, shortNameOf } from './component-alias.js';
import { filterFieldValue } from './field-value.js';
import type { FilterExpression } from './filter-types.js';
import { notTruth, probeValue, type Truth } from './probe-value.js';

/** Where a selector points, seen from a record of `table`; null when it cannot be evaluated here. */
type ResolvedPath = { readonly kind: 'own' | 'component'; readonly alias: string; readonly field: string };

/**
 * Resolves `alias.field` against `table`: `~` and the table's own short name (`organisation` on
 * `org_organisation`) are the record itself, any other alias a component alias. Foreign-key paths
 * (`organisation_id$name`), deeper paths and context expressions `(name)` are not evaluable.
 */
export function resolveFilterPath(table: string, path: string): ResolvedPath | null {
  if (path.startsWith('(') || path.includes('$')) return null;
  const dot = path.indexOf('.');
  if (dot === -1) return { kind: 'own', alias: '~', field: path };
  const alias = path.slice(0, dot);
  const field = path.slice(dot + 1);
  if (field === '' || field.includes('.')) return null;
  if (alias === '~' || alias === shortNameOf(table)) return { kind: 'own', alias: '~', field };
  return { kind: 'component', alias, field };
}

function probeRecord(expression: FilterExpression, record: LocalRecord, field: string): Truth | undefined {
  const value = filterFieldValue(record, field);
  if (value === undefined) return undefined;
  const truth = probeValue(expression.op, value, expression.values);
  if (truth === undefined) return undefined;
  return expression.negate ? notTruth(truth) : truth;
}

/** Combines the per-selector results as `S3URLQuery._subquery`: OR, or AND when negated. */
function combine(expression: FilterExpression, truths: readonly (Truth | undefined)[]): Truth | undefined {
  const known = truths.filter((truth): truth is Truth => truth !== undefined);
  if (known.length === 0) return undefined;
  if (expression.negate) return known.includes(false) ? false : known.includes(null) ? null : true;
  return known.includes(true) ? true : known.includes(null) ? null : false;
}

function evaluate(
  expression: FilterExpression,
  record: LocalRecord,
  components: readonly LocalRecord[] | undefined,
): Truth | undefined {
  const truths = expression.paths.map((path) => {
    const resolved = resolveFilterPath(record.table, path);
    if (resolved === null) return undefined;
    if (resolved.kind === 'own') return probeRecord(expression, record, resolved.field);
    if (components === undefined) return undefined;
    const candidates = components.filter((component) => componentAliasOf(component) === resolved.alias);
    return candidates.some((component) => probeRecord(expression, component, resolved.field) === true);
  });
  return combine(expression, truths);
}

/**
 * Whether a record passes every expression (AND). Component-alias selectors (`office.name`) need
 * the record's `components`: the record passes when one component of that alias matches (Eden
 * joins the component). An expression that cannot be evaluated counts as a match, as Eden
 * treats an unresolvable filter (`S3ResourceFilter.__call__`); an unknown (SQL NULL) result does not.
 */
export function matchesFilters(
  record: LocalRecord,
  expressions: readonly FilterExpression[] | undefined,
  components?: readonly LocalRecord[],
): boolean {
  if (expressions === undefined) return true;
  return expressions.every((expression) => {
    const truth = evaluate(expression, record, components);
    return truth === undefined || truth === true;
  });
}

/**
 * Whether a component passes the component-alias expressions of its master's table
 * (`[~]office.name__like=Sync2*` keeps only the matching offices, spec 7.4.4).
 */
export function matchesMasterComponentFilters(
  component: LocalRecord,
  masterTable: string,
  expressions: readonly FilterExpression[] | undefined,
): boolean {
  if (expressions === undefined) return true;
  const alias = componentAliasOf(component);
  return expressions.every((expression) => {
    const resolved = expression.paths.map((path) => resolveFilterPath(masterTable, path));
    const mine = resolved.every((path) => path !== null && path.kind === 'component' && path.alias === alias);
    if (!mine) return true;
    const truths = resolved.map((path) => (path === null ? undefined : probeRecord(expression, component, path.field)));
    const truth = combine(expression, truths);
    return truth === undefined || truth === true;
  });
}
