import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import {
  DEFAULT_RETRY,
  realSleep,
  withRetry,
  type RetryPolicy,
  type Sleep,
} from '../../apply/retry';
import { RemoteError, networkError } from '../../targets/remote-error';
import { statusError } from '../../targets/http-json';

/** What every HR reader shares: the transport, the retry policy, the clock to wait with. */
export interface HrTransport {
  http: HttpClient;
  /** "BambooHR", for messages. */
  label: string;
  retry: RetryPolicy;
  sleep: Sleep;
  /** Counts answers that were retried, by status, for the report. */
  retried: Map<number | string, number>;
}

export interface HrTransportOptions {
  retry?: Partial<RetryPolicy>;
  /** Injected in tests, so no test waits out a Retry-After. */
  sleep?: Sleep;
}

export function hrTransport(
  http: HttpClient,
  label: string,
  options: HrTransportOptions = {},
): HrTransport {
  return {
    http,
    label,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    retried: new Map(),
  };
}

/**
 * One read from the HR system, with 429 (after its Retry-After), 5xx and lost answers
 * retried within the policy, then thrown as a RemoteError that names the system, the
 * method and the path, never the query string or a credential.
 */
export async function hrCall(
  transport: HrTransport,
  request: () => HttpRequest | Promise<HttpRequest>,
  waitHint?: (response: HttpResponse) => number | undefined,
): Promise<HttpResponse> {
  const { value } = await withRetry(
    async () => {
      const sent = await request();
      let response: HttpResponse;
      try {
        response = await transport.http(sent);
      } catch (error) {
        const failure = networkError(transport.label, error);
        if (failure.retryable) bump(transport, failure.code ?? 'network');
        throw failure;
      }
      if (response.status >= 200 && response.status < 300) return response;
      const failure = statusError(transport.label, sent, response);
      const hinted = failure.retryAfterMs === undefined ? waitHint?.(response) : undefined;
      const error =
        hinted === undefined
          ? failure
          : new RemoteError(failure.message, {
              status: response.status,
              retryable: failure.retryable,
              retryAfterMs: hinted,
              ...(failure.detail ? { detail: failure.detail } : {}),
            });
      if (error.retryable) bump(transport, response.status);
      throw error;
    },
    transport.retry,
    transport.sleep,
  );
  return value;
}

function bump(transport: HrTransport, key: number | string): void {
  transport.retried.set(key, (transport.retried.get(key) ?? 0) + 1);
}

/** "BambooHR answered 429 twice and 503 once; each was retried." for the report. */
export function retryWarnings(transport: HrTransport): string[] {
  if (transport.retried.size === 0) return [];
  const parts = [...transport.retried].map(([key, count]) => `${key} ${count}×`);
  return [`${transport.label} needed retries (${parts.join(', ')}); the read completed.`];
}

/** The base URL without trailing slashes; a default when the credential names none. */
export function baseUrlOf(given: string | undefined, fallback: string): string {
  const chosen = given && given.trim() !== '' ? given.trim() : fallback;
  return chosen.replace(/\/+$/, '');
}

/** Basic auth as these APIs take it: the user name, a colon, the password, base64. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * A `next` link from the answer is followed only on the host we were given: the token goes
 * with it, and a link elsewhere (a misconfigured proxy, a hostile answer) must not get it.
 */
export function sameOrigin(link: string, base: string): boolean {
  try {
    return new URL(link, base).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
