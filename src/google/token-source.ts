import type { HttpClient, HttpResponse } from '../http/http-client';
import { redactUrl } from '../sources/redact-url';
import { serverDetail } from '../targets/http-json';
import { RemoteError, isRetryableStatus, networkError } from '../targets/remote-error';

/**
 * Where the Google clients get their access tokens. Tokens are kept until shortly before
 * they expire; a token an API refused (401) is forgotten, so the next call fetches anew.
 * No method ever puts a token, key or secret in a message.
 */
export interface GoogleTokenSource {
  /** Who the tokens act for, for messages: "the service account a@b acting as admin@c". */
  readonly identity: string;
  /** The service account's e-mail, when there is one (a sheet must be shared with it). */
  readonly serviceAccountEmail?: string;
  /** The user impersonated, when there is one. */
  readonly subject?: string;
  accessToken(scopes: readonly string[]): Promise<string>;
  invalidate(token: string): void;
}

export type Clock = () => number;

/** Refresh this long before the stated expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

interface Cached {
  token: string;
  expiresAtMs: number;
}

/** The cache and in-flight sharing every grant uses; `fetch` makes one token request. */
export class TokenCache {
  private readonly tokens = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly fetch: (scopes: readonly string[]) => Promise<Cached>,
    private readonly now: Clock,
  ) {}

  seed(key: string, token: string, expiresAtMs: number): void {
    this.tokens.set(key, { token, expiresAtMs });
  }

  get(key: string, scopes: readonly string[]): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.expiresAtMs - EXPIRY_MARGIN_MS) {
      return Promise.resolve(cached.token);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const request = this.fetch(scopes)
      .then((fresh) => {
        this.tokens.set(key, fresh);
        return fresh.token;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, request);
    return request;
  }

  invalidate(token: string): void {
    for (const [key, cached] of this.tokens) {
      if (cached.token === token) this.tokens.delete(key);
    }
  }
}

export function scopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

/** What to tell the admin when the token endpoint refuses the grant. */
export type RefusalHint = (error: string, description: string | undefined) => string;

/**
 * One POST to a token endpoint with a form body (RFC 6749 §4.1.3, §6; RFC 7523 §2.1), and
 * its answer as a token and an expiry. A refusal (400/401/403) becomes a RemoteError with
 * status 401 (the credential is refused: nothing else will work), Google's `error` and
 * `error_description` as its detail, and `hint` as the message's advice.
 */
export async function requestToken(
  http: HttpClient,
  tokenUrl: string,
  form: Record<string, string>,
  now: Clock,
  hint: RefusalHint,
): Promise<Cached> {
  const label = `Google's token endpoint at ${redactUrl(tokenUrl).replace(/[?#].*$/s, '')}`;
  let response: HttpResponse;
  try {
    response = await http({
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (error) {
    throw networkError(label, error);
  }
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status >= 200 && response.status < 300 && typeof body.access_token === 'string') {
    const seconds = Number(body.expires_in ?? 3600);
    return {
      token: body.access_token,
      expiresAtMs: now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000,
    };
  }
  if (response.status >= 200 && response.status < 300) {
    throw new RemoteError(`${label} answered without an access token`, { retryable: false });
  }
  if (isRetryableStatus(response.status)) {
    const detail = serverDetail(response.body);
    throw new RemoteError(`${label} answered ${response.status}`, {
      status: response.status,
      retryable: true,
      ...(detail ? { detail } : {}),
    });
  }
  const code = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  const description =
    typeof body.error_description === 'string' ? body.error_description : undefined;
  throw new RemoteError(`${label} refused the credential (${code}): ${hint(code, description)}`, {
    // A refused grant is a refused credential, whatever status the endpoint chose.
    status: 401,
    retryable: false,
    ...(description ? { detail: description } : {}),
  });
}
