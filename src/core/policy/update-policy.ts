import type { PolicyName, UpdatePolicy } from '../model/policy.js';

const NAMES: ReadonlySet<string> = new Set<PolicyName>(['THIS', 'OTHER', 'NEWER', 'MASTER']);

/**
 * Eden's reading of one policy value (spec 4.10, import-matrix finding 11): the exact upper-case
 * names are kept; null and "" mean the job default OTHER; any other string (even "other") is THIS.
 */
export function normalizePolicyName(value: string | null | undefined): PolicyName {
  if (value === null || value === undefined || value === '') return 'OTHER';
  return NAMES.has(value) ? (value as PolicyName) : 'THIS';
}

/** The policy for one field: a single name for the whole record, or the map's entry, else `__default__`, else THIS. */
export function fieldPolicy(policy: UpdatePolicy | undefined, field: string): PolicyName {
  if (policy === null || policy === undefined || typeof policy === 'string') return normalizePolicyName(policy);
  const value = Object.prototype.hasOwnProperty.call(policy, field) ? policy[field] : policy['__default__'];
  return value === undefined ? 'THIS' : normalizePolicyName(value);
}

/** The record-level policy used for deletions, merges and undeletes: a map's `__default__` (or THIS). */
export function recordPolicy(policy: UpdatePolicy | undefined): PolicyName {
  return fieldPolicy(policy, '__default__');
}

/** True when some field of the policy is MASTER (the CREATE rule needs to know). */
export function mentionsMaster(policy: UpdatePolicy | undefined): boolean {
  if (policy === null || policy === undefined || typeof policy === 'string') return normalizePolicyName(policy) === 'MASTER';
  return Object.values(policy).some((value) => normalizePolicyName(value) === 'MASTER');
}

/** The facts a policy decision is made from. Times are epoch ms; a local record may have no mtime. */
export type PolicyFacts = {
  readonly localMtime: number | null;
  readonly incomingMtime: number;
  readonly localMci: number;
  readonly incomingMci: number;
};

/** "Original newer": the local mtime is strictly after the incoming one; a missing local mtime is never newer. */
export function isOriginalNewer(facts: Pick<PolicyFacts, 'localMtime' | 'incomingMtime'>): boolean {
  return facts.localMtime !== null && facts.localMtime > facts.incomingMtime;
}

/** "Not from master": this copy is the master (mci 0) or the sender does not hold the master (mci != 1). */
export function isNotFromMaster(facts: Pick<PolicyFacts, 'localMci' | 'incomingMci'>): boolean {
  return facts.localMci === 0 || facts.incomingMci !== 1;
}

/** Whether a policy refuses the incoming value (spec 4.10): THIS always, NEWER if original newer, MASTER if not from master. */
export function policyRefuses(policy: PolicyName, facts: PolicyFacts): boolean {
  switch (policy) {
    case 'THIS':
      return true;
    case 'OTHER':
      return false;
    case 'NEWER':
      return isOriginalNewer(facts);
    case 'MASTER':
      return isNotFromMaster(facts);
  }
}
