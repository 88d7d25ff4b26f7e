import type { RetryPolicy, Sleep } from '../../apply/retry';
import { GoogleApi } from '../../google/google-api';
import { SlidingWindowPacer } from '../../google/pacer';
import { GOOGLE_ADMIN_ROOT, GOOGLE_SCOPES } from '../../google/scopes';
import type { Clock, GoogleTokenSource } from '../../google/token-source';
import type { HttpClient } from '../../http/http-client';

export interface AdminApiOptions {
  /** Default https://admin.googleapis.com/ (a credential may name a private endpoint). */
  rootUrl?: string;
  /** `false`: a read-only token (a dry run, Archive Missing Users' preview). Default true. */
  write?: boolean;
  /**
   * Queries per minute at most, reads and writes together (default 2,400: the Directory
   * API's per-user quota, https://developers.google.com/workspace/admin/directory/v1/limits).
   */
  queriesPerMinute?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  now?: Clock;
  timeoutMs?: number;
}

/** The Admin SDK Directory API, paced to the project's quota. */
export function googleAdminApi(
  http: HttpClient,
  tokens: GoogleTokenSource,
  options: AdminApiOptions = {},
): GoogleApi {
  const rootUrl = options.rootUrl?.trim() || GOOGLE_ADMIN_ROOT;
  return new GoogleApi(http, tokens, {
    label: `Directory API at ${new URL(rootUrl).host}`,
    rootUrl,
    scopes: [
      options.write === false ? GOOGLE_SCOPES.directoryUsersReadOnly : GOOGLE_SCOPES.directoryUsers,
    ],
    pacer: new SlidingWindowPacer(
      options.queriesPerMinute ?? 2400,
      60_000,
      options.now,
      options.sleep,
    ),
    ...(options.retry ? { readRetry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
