import { RemoteError } from '../../targets/remote-error';
import type { HttpRequest, HttpResponse } from '../../http/http-client';
import { hrCall, type HrTransport } from '../hr-systems/hr-call';
import { scrubSecrets } from '../source-error';

export interface PersonioCredentials {
  clientId: string;
  clientSecret: string;
}

/** Which token endpoint: v2's OAuth client credentials, or v1's /auth for the v1 fallback. */
export type PersonioApi = 'v2' | 'v1';

/** Renew a little before the stated expiry, so a long read never sends a token that just died. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The access token, fetched once and kept until it expires ("stable for 24 hours":
 * https://developer.personio.de/reference/auth), fetched again when a call answers 401.
 * The secret goes only into the token request's body, never into a URL or a message.
 */
export class PersonioToken {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;
  fetched = 0;

  constructor(
    private readonly transport: HrTransport,
    private readonly base: string,
    private readonly credentials: PersonioCredentials,
    private readonly api: PersonioApi,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.now() < this.expiresAt - EXPIRY_MARGIN_MS) return this.token;
    // Fan-out workers that all find the token expired share one token request.
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `stale`, the token a call was refused with, unless a newer one replaced it already. */
  invalidate(stale?: string): void {
    if (stale !== undefined && stale !== this.token) return;
    this.token = undefined;
    this.expiresAt = 0;
  }

  private async fetch(): Promise<string> {
    let response: HttpResponse;
    try {
      response = await hrCall(this.transport, () => this.tokenRequest());
    } catch (error) {
      throw this.scrubbed(error);
    }
    const { token, expiresInSeconds } = this.readToken(response);
    this.fetched += 1;
    this.token = token;
    this.expiresAt = this.now() + expiresInSeconds * 1000;
    return token;
  }

  /** An error server wording could in theory echo the client ID or secret into: masked. */
  private scrubbed(error: unknown): unknown {
    if (!(error instanceof RemoteError)) return error;
    const secrets = [this.credentials.clientSecret, this.credentials.clientId];
    const clean = (text: string) => scrubSecrets(text, secrets);
    return Object.assign(
      new RemoteError(clean(error.message), {
        ...(error.status !== undefined ? { status: error.status } : {}),
        retryable: error.retryable,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        ...(error.detail ? { detail: clean(error.detail) } : {}),
        ...(error.code ? { code: error.code } : {}),
      }),
      { attempts: (error as { attempts?: number }).attempts },
    );
  }

  private tokenRequest(): HttpRequest {
    if (this.api === 'v1') {
      // v1 takes the credentials in the body; query-string credentials are deprecated
      // (https://developer.personio.de/changelog/deprecated-query-string-credentials-on-post-v1auth).
      return {
        method: 'POST',
        url: `${this.base}/v1/auth`,
        body: {
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
        },
      };
    }
    // "The request must be formatted using the application/x-www-form-urlencoded media type"
    // (https://developer.personio.de/reference/post_v2-auth-token).
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    return {
      method: 'POST',
      url: `${this.base}/v2/auth/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    };
  }

  private readToken(response: HttpResponse): { token: string; expiresInSeconds: number } {
    const body = (response.body ?? {}) as {
      access_token?: unknown;
      expires_in?: unknown;
      data?: { token?: unknown; expires_in?: unknown };
    };
    const token = this.api === 'v1' ? body.data?.token : body.access_token;
    const expires = this.api === 'v1' ? body.data?.expires_in : body.expires_in;
    if (typeof token !== 'string' || token === '') {
      throw new RemoteError(`Personio answered the token request without a token`, {
        status: response.status,
        retryable: false,
      });
    }
    return { token, expiresInSeconds: typeof expires === 'number' ? expires : 3600 };
  }
}

/**
 * One call with the bearer token; a 401 means the token expired or was revoked, so it is
 * fetched again and the call sent once more.
 */
export async function withToken(
  transport: HrTransport,
  token: PersonioToken,
  request: HttpRequest,
): Promise<HttpResponse> {
  let used: string | undefined;
  const send = async (): Promise<HttpResponse> =>
    hrCall(transport, async () => {
      used = await token.get();
      return { ...request, headers: { ...request.headers, authorization: `Bearer ${used}` } };
    });
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof RemoteError) || error.status !== 401) throw error;
    // Workers refused with the same dead token share the one new token.
    token.invalidate(used);
    return send();
  }
}
