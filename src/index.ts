/**
 * The engine's public API: the only door the n8n nodes and the CLI use. Nothing below
 * src/ imports n8n.
 */
export {
  CANONICAL_FIELDS,
  TEXT_FIELDS,
  type CanonicalField,
  type EmployeeRecord,
} from './record/fields';
export { fieldForHeader, normalizeHeader } from './record/aliases';
export { FileError, type FileErrorCode } from './file/file-error';
export { readCsvRows, type CsvDialect, type CsvReadOptions, type SourceRow } from './file/csv-rows';
export { sniffDelimiter } from './file/dialect';
export {
  DEFAULT_REQUIRED,
  MappingError,
  mappingConfigSchema,
  parseMappingConfig,
  type MappingConfig,
} from './mapping/mapping-config';
export { planColumns, type ColumnPlan } from './mapping/column-plan';
export { normalizePhone } from './validate/phone';
export { ISSUE_CODES, type IssueCode, type RowIssue, type Severity } from './validate/row-issue';
export {
  checkCsv,
  checkSourceRows,
  type CheckOptions,
  type CheckSink,
  type RejectedRow,
  type ValidRow,
} from './check/check-rows';
export type { CheckReport } from './check/check-report';
export { ErrorsCsvWriter, describeIssues, neutraliseCell } from './report/errors-csv';
