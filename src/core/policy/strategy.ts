import { ALL_METHODS, type ImportMethod } from '../model/policy.js';

/**
 * The set of permitted import methods (spec 4.4a). null/undefined mean all four (Eden's job default);
 * a bare string is one method (finding 11, STRAT-025); `[]` permits nothing. Unlike Eden, method names
 * are matched in any letter case (`"CREATE"` works): see docs/decisions/0001-strategy-letter-case.md.
 * Unknown names are ignored.
 */
export function normalizeStrategy(strategy: string | readonly string[] | null | undefined): ReadonlySet<ImportMethod> {
  if (strategy === null || strategy === undefined) return new Set(ALL_METHODS);
  const names = typeof strategy === 'string' ? [strategy] : strategy;
  const permitted = new Set<ImportMethod>();
  for (const name of names) {
    const method = ALL_METHODS.find((candidate) => candidate === name.trim().toLowerCase());
    if (method !== undefined) permitted.add(method);
  }
  return permitted;
}
