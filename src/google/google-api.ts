import { realSleep, withRetry, type RetryPolicy, type Sleep } from '../apply/retry';
import type { HttpClient, HttpMethod, HttpResponse } from '../http/http-client';
import { networkError } from '../targets/remote-error';
import { googleError } from './google-error';
import { UNPACED, type Pacer } from './pacer';
import type { GoogleTokenSource } from './token-source';

/**
 * Google's quotas are per minute, and its pages advise truncated exponential backoff up to
 * about a minute (https://developers.google.com/workspace/admin/directory/v1/limits,
 * https://developers.google.com/workspace/sheets/api/limits): 2, 4, 8, 16, 32, 32 s with
 * jitter outlast a refilled minute. Used for reads here, and meant as the apply stage's
 * policy for a Google target.
 */
export const GOOGLE_RETRY: RetryPolicy = {
  maxAttempts: 7,
  baseDelayMs: 2000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 120_000,
};

export interface GoogleRequest {
  method: HttpMethod;
  /** Below the API root, e.g. `admin/directory/v1/users`; may carry its own query string. */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface GoogleApiOptions {
  /** Names the API for people: "Google Workspace (Directory API)". */
  label: string;
  /** The API root, e.g. https://admin.googleapis.com/ (a credential may name another). */
  rootUrl: string;
  scopes: readonly string[];
  /** Every request waits on it (the API's per-minute quota). */
  pacer?: Pacer;
  /** How reads are retried when throttled or failing (default GOOGLE_RETRY; writes are the apply stage's). */
  readRetry?: RetryPolicy;
  sleep?: Sleep;
  timeoutMs?: number;
}

/**
 * One Google API, reached through the engine's HttpClient (so in n8n through n8n's own
 * request helper, with its proxy and TLS settings). Adds the bearer token; a 401 forgets
 * the token and tries once more with a new one; every request waits on the pacer.
 */
export class GoogleApi {
  readonly label: string;
  readonly rootUrl: string;

  constructor(
    private readonly http: HttpClient,
    private readonly tokens: GoogleTokenSource,
    private readonly options: GoogleApiOptions,
  ) {
    this.label = options.label;
    this.rootUrl = options.rootUrl.replace(/\/*$/, '/');
  }

  get identity(): string {
    return this.tokens.identity;
  }

  get serviceAccountEmail(): string | undefined {
    return this.tokens.serviceAccountEmail;
  }

  get subject(): string | undefined {
    return this.tokens.subject;
  }

  url(path: string): string {
    return `${this.rootUrl}${path.replace(/^\/+/, '')}`;
  }

  /** One request with its answer, whatever the status; rejects only when no answer came. */
  async send(request: GoogleRequest): Promise<HttpResponse> {
    let token = await this.tokens.accessToken(this.options.scopes);
    let response = await this.once(request, token);
    if (response.status === 401) {
      // An expired or revoked token: one more try with a fresh one (not for a refused credential).
      this.tokens.invalidate(token);
      token = await this.tokens.accessToken(this.options.scopes);
      response = await this.once(request, token);
    }
    return response;
  }

  /** One request; a status outside `accept` (2xx by default) becomes a RemoteError. */
  async call(
    request: GoogleRequest,
    accept: (status: number) => boolean = (status) => status >= 200 && status < 300,
  ): Promise<HttpResponse> {
    const response = await this.send(request);
    if (accept(response.status)) return response;
    throw googleError(
      this.label,
      { method: request.method, url: this.url(request.path) },
      response,
    );
  }

  /** A read, retried with backoff and jitter while Google throttles it or fails. */
  async getJson<T>(path: string, query?: GoogleRequest['query']): Promise<T> {
    const { value } = await withRetry(
      async () => (await this.call({ method: 'GET', path, ...(query ? { query } : {}) })).body as T,
      this.options.readRetry ?? GOOGLE_RETRY,
      this.options.sleep ?? realSleep,
    );
    return value;
  }

  private async once(request: GoogleRequest, token: string): Promise<HttpResponse> {
    await (this.options.pacer ?? UNPACED).acquire();
    try {
      return await this.http({
        method: request.method,
        url: this.url(request.path),
        ...(request.query ? { query: request.query } : {}),
        headers: { authorization: `Bearer ${token}` },
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      });
    } catch (error) {
      throw networkError(this.label, error);
    }
  }
}
