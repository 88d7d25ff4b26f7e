import type { HttpClient } from '../http/http-client';
import { RemoteError, describeError } from '../targets/remote-error';
import { GoogleApi } from './google-api';
import { GOOGLE_ADMIN_ROOT, GOOGLE_SCOPES } from './scopes';
import type { GoogleTokenSource } from './token-source';

export interface GoogleCredentialCheck {
  ok: boolean;
  message: string;
}

/**
 * A Google credential's Test: a token, and where the credential acts for a Workspace admin,
 * the first user page of the Directory (users.list, one user). A sheet cannot be tried: no
 * spreadsheet is known when a credential is saved, so a Sheets-only credential is tested
 * by its token for the Sheets scope. A Directory credential is tried with the write scope
 * first and then read-only, and the message says which one domain-wide delegation allows.
 * Nothing secret is ever repeated.
 */
export async function testGoogleCredential(
  http: HttpClient,
  tokens: GoogleTokenSource,
  options: { directory: boolean; adminRootUrl?: string },
): Promise<GoogleCredentialCheck> {
  if (!options.directory) {
    try {
      await tokens.accessToken([GOOGLE_SCOPES.sheetsReadOnly]);
    } catch (error) {
      return { ok: false, message: describeError(error) };
    }
    const share = tokens.serviceAccountEmail
      ? ` Share the HR sheet with ${tokens.serviceAccountEmail} (Viewer).`
      : '';
    return { ok: true, message: `Google issued a Sheets token for ${tokens.identity}.${share}` };
  }
  const write = await firstUserPage(
    http,
    tokens,
    GOOGLE_SCOPES.directoryUsers,
    options.adminRootUrl,
  );
  if (write === undefined) {
    return { ok: true, message: `${tokens.identity} can read and write the Workspace users.` };
  }
  const read = await firstUserPage(
    http,
    tokens,
    GOOGLE_SCOPES.directoryUsersReadOnly,
    options.adminRootUrl,
  );
  if (read === undefined) {
    return {
      ok: true,
      message:
        `${tokens.identity} can read the Workspace users, but not write them (${describeError(write)}). ` +
        `That is enough for a dry run; for User Upsert and Archive Missing Users, authorise ${GOOGLE_SCOPES.directoryUsers} too.`,
    };
  }
  return { ok: false, message: describeError(write) };
}

/** Undefined when the first page was read; else why not. */
async function firstUserPage(
  http: HttpClient,
  tokens: GoogleTokenSource,
  scope: string,
  rootUrl = GOOGLE_ADMIN_ROOT,
): Promise<unknown> {
  const api = new GoogleApi(http, tokens, {
    label: `Directory API at ${new URL(rootUrl).host}`,
    rootUrl,
    scopes: [scope],
    readRetry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
  });
  try {
    await api.getJson('admin/directory/v1/users', { customer: 'my_customer', maxResults: 1 });
    return undefined;
  } catch (error) {
    return error instanceof RemoteError || error instanceof Error
      ? error
      : new Error(String(error));
  }
}
