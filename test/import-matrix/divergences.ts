/**
 * The import-matrix cases where this client deliberately does not do what Eden did, each with the
 * decision that explains it (docs/decisions/). The matrix test asserts that every other case
 * matches Eden exactly and that each case listed here really differs (so the list cannot go stale).
 */
export const DIVERGENCES: Readonly<Record<string, string>> = {
  'STRAT-027': 'strategy names in any letter case: ["CREATE"] permits create (docs/decisions/0001-strategy-letter-case.md)',
  'CRE-011': 'MASTER create with mci != 1: Eden crashes, we create nothing (docs/decisions/0003-master-create.md)',
  'CRE-012': 'MASTER create with absent mci: Eden crashes, we create nothing (docs/decisions/0003-master-create.md)',
  'CRE-015': 'per-field MASTER create with mci 2: Eden crashes, we create nothing (docs/decisions/0003-master-create.md)',
  'CRE-017': 'per-field MASTER create with absent mci: Eden crashes, we create nothing (docs/decisions/0003-master-create.md)',
  'COMP-004': 'MASTER create of a nested component with mci 2: Eden crashes, we skip the component (docs/decisions/0003-master-create.md)',
  'CR-023': 'MASTER conflict rule: local master (mci 0) keeps its version (docs/decisions/0005-master-conflict-rule.md)',
  'CR-025': 'MASTER conflict rule: local master (mci 0) keeps its version (docs/decisions/0005-master-conflict-rule.md)',
  'NULLMT-004': 'NEWER conflict rule with no local mtime: Eden raises TypeError, we accept (docs/decisions/0006-null-local-mtime.md)',
  'MRG-006': 'merge into a deleted survivor: an item error, not a rollback of everything (docs/decisions/0007-failed-merge.md)',
  'MRG-022': 'merge notice replacing itself: an item error, not a rollback of everything (docs/decisions/0007-failed-merge.md)',
  'MRG-031': 'failed merge after a create: the create stays (docs/decisions/0007-failed-merge.md)',
  'CNT-005': 'duplicate elements are judged against the record as this import left it (docs/decisions/0008-duplicate-elements.md)',
  'CNT-008': 'the root element must be <s3xml> (docs/decisions/0009-s3xml-root.md)',
};
