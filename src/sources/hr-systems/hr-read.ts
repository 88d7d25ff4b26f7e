import type { CanonicalField } from '../../record/fields';

/**
 * Where one field of an HR system goes: a canonical field of the employee record, or a
 * custom field (`custom:Cost center`), as in the column mapping of a file.
 */
export type RecordTarget = CanonicalField | `custom:${string}`;

/**
 * The system's field name → where it goes. An override maps a field to `null` to stop
 * reading it (a default the admin does not want).
 */
export type HrFieldMap = Readonly<Record<string, RecordTarget>>;
export type HrFieldMapOverride = Readonly<Record<string, RecordTarget | null>>;

/** The key under which each row carries the employee's own ID in the HR system. */
export const HR_ID_KEY = 'hrSystemId';

/**
 * One employee as CSV Parse & Validate's rows-as-items input takes it: canonical field
 * names (and `custom:<name>`) as keys, text values, the row's place as `line` and the
 * HR system's own ID of the employee under `hrSystemId` (the reference the admin can look
 * up in the HR system; not `hrId`, which the header aliases read as the external ID).
 */
export type HrRow = Record<string, string | number> & { line: number; hrSystemId: string };

/** How often a requested field came back empty or not at all. */
export interface FieldReportEntry {
  /** The system's field name, as requested. */
  field: string;
  /** Where it goes in the record. */
  canonical: RecordTarget;
  /** Rows where the field was present with no value (null, "", []). */
  emptyRows: number;
  /** Rows where the field was not in the answer at all. */
  missingRows: number;
  total: number;
}

export type FieldReport = FieldReportEntry[];

export interface HrSystemRead {
  rows: HrRow[];
  /** The system's field names asked for, in request order. */
  fieldsRequested: string[];
  fieldReport: FieldReport;
  /** For the report: fields the API user seems unable to read, retries that were needed. */
  warnings: string[];
  /**
   * Record fields (in the upsert's notation: `department`, `custom.Cost center`) that
   * came back unreadable this run: the upsert must not clear them on the platform.
   */
  unreadableFields: string[];
  /**
   * The column mapping that makes CSV Parse & Validate read every key of `rows` as meant
   * (`custom:<name>` keys as that custom field, `hrSystemId` as a custom field): merge it
   * under the admin's own column mapping.
   */
  columns: Record<string, RecordTarget>;
}
