import { isCanonicalField } from '../../record/fields';
import {
  HR_ID_KEY,
  type FieldReport,
  type HrFieldMap,
  type HrFieldMapOverride,
  type HrRow,
  type RecordTarget,
} from './hr-read';

/**
 * One employee as a reader got it: its ID in the HR system and each requested field's
 * value, where `undefined` means the answer left the field out and `null` or "" that it
 * came back empty. The difference matters to the permission check's report.
 */
export interface RawEmployee {
  hrId: string;
  values: Record<string, unknown>;
}

export class HrFieldMapError extends Error {
  override name = 'HrFieldMapError';
}

/** The defaults with the admin's overrides on top; `null` drops a default field. */
export function resolveFieldMap(
  defaults: HrFieldMap,
  override: HrFieldMapOverride = {},
): HrFieldMap {
  const merged = new Map<string, RecordTarget>(Object.entries(defaults));
  for (const [field, target] of Object.entries(override)) {
    if (target === null) {
      merged.delete(field);
      continue;
    }
    if (!isRecordTarget(target)) {
      throw new HrFieldMapError(
        `The field mapping sends "${field}" to "${String(target)}", which is neither a field of the employee record nor custom:<name>.`,
      );
    }
    merged.set(field, target);
  }
  const seen = new Map<RecordTarget, string>();
  for (const [field, target] of merged) {
    const earlier = seen.get(target);
    // Two HR fields feeding one record field would keep whichever came last, silently.
    if (earlier !== undefined) {
      throw new HrFieldMapError(
        `"${earlier}" and "${field}" are both mapped to ${target}: map one of them to another field, or to null.`,
      );
    }
    seen.set(target, field);
  }
  if (!seen.has('externalId')) {
    throw new HrFieldMapError(
      'No HR field is mapped to externalId: name the field that holds the employee number.',
    );
  }
  return Object.fromEntries(merged);
}

export function isRecordTarget(value: unknown): value is RecordTarget {
  if (typeof value !== 'string') return false;
  return isCanonicalField(value) || /^custom:.+/.test(value);
}

/** Text as the row carries it; lists joined with commas, as tags are written in a file. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(',');
  if (typeof value === 'object') {
    // HR APIs wrap values: {value}, {name}, {title}, {id}; take the first that is there.
    const record = value as Record<string, unknown>;
    for (const key of ['value', 'name', 'title', 'label', 'id']) {
      if (record[key] !== undefined && record[key] !== null) return textOf(record[key]);
    }
  }
  return '';
}

export interface BuildRowsOptions {
  /**
   * The HR field that holds the manager's own HR ID (BambooHR's supervisor EID, Personio's
   * supervisor person ID, HiBob's reportsTo): it is turned into the manager's external ID,
   * found among the employees read, so the manager link uses the same key as every record.
   */
  managerRefField?: string;
}

export interface BuiltRows {
  rows: HrRow[];
  fieldReport: FieldReport;
  columns: Record<string, RecordTarget>;
  /** Employees whose manager reference named nobody among the employees read. */
  unknownManagers: number;
}

/** Turns the raw employees into rows keyed by record field, and counts what was empty. */
export function buildRows(
  employees: readonly RawEmployee[],
  fieldMap: HrFieldMap,
  options: BuildRowsOptions = {},
): BuiltRows {
  const entries = Object.entries(fieldMap);
  const externalIdField = entries.find(([, target]) => target === 'externalId')?.[0];
  const externalIdByHrId = new Map<string, string>();
  if (externalIdField !== undefined) {
    for (const employee of employees) {
      externalIdByHrId.set(employee.hrId, textOf(employee.values[externalIdField]));
    }
  }
  const counts = entries.map(([field, canonical]) => ({
    field,
    canonical,
    emptyRows: 0,
    missingRows: 0,
    total: employees.length,
  }));
  let unknownManagers = 0;
  const rows = employees.map((employee, index): HrRow => {
    const row: HrRow = { line: index + 1, [HR_ID_KEY]: employee.hrId } as HrRow;
    entries.forEach(([field, target], column) => {
      const raw = employee.values[field];
      let text = textOf(raw);
      const count = counts[column]!;
      if (raw === undefined) count.missingRows += 1;
      else if (text === '') count.emptyRows += 1;
      if (field === options.managerRefField && text !== '') {
        const managerId = externalIdByHrId.get(text);
        if (managerId === undefined) unknownManagers += 1;
        text = managerId ?? '';
      }
      row[target] = text;
    });
    return row;
  });
  const columns: Record<string, RecordTarget> = { [HR_ID_KEY]: `custom:${HR_ID_KEY}` };
  for (const [, target] of entries) columns[target] = target;
  return { rows, fieldReport: counts, columns, unknownManagers };
}
