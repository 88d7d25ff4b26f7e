import type { HttpClient } from '../http/http-client';
import { GOOGLE_TOKEN_URL } from './scopes';
import { TokenCache, requestToken, type Clock, type GoogleTokenSource } from './token-source';

export interface OAuth2TokenOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUrl?: string;
  /** A token already at hand (n8n's credential keeps the last one), and when it expires. */
  accessToken?: string;
  expiresAtMs?: number;
  /** Who signed in, for messages, when known. */
  account?: string;
  now?: Clock;
}

const KEY = 'refresh';

/**
 * Tokens from an OAuth2 refresh token (RFC 6749 §6; Google's
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline). The token
 * carries the scopes granted at sign-in, whatever a call asks for.
 */
export function oauth2Tokens(http: HttpClient, options: OAuth2TokenOptions): GoogleTokenSource {
  const now = options.now ?? Date.now;
  const tokenUrl = options.tokenUrl?.trim() || GOOGLE_TOKEN_URL;
  const cache = new TokenCache(
    () =>
      requestToken(
        http,
        tokenUrl,
        {
          grant_type: 'refresh_token',
          refresh_token: options.refreshToken,
          client_id: options.clientId,
          client_secret: options.clientSecret,
        },
        now,
        (code) =>
          code === 'invalid_grant'
            ? 'the sign-in has expired or was revoked: connect the OAuth2 credential again.'
            : code === 'invalid_client'
              ? 'check the client ID and client secret in the credential.'
              : 'check the OAuth2 credential.',
      ),
    now,
  );
  if (options.accessToken) {
    cache.seed(KEY, options.accessToken, options.expiresAtMs ?? 0);
  }
  return {
    identity: options.account ? `the OAuth2 sign-in of ${options.account}` : 'the OAuth2 sign-in',
    accessToken: (scopes) => cache.get(KEY, scopes),
    invalidate: (token) => cache.invalidate(token),
  };
}
