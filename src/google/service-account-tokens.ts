import type { HttpClient } from '../http/http-client';
import { signAssertion } from './jwt-assertion';
import type { ServiceAccountKey } from './service-account-key';
import {
  TokenCache,
  requestToken,
  scopeKey,
  type Clock,
  type GoogleTokenSource,
} from './token-source';

export interface ServiceAccountTokenOptions {
  key: ServiceAccountKey;
  /** The Workspace admin to act as (domain-wide delegation); absent: the service account itself. */
  subject?: string;
  /** Overrides the key's `token_uri` (a private endpoint, a proxy, a test's fake). */
  tokenUrl?: string;
  now?: Clock;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Tokens for a service account, by the JWT-bearer grant (RFC 7523; Google's
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest):
 * one signed assertion per scope set, exchanged at the key's `token_uri`.
 */
export function serviceAccountTokens(
  http: HttpClient,
  options: ServiceAccountTokenOptions,
): GoogleTokenSource {
  const now = options.now ?? Date.now;
  const tokenUrl = options.tokenUrl?.trim() || options.key.tokenUri;
  const email = options.key.clientEmail;
  const subject = options.subject?.trim() || undefined;
  const identity = subject
    ? `the service account ${email} acting as ${subject}`
    : `the service account ${email}`;
  const cache = new TokenCache(
    (scopes) =>
      requestToken(
        http,
        tokenUrl,
        {
          grant_type: JWT_BEARER,
          assertion: signAssertion(options.key, {
            scopes,
            audience: tokenUrl,
            issuedAt: Math.floor(now() / 1000),
            ...(subject ? { subject } : {}),
          }),
        },
        now,
        (code) => serviceAccountHint(code, email, subject, scopes),
      ),
    now,
  );
  return {
    identity,
    serviceAccountEmail: email,
    ...(subject ? { subject } : {}),
    accessToken: (scopes) => cache.get(scopeKey(scopes), scopes),
    invalidate: (token) => cache.invalidate(token),
  };
}

function serviceAccountHint(
  code: string,
  email: string,
  subject: string | undefined,
  scopes: readonly string[],
): string {
  if (code === 'unauthorized_client') {
    return (
      `the service account ${email} is not authorised for ${scopes.join(', ')}. In the Google ` +
      `Admin console, open Security > Access and data control > API controls > Manage ` +
      `domain-wide delegation, and add the service account's client ID with these scopes.`
    );
  }
  if (code === 'invalid_grant') {
    return subject
      ? `check that ${subject} is an existing Workspace user (an admin), that the key is still ` +
          `active, and that this machine's clock is right.`
      : `check that the key is still active and that this machine's clock is right.`;
  }
  return `check the service account key in the credential.`;
}
