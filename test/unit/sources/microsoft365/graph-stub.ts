import type { GraphApi, GraphRequest } from '../../../../src/graph/graph-api';
import type { HttpResponse } from '../../../../src/http/http-client';

/** One request as the stub saw it: the path below the version root, the query, the headers. */
export interface StubCall {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
}

export type StubAnswer = (call: StubCall) => { status: number; body?: unknown } | undefined;

/**
 * A GraphApi without HTTP for unit tests: each request is answered by `answer` (for example
 * the fake Excel's `answerExcel`), as GraphClient would resolve it. Absolute links (an
 * `@odata.nextLink`) are taken apart like any path below the base URL.
 */
export class StubGraph implements GraphApi {
  readonly label = 'Microsoft Graph at https://graph.test';
  readonly baseUrl = 'https://graph.test/v1.0';
  readonly calls: StubCall[] = [];

  constructor(private readonly answer: StubAnswer) {}

  async request(request: GraphRequest): Promise<HttpResponse> {
    if (request.method !== 'GET')
      throw new Error(`The stub answers GETs only, not ${request.method}`);
    const url = new URL(
      /^https?:/.test(request.path) ? request.path : `${this.baseUrl}${request.path}`,
    );
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, String(value));
    const call: StubCall = {
      path: url.pathname.replace(/^\/v1\.0/, ''),
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      ),
    };
    this.calls.push(call);
    const answer = this.answer(call) ?? {
      status: 404,
      body: { error: { code: 'NotFound', message: 'No route' } },
    };
    return { status: answer.status, headers: {}, body: answer.body };
  }

  getJson<T>(): Promise<T> {
    throw new Error('The sources call request(), not getJson()');
  }

  // eslint-disable-next-line require-yield
  async *pages<T>(): AsyncGenerator<T[]> {
    throw new Error('The sources call request(), not pages()');
  }

  batch(): never {
    throw new Error('The sources never batch');
  }
}
