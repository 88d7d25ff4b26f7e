/** This package's node types as a workflow names them: `<package name>.<node name>`. */
export const PACKAGE = 'n8n-nodes-hr-sync';

export const NODE_TYPE = {
  csvParseValidate: `${PACKAGE}.csvParseValidate`,
  userUpsert: `${PACKAGE}.userUpsert`,
  archiveMissingUsers: `${PACKAGE}.archiveMissingUsers`,
} as const;
