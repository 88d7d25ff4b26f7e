import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client';
import { DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from '../apply/retry';
import { RemoteError, networkError, parseRetryAfter } from '../targets/remote-error';
import type { GraphApi, GraphBatchRequest, GraphBatchResponse, GraphRequest } from './graph-api';
import { graphBaseUrlOf, type GraphCredentials } from './graph-credentials';
import { graphStatusError } from './graph-error';
import { GraphTokenSource } from './graph-token';
import { ENTRA_WRITE_LIMIT, WritePacer, type WriteLimit } from './write-pacer';

/** "Combine multiple HTTP requests using JSON batching": at most 20 (https://learn.microsoft.com/graph/json-batching). */
export const GRAPH_BATCH_MAX = 20;

/** The transient answers a read is tried again on ("Microsoft Graph throttling guidance", https://learn.microsoft.com/graph/throttling). */
const RETRIED_STATUSES = new Set([429, 503, 504]);

export interface GraphClientOptions {
  retry?: RetryPolicy;
  sleep?: Sleep;
  now?: () => number;
  /** Default ENTRA_WRITE_LIMIT: 3,000 writes per 150 s per app and tenant. */
  writeLimit?: WriteLimit;
  timeoutMs?: number;
}

/** A retryable answer, thrown inside withRetry so that it retries it; unwrapped after. */
class RetryableAnswer extends RemoteError {
  constructor(readonly response: HttpResponse) {
    super(`answered ${response.status}`, {
      status: response.status,
      retryable: true,
      ...retryAfterOf(response),
    });
  }
}

/**
 * Microsoft Graph with the app's own token (client credentials, secret or certificate).
 * A 401 fetches a new token once and tries again; reads answered 429, 503 or 504 are retried
 * within the policy, honouring Retry-After; writes (each one inside a `$batch` too) are paced
 * to the write limit, waiting instead of being throttled. Nothing it throws names the secret,
 * the assertion or a token.
 */
export class GraphClient implements GraphApi {
  readonly label: string;
  readonly baseUrl: string;
  readonly pacer: WritePacer;
  private readonly origin: string;
  private readonly tokens: GraphTokenSource;
  private readonly retry: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly timeoutMs: number | undefined;

  constructor(
    private readonly http: HttpClient,
    readonly credentials: GraphCredentials,
    options: GraphClientOptions = {},
  ) {
    this.baseUrl = graphBaseUrlOf(credentials);
    this.origin = new URL(this.baseUrl).origin;
    this.label = `Microsoft Graph at ${this.origin}`;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs;
    this.tokens = new GraphTokenSource(http, credentials, this.now, options.timeoutMs);
    this.pacer = new WritePacer(options.writeLimit ?? ENTRA_WRITE_LIMIT, this.now, this.sleep);
  }

  /** Signs in (or reuses the cached token); throws a GraphSignInError when Entra refuses. */
  async token(): Promise<string> {
    return this.tokens.get();
  }

  async request(request: GraphRequest): Promise<HttpResponse> {
    const { path, ...rest } = request;
    const outgoing: HttpRequest = { ...rest, url: this.resolve(path) };
    if (request.method === 'GET') return this.sendRetried(outgoing);
    const release = await this.pacer.acquire(1);
    try {
      return this.noteThrottle(await this.send(outgoing));
    } finally {
      release();
    }
  }

  async getJson<T>(
    path: string,
    query?: GraphRequest['query'],
    headers?: GraphRequest['headers'],
  ): Promise<T> {
    const url = this.resolve(path);
    const response = await this.sendRetried({
      method: 'GET',
      url,
      ...(query ? { query } : {}),
      ...(headers ? { headers } : {}),
    });
    if (response.status < 200 || response.status >= 300) {
      throw graphStatusError(this.label, 'GET', url, response);
    }
    return response.body as T;
  }

  async *pages<T>(
    path: string,
    query?: GraphRequest['query'],
    headers?: GraphRequest['headers'],
  ): AsyncGenerator<T[]> {
    let page = await this.getJson<CollectionPage<T>>(path, query, headers);
    for (;;) {
      yield Array.isArray(page?.value) ? page.value : [];
      const next = page?.['@odata.nextLink'];
      if (typeof next !== 'string' || next === '') return;
      // The link carries the query (and its $skiptoken); headers such as ConsistencyLevel do not.
      page = await this.getJson<CollectionPage<T>>(next, undefined, headers);
    }
  }

  async batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]> {
    if (requests.length === 0) return [];
    if (requests.length > GRAPH_BATCH_MAX) {
      throw new Error(
        `A Graph $batch holds at most ${GRAPH_BATCH_MAX} requests, got ${requests.length}`,
      );
    }
    const ids = new Set(requests.map((request) => request.id));
    if (ids.size !== requests.length)
      throw new Error('Every request in a Graph $batch needs its own id');
    const writes = requests.filter((request) => request.method !== 'GET').length;
    const url = `${this.baseUrl}/$batch`;
    const outgoing: HttpRequest = {
      method: 'POST',
      url,
      body: { requests: requests.map(innerRequest) },
    };
    let response: HttpResponse;
    if (writes === 0) {
      response = await this.sendRetried(outgoing);
    } else {
      const release = await this.pacer.acquire(writes);
      try {
        response = this.noteThrottle(await this.send(outgoing));
      } finally {
        release();
      }
    }
    if (response.status !== 200) throw graphStatusError(this.label, 'POST', url, response);
    return this.matchAnswers(requests, response);
  }

  /** The answers, in the requests' order (Graph may answer in any order), header names lower-cased. */
  private matchAnswers(
    requests: readonly GraphBatchRequest[],
    response: HttpResponse,
  ): GraphBatchResponse[] {
    const answers = (response.body as { responses?: unknown } | undefined)?.responses;
    const byId = new Map<string, GraphBatchResponse>();
    for (const answer of Array.isArray(answers) ? (answers as RawAnswer[]) : []) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers ?? {})) {
        headers[name.toLowerCase()] = String(value);
      }
      byId.set(String(answer.id), {
        id: String(answer.id),
        status: Number(answer.status),
        headers,
        ...(answer.body !== undefined ? { body: answer.body } : {}),
      });
    }
    return requests.map((request) => {
      const answer = byId.get(request.id);
      if (!answer) {
        throw new RemoteError(`${this.label} left request ${request.id} of a $batch unanswered`, {
          status: response.status,
          retryable: true,
        });
      }
      if (answer.status === 429) this.holdFor(answer.headers['retry-after']);
      return answer;
    });
  }

  /** A read, tried again on 429/503/504 and on no answer; the last answer is returned as it is. */
  private async sendRetried(request: HttpRequest): Promise<HttpResponse> {
    try {
      const { value } = await withRetry(
        async () => {
          const response = await this.send(request);
          if (RETRIED_STATUSES.has(response.status)) throw new RetryableAnswer(response);
          return response;
        },
        this.retry,
        this.sleep,
      );
      return value;
    } catch (error) {
      if (error instanceof RetryableAnswer) return error.response;
      throw error;
    }
  }

  /** One call with the token; a 401 renews the token and sends once more. */
  private async send(request: HttpRequest): Promise<HttpResponse> {
    const token = await this.tokens.get();
    const first = await this.sendWith(request, token);
    if (first.status !== 401) return first;
    const renewed = await this.tokens.renew(token);
    return this.sendWith(request, renewed);
  }

  private async sendWith(request: HttpRequest, token: string): Promise<HttpResponse> {
    const headers = { ...request.headers, authorization: `Bearer ${token}` };
    try {
      return await this.http({
        ...request,
        headers,
        ...(this.timeoutMs !== undefined && request.timeoutMs === undefined
          ? { timeoutMs: this.timeoutMs }
          : {}),
      });
    } catch (error) {
      throw networkError(this.label, error);
    }
  }

  private noteThrottle(response: HttpResponse): HttpResponse {
    if (response.status === 429) this.holdFor(response.headers['retry-after']);
    return response;
  }

  private holdFor(retryAfter: string | undefined): void {
    const ms = parseRetryAfter(retryAfter, this.now());
    if (ms !== undefined) this.pacer.holdUntil(this.now() + ms);
  }

  /**
   * A path below the version root, or an absolute link Graph handed out (`@odata.nextLink`).
   * The token goes to Graph's own origin only: a link elsewhere is refused.
   */
  private resolve(path: string): string {
    if (/^https?:\/\//i.test(path)) {
      if (new URL(path).origin !== this.origin) {
        throw new Error(`Refusing to send the Graph token to ${new URL(path).origin}`);
      }
      return path;
    }
    return `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }
}

interface CollectionPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

interface RawAnswer {
  id?: unknown;
  status?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/** Graph needs a JSON body's content type on the inner request itself. */
function innerRequest(request: GraphBatchRequest): Record<string, unknown> {
  const headers = { ...request.headers };
  if (
    request.body !== undefined &&
    !Object.keys(headers).some((n) => n.toLowerCase() === 'content-type')
  ) {
    headers['Content-Type'] = 'application/json';
  }
  return {
    id: request.id,
    method: request.method,
    url: request.url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
}

function retryAfterOf(response: HttpResponse): { retryAfterMs?: number } {
  const ms = parseRetryAfter(response.headers['retry-after']);
  return ms === undefined ? {} : { retryAfterMs: ms };
}
