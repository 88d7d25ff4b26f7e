/**
 * The one shape every remote call of the engine goes through. The n8n nodes supply a
 * client built on n8n's own request helper (so the credential's `authenticate` adds
 * the secret); the CLI and the tests supply `nodeHttpClient`. Keeping the engine on
 * this interface is what keeps src/ free of n8n imports.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, without the query string's secret parts (those come from auth). */
  url: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /**
   * A JSON value, sent with `content-type: application/json` unless headers say otherwise;
   * a string is sent as it is (with its own content-type, e.g. a form-encoded token request).
   */
  body?: unknown;
  /** `json` parses the answer when it is JSON (the default), `buffer` keeps the bytes. */
  responseType?: 'json' | 'buffer';
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON, text, or a Buffer when `responseType` is `buffer`. */
  body: unknown;
}

/**
 * Resolves with any HTTP status (4xx and 5xx included: callers decide what they mean);
 * rejects only when no answer came (refused, reset, timed out), with an Error whose
 * `code` is Node's (`ECONNREFUSED`, `ETIMEDOUT`, ...).
 */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** Builds the URL with its query string, for clients and for error messages. */
export function urlWithQuery(url: string, query?: HttpRequest['query']): string {
  if (!query || Object.keys(query).length === 0) return url;
  const target = new URL(url);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, String(value));
  return target.toString();
}
