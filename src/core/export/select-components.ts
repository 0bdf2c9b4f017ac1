import type { ParsedSyncFilters } from '../filter/filter-types.js';
import { matchesFilters, matchesMasterComponentFilters } from '../filter/match-filters.js';
import type { LocalRecord } from '../model/record.js';

export type ComponentSelection = {
  readonly masterTable: string;
  readonly includeDeleted: boolean;
  /** Strict msince or null; a component without `modified_on` is never msince-filtered. */
  readonly msince: string | null;
  readonly filters: ParsedSyncFilters;
};

/**
 * The components of one master that go into the export (spec 5.3): deleted ones only with
 * `includeDeleted`; with msince only those with `modified_on >= msince` (or none: a table without
 * `modified_on`, such as `org_site`, cap 05-pull-msince/01); those passing the sync filters of their
 * own table (cap 06-pull-url-filter/03) and the component-alias filters of the master's table.
 */
export function selectComponents(components: readonly LocalRecord[], selection: ComponentSelection): LocalRecord[] {
  const masterExpressions = selection.filters[selection.masterTable];
  return components.filter(
    (component) =>
      (selection.includeDeleted || !component.deleted) &&
      (selection.msince === null || component.modified_on === null || component.modified_on >= selection.msince) &&
      matchesFilters(component, selection.filters[component.table]) &&
      matchesMasterComponentFilters(component, selection.masterTable, masterExpressions),
  );
}
