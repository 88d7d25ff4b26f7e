import type { FieldReport, HrFieldMap, HrSystemRead } from './hr-read';
import { buildRows, type RawEmployee } from './field-mapping';
import { checkFieldPermissions, upsertField } from './permission-check';
import { retryWarnings, type HrTransport } from './hr-call';

export interface FinishOptions {
  fieldMap: HrFieldMap;
  fieldsRequested: string[];
  managerRefField?: string;
  /** The field report of the last run, from the sync memory. */
  previous?: FieldReport;
  /** Fields the system refused outright (BambooHR's datasets answer a 403 naming them). */
  refusedFields?: string[];
  /** Warnings the reader found on its way (a fallback taken, a link not followed). */
  warnings?: string[];
}

/** The rows, the field report and the permission check, the same way for every system. */
export function finishRead(
  transport: HrTransport,
  employees: readonly RawEmployee[],
  options: FinishOptions,
): HrSystemRead {
  const built = buildRows(employees, options.fieldMap, {
    ...(options.managerRefField ? { managerRefField: options.managerRefField } : {}),
  });
  const refused = new Set(options.refusedFields ?? []);
  // A refused field is reported once, as refused, not again as empty in every row.
  const readable = built.fieldReport.filter((entry) => !refused.has(entry.field));
  const check = checkFieldPermissions(readable, options.previous, {
    system: transport.label,
  });
  const warnings = [...(options.warnings ?? [])];
  const unreadable = new Set(check.unreadableFields);
  for (const field of refused) {
    const target = options.fieldMap[field];
    if (!target) continue;
    warnings.push(
      `${transport.label} refused to return "${field}" (${target}) to this API user: check the API ` +
        `user's field permissions in ${transport.label}; until then ${target} is not cleared on the platform.`,
    );
    unreadable.add(upsertField(target));
  }
  warnings.push(...check.warnings);
  if (built.unknownManagers > 0) {
    warnings.push(
      `${built.unknownManagers} employees name a manager who is not among the ${employees.length} ` +
        `employees ${transport.label} returned; their manager is left empty.`,
    );
  }
  warnings.push(...retryWarnings(transport));
  return {
    rows: built.rows,
    fieldsRequested: options.fieldsRequested,
    fieldReport: built.fieldReport,
    warnings,
    unreadableFields: [...unreadable],
    columns: built.columns,
  };
}
