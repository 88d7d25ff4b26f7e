import type {
  ICredentialDataDecryptedObject,
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import {
  nodeHttpClient,
  oauth2Tokens,
  parseServiceAccountKey,
  serviceAccountTokens,
  testGoogleCredential,
  type GoogleTokenSource,
  type HttpClient,
} from '../../src';

/**
 * The Google credentials' Test buttons (`testedBy`): a token, and, for a credential that
 * acts for a Workspace admin, the Directory's first user page. See testGoogleCredential.
 */
export async function hrSyncGoogleServiceAccountTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  const http = nodeHttpClient();
  let tokens: GoogleTokenSource;
  try {
    tokens = googleServiceAccountTokens(http, data);
  } catch (error) {
    return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
  }
  return result(
    await testGoogleCredential(http, tokens, {
      directory: Boolean(tokens.subject),
      ...adminRoot(data),
    }),
  );
}

export async function hrSyncGoogleOAuth2Test(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  const http = nodeHttpClient();
  if (!refreshTokenOf(data)) {
    return { status: 'Error', message: 'Connect the credential first (Sign in with Google).' };
  }
  const scope = String(data.scope ?? '');
  return result(
    await testGoogleCredential(http, googleOAuth2Tokens(http, data), {
      directory: scope.includes('admin.directory.user'),
      ...adminRoot(data),
    }),
  );
}

/** The service account credential as a token source for the engine. */
export function googleServiceAccountTokens(
  http: HttpClient,
  data: ICredentialDataDecryptedObject,
): GoogleTokenSource {
  const subject = String(data.delegatedUser ?? '').trim();
  const tokenUrl = String(data.tokenUrl ?? '').trim();
  return serviceAccountTokens(http, {
    key: parseServiceAccountKey(String(data.serviceAccountKey ?? '')),
    ...(subject ? { subject } : {}),
    ...(tokenUrl ? { tokenUrl } : {}),
  });
}

/** n8n's OAuth2 credential (client id and secret, `oauthTokenData`) as a token source. */
export function googleOAuth2Tokens(
  http: HttpClient,
  data: ICredentialDataDecryptedObject,
): GoogleTokenSource {
  const stored = (data.oauthTokenData ?? {}) as Record<string, unknown>;
  const tokenUrl = String(data.accessTokenUrl ?? '').trim();
  return oauth2Tokens(http, {
    clientId: String(data.clientId ?? ''),
    clientSecret: String(data.clientSecret ?? ''),
    refreshToken: refreshTokenOf(data),
    ...(tokenUrl ? { tokenUrl } : {}),
    ...(typeof stored.access_token === 'string' ? { accessToken: stored.access_token } : {}),
  });
}

function refreshTokenOf(data: ICredentialDataDecryptedObject): string {
  const stored = (data.oauthTokenData ?? {}) as Record<string, unknown>;
  return typeof stored.refresh_token === 'string' ? stored.refresh_token : '';
}

function adminRoot(data: ICredentialDataDecryptedObject): { adminRootUrl?: string } {
  const url = String(data.adminApiUrl ?? '').trim();
  return url ? { adminRootUrl: url } : {};
}

function result(check: { ok: boolean; message: string }): INodeCredentialTestResult {
  return { status: check.ok ? 'OK' : 'Error', message: check.message };
}
