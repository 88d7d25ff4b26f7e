import type { HttpMethod, HttpResponse } from '../http/http-client';

/**
 * What the Microsoft 365 sources and the Entra target need of Microsoft Graph, whatever
 * carries it: GraphClient (graph-client.ts) in the nodes and the CLI, a stub in unit tests.
 * Every method adds the app's token; none ever puts a secret or a token in a message.
 */
export interface GraphRequest {
  method: HttpMethod;
  /** A path below the Graph base URL (`/users`), or an absolute URL (an `@odata.nextLink`). */
  path: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request inside a `$batch` (https://learn.microsoft.com/graph/json-batching). */
export interface GraphBatchRequest {
  /** Unique within the batch. */
  id: string;
  method: HttpMethod;
  /** Relative to the Graph version root, e.g. `/users/{id}`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Its answer: a 429 inside the 200 envelope carries its own Retry-After in `headers`. */
export interface GraphBatchResponse {
  id: string;
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body?: unknown;
}

export interface GraphApi {
  /** Names the service for people, never with a secret: "Microsoft Graph at https://…". */
  readonly label: string;
  /** The version root, e.g. https://graph.microsoft.com/v1.0 (a `@odata.id` is built on it). */
  readonly baseUrl: string;
  /**
   * One call. A 401 fetches a new token and tries once more; a GET answered 429, 503 or 504
   * is retried within the client's policy, honouring Retry-After. Resolves with any other
   * status, for the caller to judge.
   */
  request(request: GraphRequest): Promise<HttpResponse>;
  /** A GET whose non-2xx answer becomes a RemoteError naming the status and Graph's error. */
  getJson<T>(
    path: string,
    query?: GraphRequest['query'],
    headers?: GraphRequest['headers'],
  ): Promise<T>;
  /** Every page of a collection, following `@odata.nextLink`: yields each page's `value`. */
  pages<T>(
    path: string,
    query?: GraphRequest['query'],
    headers?: GraphRequest['headers'],
  ): AsyncGenerator<T[]>;
  /**
   * One `POST /$batch` of at most 20 requests, paced against the write limit (each inner
   * write counts as one). Resolves with every inner response, in the requests' order; throws a
   * RemoteError only when the batch call as a whole failed.
   */
  batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]>;
}
