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

  constructor(
    message: string,
    options: { status?: number; retryable: boolean; retryAfterMs?: number; detail?: string },
  ) {
    super(message);
    this.name = 'RemoteError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
  }

  /** 401 and 403: nothing else will work either, so the whole run stops. */
  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

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
  });
}

export function describeError(error: unknown): string {
  if (error instanceof RemoteError && error.detail) return `${error.message}: ${error.detail}`;
  return error instanceof Error ? error.message : String(error);
}
