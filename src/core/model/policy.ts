/** Eden's update and conflict policies (spec 4.9, 4.10). Unknown strings behave as THIS. */
export type PolicyName = 'THIS' | 'OTHER' | 'NEWER' | 'MASTER';

/**
 * An update policy: one name for the whole record, or a per-field map with `__default__`.
 * Kept as given (any string) so that Eden's handling of unknown values can be reproduced.
 */
export type UpdatePolicy = string | Readonly<Record<string, string>> | null;

/** Eden's import methods (spec 4.3). */
export type ImportMethod = 'create' | 'update' | 'delete' | 'merge';

export const ALL_METHODS: readonly ImportMethod[] = ['create', 'update', 'delete', 'merge'];
