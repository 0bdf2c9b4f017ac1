/** One line of `15-import-matrix/cases.jsonl` (README of that folder), as far as the tests read it. */
export type RecordSpec = {
  readonly uuid: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly comments: string | null;
  readonly created_on: string | null;
  readonly modified_on: string | null;
  readonly mci: number;
  readonly deleted: boolean;
  readonly office: { readonly uuid: string; readonly name: string; readonly modified_on: string } | null;
};

export type OutcomeRecord = {
  readonly uuid: string;
  readonly name: string | null;
  readonly acronym: string | null;
  readonly comments: string | null;
  readonly created_on: string | null;
  readonly modified_on: string | null;
  readonly mci: number;
  readonly deleted: boolean;
  readonly deleted_rb: string | null;
};

export type OutcomeOffice = {
  readonly uuid: string;
  readonly name: string;
  readonly organisation: string | null;
  readonly deleted: boolean;
  readonly mci: number;
  readonly modified_on: string | null;
};

export type MatrixCase = {
  readonly id: string;
  readonly group: string;
  readonly description: string;
  readonly local: { readonly target?: RecordSpec | null; readonly survivor?: RecordSpec | null; readonly name_twin?: RecordSpec | null } | null;
  readonly incoming_xml: string;
  readonly subject_uuid: string | null;
  readonly params: {
    readonly strategy: string | readonly string[];
    readonly update_policy: string | Readonly<Record<string, string>> | null;
    readonly conflict_policy: string | null;
    readonly last_sync: string | null;
    readonly onconflict: 'default-resolver' | 'none';
    readonly ignore_errors: boolean;
  };
  readonly outcome: {
    readonly record: OutcomeRecord | null;
    readonly related: {
      readonly survivor?: OutcomeRecord | null;
      readonly name_twin?: OutcomeRecord | null;
      readonly other_new_orgs?: readonly OutcomeRecord[];
      readonly offices?: readonly OutcomeOffice[];
    };
    readonly import_result: {
      readonly status: string;
      readonly records?: number;
      readonly created?: readonly string[];
      readonly updated?: readonly string[];
      readonly deleted?: readonly string[];
    } | null;
    readonly import_count: number;
    readonly mtime: string | null;
    readonly error: string | null;
    readonly crashed: string | null;
    readonly setup_survived: boolean;
  };
};
