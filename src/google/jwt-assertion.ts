import { createSign } from 'node:crypto';
import type { ServiceAccountKey } from './service-account-key';

/** Google accepts assertions valid for at most an hour. */
const LIFETIME_SECONDS = 3600;

export interface AssertionClaims {
  scopes: readonly string[];
  /** The user to act as (domain-wide delegation); absent: the service account itself. */
  subject?: string;
  /** The token endpoint the assertion is sent to. */
  audience: string;
  /** Seconds since the epoch. */
  issuedAt: number;
}

/**
 * The signed JWT of the JWT-bearer grant (RFC 7523 §2.1), as Google's server-to-server
 * flow describes it (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
 * RS256, `iss` the service account, `sub` the user impersonated, `scope` space-separated,
 * `aud` the token endpoint, `iat` and `exp` at most an hour apart.
 */
export function signAssertion(key: ServiceAccountKey, claims: AssertionClaims): string {
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    ...(key.privateKeyId ? { kid: key.privateKeyId } : {}),
  };
  const payload = {
    iss: key.clientEmail,
    ...(claims.subject ? { sub: claims.subject } : {}),
    scope: claims.scopes.join(' '),
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.issuedAt + LIFETIME_SECONDS,
  };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.privateKey);
  return `${unsigned}.${base64Url(signature)}`;
}

export function base64Url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}
