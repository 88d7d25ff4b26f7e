export * from './hr-read';
export {
  buildRows,
  resolveFieldMap,
  textOf,
  HrFieldMapError,
  type RawEmployee,
  type BuildRowsOptions,
  type BuiltRows,
} from './field-mapping';
export {
  checkFieldPermissions,
  upsertField,
  type PermissionCheck,
  type PermissionCheckOptions,
} from './permission-check';
export { jsonArrayItems, JsonItemsError } from './json-items';
export { hrTransport, type HrTransport, type HrTransportOptions } from './hr-call';
