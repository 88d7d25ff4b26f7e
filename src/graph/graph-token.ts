import type { HttpClient, HttpResponse } from '../http/http-client';
import { networkError } from '../targets/remote-error';
import { buildClientAssertion } from './graph-assertion';
import { signInError, type GraphSignInError } from './graph-error';
import { graphScopeOf, tokenUrlOf, type GraphCredentials } from './graph-credentials';

/** A token is used until this long before Entra says it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The app's access token, by the OAuth 2.0 client credentials grant
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * one form POST to the token endpoint with the secret or a signed assertion. Cached until
 * shortly before `expires_in`; callers that ask at the same time share one fetch.
 */
export class GraphTokenSource {
  private token: { value: string; renewAt: number } | undefined;
  /** A sign-in Entra refused for good: the same credential is not sent again this run. */
  private refused: GraphSignInError | undefined;
  private pending: Promise<string> | undefined;
  private readonly tokenUrl: string;

  constructor(
    private readonly http: HttpClient,
    private readonly credentials: GraphCredentials,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {
    this.tokenUrl = tokenUrlOf(credentials);
  }

  /** A token good for a while yet. */
  async get(): Promise<string> {
    if (this.refused) throw this.refused;
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    return this.fetchShared();
  }

  /**
   * Graph refused `stale` (401): forget it and fetch another, unless a concurrent caller has
   * already replaced it, in which case that one is used.
   */
  async renew(stale: string): Promise<string> {
    if (this.token?.value === stale) this.token = undefined;
    return this.get();
  }

  private fetchShared(): Promise<string> {
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.clientId,
      scope: graphScopeOf(this.credentials),
    });
    let assertion: string | undefined;
    const { certificate, clientSecret } = this.credentials;
    if (certificate?.privateKey) {
      assertion = buildClientAssertion({
        clientId: this.credentials.clientId,
        tokenUrl: this.tokenUrl,
        privateKey: certificate.privateKey,
        thumbprint: certificate.thumbprint,
        now: this.now(),
      });
      form.set('client_assertion_type', ASSERTION_TYPE);
      form.set('client_assertion', assertion);
    } else if (clientSecret) {
      form.set('client_secret', clientSecret);
    } else {
      throw new Error(
        'The Microsoft Graph credential has neither a client secret nor a certificate',
      );
    }
    const startedAt = this.now();
    let response: HttpResponse;
    try {
      response = await this.http({
        method: 'POST',
        url: this.tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw networkError(`Microsoft Entra ID sign-in at ${new URL(this.tokenUrl).host}`, error);
    }
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      const error = signInError(this.credentials.clientId, response, [clientSecret, assertion]);
      if (!error.retryable) this.refused = error;
      throw error;
    }
    const lifetimeMs = Number(body.expires_in ?? 3599) * 1000;
    // A short-lived token is renewed half way through instead of never being cached.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.token = { value: body.access_token, renewAt: startedAt + lifetimeMs - margin };
    return body.access_token;
  }
}
