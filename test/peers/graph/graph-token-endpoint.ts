import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * The token endpoint of "Microsoft identity platform and the OAuth 2.0 client credentials
 * flow" (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * a form POST with grant_type=client_credentials, client_id, scope `<resource>/.default`, and
 * either client_secret or a client_assertion (a JWT signed with the app's certificate, as
 * "Microsoft identity platform application authentication certificate credentials",
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials, describes).
 * Success: `{token_type, expires_in, ext_expires_in, access_token}`; failure:
 * `{error, error_description, error_codes, timestamp, trace_id, correlation_id}` with the
 * AADSTS code (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
export interface TokenEndpointConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  certificate?: { publicKey: string | KeyObject; thumbprint: string };
  /** The one scope the fake's Graph accepts: `${origin}/.default`. */
  scope: string;
  tokenUrl(): string;
  lifetimeSeconds: number;
  now(): number;
  issue(token: string, expiresAt: number): void;
}

export interface TokenCall {
  /** How the app proved itself; the secret or assertion itself is never kept. */
  grant: 'client_secret' | 'client_assertion' | 'none';
  status: number;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function tokenEndpoint(config: TokenEndpointConfig, calls: TokenCall[]) {
  return (req: Request, res: Response): void => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const call: TokenCall = {
      grant: form.client_assertion
        ? 'client_assertion'
        : form.client_secret
          ? 'client_secret'
          : 'none',
      status: 0,
    };
    calls.push(call);
    const refuse = (status: number, error: string, code: number, description: string): void => {
      call.status = status;
      res.status(status).json({
        error,
        error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomBytes(8).toString('hex')}\r\nTimestamp: ${new Date(config.now()).toISOString()}`,
        error_codes: [code],
        timestamp: new Date(config.now()).toISOString(),
        trace_id: randomBytes(8).toString('hex'),
        correlation_id: randomBytes(8).toString('hex'),
      });
    };
    if (req.params.tenant !== config.tenantId) {
      refuse(
        400,
        'invalid_request',
        90002,
        `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
      return;
    }
    if (form.grant_type !== 'client_credentials') {
      refuse(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
      return;
    }
    if (form.client_id !== config.clientId) {
      refuse(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory '${config.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
      return;
    }
    if (form.scope !== config.scope) {
      refuse(
        400,
        'invalid_scope',
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid.`,
      );
      return;
    }
    if (form.client_assertion !== undefined) {
      if (form.client_assertion_type !== ASSERTION_TYPE) {
        refuse(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
        return;
      }
      const problem = assertionProblem(form.client_assertion, config);
      if (problem) {
        refuse(401, 'invalid_client', problem.code, problem.description);
        return;
      }
    } else if (form.client_secret !== undefined) {
      if (form.client_secret !== config.clientSecret) {
        refuse(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${config.clientId}'.`,
        );
        return;
      }
    } else {
      refuse(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
      return;
    }
    const token = randomBytes(24).toString('base64url');
    config.issue(token, config.now() + config.lifetimeSeconds * 1000);
    call.status = 200;
    res.json({
      token_type: 'Bearer',
      expires_in: config.lifetimeSeconds,
      ext_expires_in: config.lifetimeSeconds,
      access_token: token,
    });
  };
}

/** What is wrong with a client assertion, or undefined when Entra would take it. */
function assertionProblem(
  assertion: string,
  config: TokenEndpointConfig,
): { code: number; description: string } | undefined {
  const invalid = (description: string) => ({
    code: 700027,
    description: `Client assertion failed signature validation. ${description}`,
  });
  if (!config.certificate) return invalid('No certificate is registered for the app.');
  const parts = assertion.split('.');
  if (parts.length !== 3) return { code: 50027, description: 'JWT token is invalid or malformed.' };
  const [encodedHeader, encodedClaims, encodedSignature] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    claims = JSON.parse(Buffer.from(encodedClaims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return { code: 50027, description: 'JWT token is invalid or malformed.' };
  }
  const x5t = Buffer.from(config.certificate.thumbprint.replace(/[\s:]/g, ''), 'hex').toString(
    'base64url',
  );
  if (header.alg !== 'RS256' || header.x5t !== x5t) {
    return invalid(
      `The key was not found: no certificate with thumbprint x5t '${String(header.x5t)}' is registered for the app.`,
    );
  }
  const key =
    typeof config.certificate.publicKey === 'string'
      ? createPublicKey(config.certificate.publicKey)
      : config.certificate.publicKey;
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${encodedHeader}.${encodedClaims}`),
    key,
    Buffer.from(encodedSignature, 'base64url'),
  );
  if (!signed) return invalid('The signature does not match the registered certificate.');
  if (claims.aud !== config.tokenUrl()) {
    return {
      code: 700212,
      description: `The audience claim '${String(claims.aud)}' is not the token endpoint.`,
    };
  }
  if (claims.iss !== config.clientId || claims.sub !== config.clientId) {
    return {
      code: 700021,
      description: 'The client assertion issuer and subject must be the client ID.',
    };
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') {
    return { code: 50027, description: 'The client assertion has no jti.' };
  }
  const now = config.now() / 1000;
  const skew = 300;
  if (
    typeof claims.exp !== 'number' ||
    claims.exp < now - skew ||
    (typeof claims.nbf === 'number' && claims.nbf > now + skew)
  ) {
    return { code: 700024, description: 'Client assertion is not within its valid time range.' };
  }
  return undefined;
}
