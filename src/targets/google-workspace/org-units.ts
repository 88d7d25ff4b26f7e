import type { EmployeeRecord } from '../../record/fields';
import { sourceValue } from '../../plan/field-mapping';

/**
 * Which organisational unit a user goes to, from one record field: department "Sales" →
 * `/Staff/Sales`. Paths are the Directory API's `orgUnitPath`
 * (https://developers.google.com/workspace/admin/directory/v1/guides/manage-org-units).
 */
export interface OrgUnitMapping {
  /** A record field (`department`) or a custom column (`custom.Site`). */
  field: string;
  /** Field value → OU path; values are matched exactly, then without case. */
  paths: Record<string, string>;
  /** The OU for a value the table does not name (absent: leave the OU alone / root on create). */
  fallback?: string;
}

/** Where withOrgUnitPaths puts the path, for a mapping to `orgUnitPath`. */
export const ORG_UNIT_CUSTOM_FIELD = 'orgUnitPath';

export function orgUnitPathFor(
  record: EmployeeRecord,
  mapping: OrgUnitMapping,
): string | undefined {
  const value = sourceValue(record, mapping.field);
  const text = typeof value === 'string' ? value : '';
  if (text) {
    if (mapping.paths[text] !== undefined) return mapping.paths[text];
    const lower = text.toLowerCase();
    const key = Object.keys(mapping.paths).find((name) => name.toLowerCase() === lower);
    if (key !== undefined) return mapping.paths[key];
  }
  return mapping.fallback;
}

/**
 * The records with their OU path as the custom field `orgUnitPath`, so the planner compares
 * it with the user's own path through the mapping `custom.orgUnitPath → orgUnitPath` (and an
 * unchanged department writes nothing).
 */
export function withOrgUnitPaths(
  records: readonly EmployeeRecord[],
  mapping: OrgUnitMapping,
): EmployeeRecord[] {
  assertOrgUnitMapping(mapping);
  return records.map((record) => {
    const path = orgUnitPathFor(record, mapping);
    if (path === undefined) return record;
    return { ...record, custom: { ...record.custom, [ORG_UNIT_CUSTOM_FIELD]: path } };
  });
}

export function assertOrgUnitMapping(mapping: OrgUnitMapping): void {
  const paths = [
    ...Object.values(mapping.paths),
    ...(mapping.fallback !== undefined ? [mapping.fallback] : []),
  ];
  const wrong = paths.find((path) => !path.startsWith('/'));
  if (wrong !== undefined) {
    throw new Error(
      `The organisational unit "${wrong}" must be a path starting with "/", such as /Staff/Sales.`,
    );
  }
}
