import type { HttpRequest, HttpResponse } from '../http/http-client';
import { RemoteError, isRetryableStatus, parseRetryAfter } from '../targets/remote-error';

/**
 * What a Google API said went wrong, from either error shape it uses: the Admin SDK's
 * `error.errors[].reason` (https://developers.google.com/workspace/admin/directory/v1/limits)
 * and the newer `error.status` with `error.details[].reason` (https://cloud.google.com/apis/design/errors).
 */
export interface GoogleErrorInfo {
  code?: number;
  message?: string;
  /** `userRateLimitExceeded`, `duplicate`, `notFound`, `forbidden`, ... */
  reason?: string;
  /** `RESOURCE_EXHAUSTED`, `PERMISSION_DENIED`, `NOT_FOUND`, ... */
  status?: string;
}

export function googleErrorInfo(body: unknown): GoogleErrorInfo {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const record = error as Record<string, unknown>;
  const errors = Array.isArray(record.errors)
    ? (record.errors as Array<Record<string, unknown>>)
    : [];
  const details = Array.isArray(record.details)
    ? (record.details as Array<Record<string, unknown>>)
    : [];
  const reason = [...errors, ...details]
    .map((entry) => entry.reason)
    .find((value): value is string => typeof value === 'string' && value !== '');
  return {
    ...(typeof record.code === 'number' ? { code: record.code } : {}),
    ...(typeof record.message === 'string' ? { message: shorten(record.message) } : {}),
    ...(reason ? { reason } : {}),
    ...(typeof record.status === 'string' ? { status: record.status } : {}),
  };
}

/**
 * 403s that mean "too fast", not "not allowed" (the Directory API's limits page above):
 * retried with backoff like a 429. `dailyLimitExceeded` is not among them: waiting minutes
 * does not help.
 */
const THROTTLING_REASONS = new Set(['userRateLimitExceeded', 'quotaExceeded', 'rateLimitExceeded']);

export function isThrottling(status: number, info: GoogleErrorInfo): boolean {
  if (status === 429) return true;
  return (
    status === 403 &&
    (THROTTLING_REASONS.has(info.reason ?? '') || info.status === 'RESOURCE_EXHAUSTED')
  );
}

/**
 * A Google API's non-2xx answer as a RemoteError. A throttling 403 is given status 429, so
 * the engine treats it as what it is (slow down and retry) and not as a refused credential
 * or a protected account; the message keeps the 403 and Google's reason.
 */
export function googleError(
  label: string,
  request: HttpRequest,
  response: HttpResponse,
): RemoteError {
  const info = googleErrorInfo(response.body);
  const throttled = isThrottling(response.status, info);
  const why = info.reason ?? info.status;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  return new RemoteError(
    `${label} answered ${response.status}${why ? ` (${why})` : ''} to ${request.method} ${pathOf(request.url)}`,
    {
      status: throttled ? 429 : response.status,
      retryable: throttled || isRetryableStatus(response.status),
      ...(info.message ? { detail: info.message } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
