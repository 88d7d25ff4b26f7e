/**
 * A remote call that failed. `retryable` says whether trying again can help (429, 5xx,
 * no answer); `retryAfterMs` carries the server's Retry-After. Messages name the target
 * and the HTTP status, never a credential.
 */
export class RemoteError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The server's own words, shortened; useful to the admin, never a secret of ours. */
  readonly detail: string | undefined;

  /** Node's code when no answer came (`ETIMEDOUT`, `ECONNRESET`, ...). */
  readonly code: string | undefined;

  constructor(
    message: string,
    options: {
      status?: number;
      retryable: boolean;
      retryAfterMs?: number;
      detail?: string;
      code?: string;
    },
  ) {
    super(message);
    this.name = 'RemoteError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
    this.code = options.code;
  }

  /**
   * 401 and 403 on a read or on a request as a whole: the credential is refused or may not
   * do this at all, so nothing else will work either. (A 403 on one user's own write is
   * that user's failure: see isForbidden.)
   */
  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** 401: the platform refused the credential itself; no later write will get through. */
  get refusesCredential(): boolean {
    return this.status === 401;
  }

  /** 403: the credential is good, but may not touch this resource (a protected account). */
  get isForbidden(): boolean {
    return this.status === 403;
  }

  /**
   * Whether the request may have been carried out although no success came back: it was
   * sent and then timed out, the connection was reset, or the server failed (5xx, 408)
   * after reading it. Not for a connection that never opened, nor for a 429 (refused
   * before any work). A retried create checks first whether its user exists already.
   */
  get mayHaveLanded(): boolean {
    if (this.status === undefined) return !NEVER_SENT_CODES.has(this.code ?? '');
    return this.status === 408 || this.status >= 500;
  }
}

/** No connection was made, so the request cannot have reached the server. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Reads Retry-After as seconds or as an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Wraps an error thrown when no answer came (refused, reset, timed out). */
export function networkError(target: string, error: unknown): RemoteError {
  const code = (error as { code?: string } | null)?.code;
  const what = code ? `${code}` : error instanceof Error ? error.message : String(error);
  return new RemoteError(`${target} did not answer (${what})`, {
    retryable: code === undefined || RETRYABLE_NETWORK_CODES.has(code),
    ...(code ? { code } : {}),
  });
}

export function describeError(error: unknown): string {
  if (error instanceof RemoteError && error.detail) return `${error.message}: ${error.detail}`;
  return error instanceof Error ? error.message : String(error);
}
