/** Operators of Eden's URL filters (`S3ResourceQuery`, spec 2.4). */
export type FilterOp =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'like'
  | 'belongs'
  | 'contains'
  | 'anyof'
  | 'typeof'
  | 'intersects';

export const FILTER_OPS: readonly FilterOp[] = [
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'like',
  'belongs',
  'contains',
  'anyof',
  'typeof',
  'intersects',
];

/**
 * One parsed URL filter `alias.field[|alias.field...][__op][!]=v1,v2` (spec 2.4).
 * `paths` holds the `|`-separated selectors: a match on any of them is a match (with `negate`,
 * each must hold). `values` are the comma-separated values, `null` for `NONE`/`None`.
 */
export type FilterExpression = {
  readonly paths: readonly string[];
  readonly op: FilterOp;
  readonly negate: boolean;
  readonly values: readonly (string | null)[];
};

/** Parsed sync filters by table name; every expression of a table must hold (AND). */
export type ParsedSyncFilters = Readonly<Record<string, readonly FilterExpression[]>>;
