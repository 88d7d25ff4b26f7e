import { createVerify, randomBytes, type KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';

/** An access token the fake endpoint handed out: who it acts as and what it may do. */
export interface IssuedToken {
  token: string;
  /** The service account, or the OAuth client. */
  issuer: string;
  /** The user impersonated (or signed in); absent: the service account itself. */
  subject?: string;
  scopes: string[];
  expiresAtMs: number;
}

export interface ServiceAccountGrant {
  publicKey: KeyObject;
  /**
   * Domain-wide delegation: the scopes the Admin console authorised for this client
   * (https://support.google.com/a/answer/162106). A `sub` asking for others is refused.
   */
  delegatedScopes?: readonly string[];
}

export interface RefreshGrant {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Who signed in, and what they consented to. */
  subject: string;
  scopes: readonly string[];
}

export interface TokenRequestRecord {
  grantType: string;
  issuer?: string;
  subject?: string;
  scopes: string[];
  status: number;
}

/**
 * The token endpoint and the tokens it issued, shared by the fake APIs. Clock injected.
 */
export class TokenAuthority {
  readonly serviceAccounts = new Map<string, ServiceAccountGrant>();
  readonly refreshGrants: RefreshGrant[] = [];
  /** Workspace users who exist (a `sub` must be one of them). */
  readonly users = new Set<string>();
  readonly requests: TokenRequestRecord[] = [];
  private readonly issued = new Map<string, IssuedToken>();
  /** Seconds each token lives (Google: 3600). */
  lifetimeSeconds = 3600;
  tokenUrl = '';

  constructor(private readonly now: () => number = Date.now) {}

  issuedTokens(): IssuedToken[] {
    return [...this.issued.values()];
  }

  /** Every token issued so far stops working (a revoked grant, a rotated key). */
  revokeAll(): void {
    this.issued.clear();
  }

  /** The token a request carries, if it is valid now. */
  check(req: Request): IssuedToken | undefined {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const issued = token ? this.issued.get(token) : undefined;
    if (!issued || issued.expiresAtMs <= this.now()) return undefined;
    return issued;
  }

  /**
   * POST token: the JWT-bearer grant of
   * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
   * (RFC 7523: an RS256 JWT with iss, scope, aud = this endpoint, iat, exp at most an hour
   * later, and sub for domain-wide delegation) and the refresh-token grant of
   * https://developers.google.com/identity/protocols/oauth2/web-server#offline. Errors as
   * RFC 6749 §5.2 JSON: `{ error, error_description }`.
   */
  handle(req: Request, res: Response): void {
    const form = (req.body ?? {}) as Record<string, string>;
    const grantType = String(form.grant_type ?? '');
    const refuse = (
      status: number,
      error: string,
      description: string,
      record: Partial<TokenRequestRecord> = {},
    ) => {
      this.requests.push({ grantType, scopes: [], status, ...record });
      res.status(status).json({ error, error_description: description });
    };
    if (!req.is('application/x-www-form-urlencoded')) {
      refuse(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
      return;
    }
    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      this.jwtBearer(String(form.assertion ?? ''), res, refuse);
      return;
    }
    if (grantType === 'refresh_token') {
      const grant = this.refreshGrants.find(
        (candidate) =>
          candidate.clientId === form.client_id && candidate.clientSecret === form.client_secret,
      );
      if (!grant) {
        refuse(401, 'invalid_client', 'The OAuth client was not found.');
        return;
      }
      if (grant.refreshToken !== form.refresh_token) {
        refuse(400, 'invalid_grant', 'Token has been expired or revoked.');
        return;
      }
      this.grant(res, {
        grantType,
        issuer: grant.clientId,
        subject: grant.subject,
        scopes: [...grant.scopes],
      });
      return;
    }
    refuse(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  private jwtBearer(
    assertion: string,
    res: Response,
    refuse: (
      status: number,
      error: string,
      description: string,
      record?: Partial<TokenRequestRecord>,
    ) => void,
  ): void {
    const parts = assertion.split('.');
    if (parts.length !== 3) {
      refuse(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe',
      );
      return;
    }
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
    } catch {
      refuse(400, 'invalid_grant', 'Invalid JWT: could not be decoded');
      return;
    }
    const issuer = String(claims.iss ?? '');
    const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
    const scopes = String(claims.scope ?? '')
      .split(' ')
      .filter(Boolean);
    const record = { issuer, ...(subject ? { subject } : {}), scopes };
    const account = this.serviceAccounts.get(issuer);
    if (header.alg !== 'RS256' || !account) {
      refuse(400, 'invalid_grant', 'Invalid JWT Signature.', record);
      return;
    }
    const verified = createVerify('RSA-SHA256')
      .update(`${headerPart}.${payloadPart}`)
      .verify(account.publicKey, Buffer.from(signaturePart, 'base64url'));
    if (!verified) {
      refuse(400, 'invalid_grant', 'Invalid JWT Signature.', record);
      return;
    }
    const nowSeconds = Math.floor(this.now() / 1000);
    const iat = Number(claims.iat);
    const exp = Number(claims.exp);
    if (claims.aud !== this.tokenUrl) {
      refuse(400, 'invalid_grant', 'Invalid JWT: aud must be the token endpoint.', record);
      return;
    }
    if (
      !Number.isFinite(iat) ||
      !Number.isFinite(exp) ||
      exp - iat > 3600 ||
      exp <= nowSeconds ||
      iat > nowSeconds + 300
    ) {
      refuse(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        record,
      );
      return;
    }
    if (scopes.length === 0) {
      refuse(400, 'invalid_scope', 'Empty or missing scope not allowed.', record);
      return;
    }
    if (subject !== undefined) {
      if (!this.users.has(subject.toLowerCase())) {
        refuse(400, 'invalid_grant', 'Invalid email or User ID', record);
        return;
      }
      const allowed = new Set(account.delegatedScopes ?? []);
      if (!scopes.every((scope) => allowed.has(scope))) {
        refuse(
          401,
          'unauthorized_client',
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
          record,
        );
        return;
      }
    }
    this.grant(res, { grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', ...record });
  }

  private grant(res: Response, record: Omit<TokenRequestRecord, 'status'>): void {
    const token = `ya29.${randomBytes(24).toString('hex')}`;
    this.issued.set(token, {
      token,
      issuer: record.issuer ?? '',
      ...(record.subject ? { subject: record.subject } : {}),
      scopes: record.scopes,
      expiresAtMs: this.now() + this.lifetimeSeconds * 1000,
    });
    this.requests.push({ ...record, status: 200 });
    res
      .status(200)
      .json({ access_token: token, expires_in: this.lifetimeSeconds, token_type: 'Bearer' });
  }
}
