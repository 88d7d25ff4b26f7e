import type { RetryPolicy, Sleep } from '../../apply/retry';
import { GoogleApi } from '../../google/google-api';
import { SlidingWindowPacer } from '../../google/pacer';
import { GOOGLE_SCOPES, GOOGLE_SHEETS_ROOT } from '../../google/scopes';
import type { Clock, GoogleTokenSource } from '../../google/token-source';
import type { HttpClient } from '../../http/http-client';

export interface SheetsApiOptions {
  /** Default https://sheets.googleapis.com/ (a credential may name a private endpoint). */
  rootUrl?: string;
  /**
   * Reads sent per minute at most (default 60, the per-user quota of
   * https://developers.google.com/workspace/sheets/api/limits), so a long sheet waits
   * instead of meeting 429s.
   */
  readsPerMinute?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  now?: Clock;
  timeoutMs?: number;
}

/** The Sheets API with a read-only token, paced to the read quota. */
export function googleSheetsApi(
  http: HttpClient,
  tokens: GoogleTokenSource,
  options: SheetsApiOptions = {},
): GoogleApi {
  const rootUrl = options.rootUrl?.trim() || GOOGLE_SHEETS_ROOT;
  return new GoogleApi(http, tokens, {
    label: `Google Sheets at ${new URL(rootUrl).host}`,
    rootUrl,
    scopes: [GOOGLE_SCOPES.sheetsReadOnly],
    pacer: new SlidingWindowPacer(options.readsPerMinute ?? 60, 60_000, options.now, options.sleep),
    ...(options.retry ? { readRetry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
