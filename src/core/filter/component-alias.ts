import type { LocalRecord } from '../model/record.js';

/** Eden's default alias of a table: the name after the module prefix (`org_office` -> `office`). */
export function shortNameOf(table: string): string {
  const underscore = table.indexOf('_');
  return underscore === -1 ? table : table.slice(underscore + 1);
}

/** The component alias a record is nested under: the one Eden wrote, else its table's short name. */
export function componentAliasOf(record: LocalRecord): string {
  return record.parent?.alias ?? shortNameOf(record.table);
}
