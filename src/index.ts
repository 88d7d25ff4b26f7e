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
  unknownRequiredFields,
  type MappingConfig,
} from './mapping/mapping-config';
export { planColumns, type ColumnPlan } from './mapping/column-plan';
export { splitTags } from './mapping/to-record';
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
export type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from './http/http-client';
export { nodeHttpClient, type NodeHttpClientOptions } from './http/node-http-client';
export {
  MAPPING_STRENGTHS,
  FieldMappingError,
  assertValidMappings,
  type FieldMapping,
  type MappingStrength,
} from './plan/field-mapping';
export { planUpsert, type UpsertPlanOptions } from './plan/plan-upsert';
export type { ActionKind, PlannedAction, SyncPlan } from './plan/sync-plan';
export { applyPlan, planOutcomes, type ApplyOptions } from './apply/apply-plan';
export { upsertUsers, type UpsertRequest, type UpsertResult } from './apply/upsert-users';
export type { UserOutcome } from './apply/outcome';
export { DEFAULT_RETRY, type RetryPolicy } from './apply/retry';
export type {
  AttributeChange,
  AttributeValue,
  Directory,
  DirectoryUser,
  DirectoryWrite,
} from './targets/directory';
export { RemoteError } from './targets/remote-error';
export { ScimDirectory, type ScimDirectoryOptions } from './targets/scim/scim-directory';
export {
  RestDirectory,
  SPRINGEST_SHAPE,
  type RestDirectoryOptions,
} from './targets/rest/rest-directory';
export {
  attributeFingerprint,
  desiredAttributes,
  desiredAttributesByExternalId,
  type SentMemory,
} from './targets/rest/sent-fingerprints';
export { testRestPlatform } from './targets/rest/test-connection';
export { REST_DEFAULT_MAPPINGS, SCIM_DEFAULT_MAPPINGS } from './targets/default-mappings';
export { uniqueAttributes, type PlatformAttribute } from './targets/platform-attribute';
export {
  readScimUserAttributes,
  scimUserAttributes,
  type ScimAttributeList,
} from './targets/scim/scim-schema-attributes';
export { checkItems, itemLines } from './check/check-items';
export { SourceError, type SourceErrorCode } from './sources/source-error';
export {
  moveSftpFile,
  readSftpFile,
  sshKeyFingerprint,
  testSftpConnection,
  type FetchedFile,
  type SftpConnection,
  type SftpFileSpec,
} from './sources/sftp';
export { readHttpsFile, redactUrl, type HttpsFile } from './sources/https-file';
export {
  DEFAULT_BRAKES,
  checkBrakes,
  type BrakeOptions,
  type BrakeResult,
  type BrakeName,
} from './plan/brakes';
export {
  leavingReason,
  planArchive,
  type ArchiveAction,
  type ArchiveHold,
  type ArchivePlan,
  type ArchivePlanOptions,
  type SourceSnapshot,
} from './plan/plan-archive';
export {
  ArchiveUnsupportedError,
  archiveUsers,
  type ArchiveRequest,
  type ArchiveResult,
} from './apply/archive-users';
export { applyWrites, type WriteEntry } from './apply/apply-plan';
export {
  buildSyncReport,
  summaryLine,
  type ReportOutcome,
  type SourceSummary,
  type StageFailure,
  type SyncReport as SyncReportModel,
  type SyncReportInput,
  type SyncStatus,
} from './report/sync-report';
export { renderReportCsv } from './report/render-report-csv';
export {
  MemoryConflictError,
  emptyMemory,
  parseMemory,
  spendApproval,
  type MemoryStore,
  type SyncMemoryState,
} from './memory/sync-memory';
export {
  FileMemoryStore,
  MirroredMemoryStore,
  ObjectMemoryStore,
} from './memory/file-memory-store';
export { approvalCode, normalizeApprovalCode } from './plan/approval-code';
export { renderReportHtml } from './report/render-report-html';
export * from './graph';
export * from './targets/entra';
export * from './sources/microsoft365';
// The HR systems read over their APIs. `HrRow` is Microsoft 365's (text cells); the HR
// systems' row, which also carries `hrSystemId`, is exported as HrSystemRow.
export {
  HR_ID_KEY,
  buildRows,
  checkFieldPermissions,
  resolveFieldMap,
  upsertField,
  HrFieldMapError,
  type FieldReport,
  type FieldReportEntry,
  type HrFieldMap,
  type HrFieldMapOverride,
  type HrRow as HrSystemRow,
  type HrSystemRead,
  type RecordTarget,
} from './sources/hr-systems';
export * from './sources/bamboohr';
export * from './sources/personio';
export * from './sources/hibob';
export * from './google';
export * from './sources/google-sheets';
export * from './targets/google-workspace';
