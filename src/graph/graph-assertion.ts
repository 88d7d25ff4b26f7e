import { createPrivateKey, randomUUID, sign } from 'node:crypto';

/**
 * A client assertion for the certificate credential: a JWT signed RS256 with the
 * certificate's private key, as "Microsoft identity platform application authentication
 * certificate credentials" (https://learn.microsoft.com/entra/identity-platform/certificate-credentials)
 * describes it: `x5t` is the base64url of the SHA-1 thumbprint's bytes; aud is the token
 * endpoint; iss and sub are the client ID; jti is unique; nbf/exp bound it (10 minutes).
 */
export function buildClientAssertion(options: {
  clientId: string;
  tokenUrl: string;
  privateKey: string;
  thumbprint: string;
  /** Milliseconds since the epoch. */
  now: number;
  lifetimeSeconds?: number;
}): string {
  const issuedAt = Math.floor(options.now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', x5t: thumbprintToX5t(options.thumbprint) };
  const claims = {
    aud: options.tokenUrl,
    iss: options.clientId,
    sub: options.clientId,
    jti: randomUUID(),
    nbf: issuedAt,
    iat: issuedAt,
    exp: issuedAt + (options.lifetimeSeconds ?? 600),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  let key;
  try {
    key = createPrivateKey(options.privateKey);
  } catch {
    // Node's own message may quote part of the key: say only what is wrong.
    throw new Error('The certificate private key is not a readable PEM private key');
  }
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), key);
  return `${signingInput}.${base64url(signature)}`;
}

/** "AB:CD ..." or "abcd..." (40 hex digits) to the JWT's x5t. */
export function thumbprintToX5t(thumbprint: string): string {
  const hex = thumbprint.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
    throw new Error('The certificate thumbprint must be the 40 hex digits of its SHA-1 thumbprint');
  }
  return base64url(Buffer.from(hex, 'hex'));
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}
