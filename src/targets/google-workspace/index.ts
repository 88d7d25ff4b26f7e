export {
  GoogleWorkspaceDirectory,
  searchQuote,
  type GoogleWorkspaceDirectoryOptions,
} from './google-workspace-directory';
export { googleAdminApi, type AdminApiOptions } from './admin-api';
export { GOOGLE_WORKSPACE_DEFAULT_MAPPINGS, googleWorkspaceMappings } from './default-mappings';
export {
  ORG_UNIT_CUSTOM_FIELD,
  assertOrgUnitMapping,
  orgUnitPathFor,
  withOrgUnitPaths,
  type OrgUnitMapping,
} from './org-units';
export { emailFromTemplate, normaliseNamePart, withSuffix } from './primary-email';
export { parseGooglePath, readGooglePath, writeGooglePath, type GooglePath } from './google-path';
export { randomPassword } from './password';
export { GOOGLE_WORKSPACE_USER_ATTRIBUTES } from './google-attribute-list';
