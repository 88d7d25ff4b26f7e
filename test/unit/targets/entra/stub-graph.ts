import type {
  GraphApi,
  GraphBatchRequest,
  GraphBatchResponse,
  GraphRequest,
} from '../../../../src/graph/graph-api';
import type { HttpResponse } from '../../../../src/http/http-client';

type Json = Record<string, unknown>;

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A GraphApi that answers from functions and records every call, for unit tests of the
 * Entra target (the integration test runs the real GraphClient against the fake Graph).
 */
export class StubGraph implements GraphApi {
  readonly label = 'Microsoft Graph at https://graph.example/v1.0';
  readonly baseUrl = 'https://graph.example/v1.0';
  readonly requests: GraphRequest[] = [];
  readonly batches: GraphBatchRequest[][] = [];
  readonly pageQueries: Array<{ path: string; query?: GraphRequest['query'] }> = [];
  readonly getJsonCalls: Array<{ path: string; query?: GraphRequest['query']; headers?: Json }> =
    [];

  constructor(
    private readonly answer: (request: {
      method: string;
      path: string;
      body?: unknown;
    }) => StubAnswer = () => ({
      status: 204,
    }),
    private readonly userPages: Json[][] = [],
    private readonly json: (path: string, query?: GraphRequest['query']) => unknown = () => ({
      value: [],
    }),
    /** Set to make the batch call as a whole fail. */
    public batchFailure?: Error,
  ) {}

  async request(request: GraphRequest): Promise<HttpResponse> {
    this.requests.push(structuredClone(request));
    const answer = this.answer({ method: request.method, path: request.path, body: request.body });
    return { status: answer.status, headers: answer.headers ?? {}, body: answer.body };
  }

  async getJson<T>(
    path: string,
    query?: GraphRequest['query'],
    headers?: GraphRequest['headers'],
  ): Promise<T> {
    this.getJsonCalls.push({ path, ...(query ? { query } : {}), ...(headers ? { headers } : {}) });
    return this.json(path, query) as T;
  }

  async *pages<T>(path: string, query?: GraphRequest['query']): AsyncGenerator<T[]> {
    this.pageQueries.push({ path, ...(query ? { query } : {}) });
    for (const page of this.userPages) yield page as T[];
  }

  async batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]> {
    if (requests.length > 20) throw new Error(`a batch of ${requests.length} requests`);
    this.batches.push(structuredClone([...requests]));
    if (this.batchFailure) throw this.batchFailure;
    return requests.map((request) => {
      const answer = this.answer({ method: request.method, path: request.url, body: request.body });
      return {
        id: request.id,
        status: answer.status,
        headers: answer.headers ?? {},
        ...(answer.body !== undefined ? { body: answer.body } : {}),
      };
    });
  }
}

/** Graph's answer to a create whose sign-in name exists (https://learn.microsoft.com/graph/errors). */
export const NAME_TAKEN: StubAnswer = {
  status: 400,
  body: {
    error: {
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
      details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
    },
  },
};
