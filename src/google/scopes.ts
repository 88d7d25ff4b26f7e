/**
 * The OAuth scopes this sync asks for, each the narrowest that does the job
 * (https://developers.google.com/workspace/admin/directory/v1/guides/authorizing,
 * https://developers.google.com/workspace/sheets/api/scopes).
 */
export const GOOGLE_SCOPES = {
  /** Read the HR sheet. */
  sheetsReadOnly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  /** Read the Workspace users (a plan, a dry run, a credential test). */
  directoryUsersReadOnly: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
  /** Create, update, suspend and delete Workspace users. */
  directoryUsers: 'https://www.googleapis.com/auth/admin.directory.user',
} as const;

/** Google's public endpoints; a credential may name others (a private endpoint, a proxy). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const GOOGLE_SHEETS_ROOT = 'https://sheets.googleapis.com/';
export const GOOGLE_ADMIN_ROOT = 'https://admin.googleapis.com/';
