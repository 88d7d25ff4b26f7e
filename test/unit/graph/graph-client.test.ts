import type { HttpRequest, HttpResponse } from '../../../src/http/http-client';
import { GraphClient, type GraphClientOptions } from '../../../src/graph/graph-client';
import type { GraphCredentials } from '../../../src/graph/graph-credentials';
import { GraphSignInError } from '../../../src/graph/graph-error';
import { RemoteError } from '../../../src/targets/remote-error';
import { VirtualClock } from './virtual-clock';

const SECRET = 'very-secret-value~123';
const credentials: GraphCredentials = {
  tenantId: 'tenant-1',
  clientId: 'app-1',
  clientSecret: SECRET,
};
const TOKEN_URL = 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token';
const GRAPH = 'https://graph.microsoft.com/v1.0';

type Route = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** A scripted transport: the token endpoint issues token-1, token-2, …; `graph` answers the rest. */
function transport(graph: Route, tokenAnswer?: Route) {
  const seen: HttpRequest[] = [];
  let issued = 0;
  const http = async (request: HttpRequest): Promise<HttpResponse> => {
    seen.push(request);
    if (request.url === TOKEN_URL) {
      if (tokenAnswer) return tokenAnswer(request);
      issued += 1;
      return json(200, { token_type: 'Bearer', expires_in: 3599, access_token: `token-${issued}` });
    }
    return graph(request);
  };
  return { http, seen, tokensIssued: () => issued };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

function client(
  http: (r: HttpRequest) => Promise<HttpResponse>,
  clock: VirtualClock,
  extra: GraphClientOptions = {},
) {
  return new GraphClient(http, credentials, { now: clock.now, sleep: clock.sleep, ...extra });
}

describe('GraphClient: the token', () => {
  it('signs in with a form POST for <graph origin>/.default and reuses the token until shortly before it expires', async () => {
    const clock = new VirtualClock();
    const t = transport(() => json(200, { value: [] }));
    const graph = client(t.http, clock);
    await Promise.all([graph.getJson('/users'), graph.getJson('/users'), graph.getJson('/users')]);
    expect(t.tokensIssued()).toBe(1);
    const tokenRequest = t.seen[0] as HttpRequest;
    expect(tokenRequest).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body as string))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app-1',
      scope: 'https://graph.microsoft.com/.default',
      client_secret: SECRET,
    });
    expect(t.seen[1]?.headers?.authorization).toBe('Bearer token-1');
    clock.time += 3599_000 - 5 * 60_000 - 1;
    await graph.getJson('/users');
    expect(t.tokensIssued()).toBe(1);
    clock.time += 2;
    await graph.getJson('/users');
    expect(t.tokensIssued()).toBe(2);
  });

  it('asks a national cloud for a token for its own Graph', async () => {
    const t = transport(() => json(200, {}));
    const graph = new GraphClient(t.http, {
      ...credentials,
      graphBaseUrl: 'https://graph.microsoft.us/v1.0/',
      tokenUrl: TOKEN_URL,
    });
    await graph.getJson('/organization');
    expect(new URLSearchParams(t.seen[0]?.body as string).get('scope')).toBe(
      'https://graph.microsoft.us/.default',
    );
    expect(t.seen[1]?.url).toBe('https://graph.microsoft.us/v1.0/organization');
  });

  it('on a 401 fetches a new token once and tries once more', async () => {
    const clock = new VirtualClock();
    const t = transport((request) =>
      request.headers?.authorization === 'Bearer token-1'
        ? json(401, {
            error: {
              code: 'InvalidAuthenticationToken',
              message: 'Lifetime validation failed, the token is expired.',
            },
          })
        : json(200, { id: 'u1' }),
    );
    const graph = client(t.http, clock);
    await expect(graph.getJson('/users/u1')).resolves.toEqual({ id: 'u1' });
    expect(t.tokensIssued()).toBe(2);
    const always401 = transport(() =>
      json(401, { error: { code: 'InvalidAuthenticationToken', message: 'no' } }),
    );
    const refused = client(always401.http, clock);
    await expect(refused.getJson('/users')).rejects.toMatchObject({ status: 401 });
    expect(always401.tokensIssued()).toBe(2);
  });

  it.each([
    [401, 'invalid_client', 7000215, /AADSTS7000215\): the client secret is wrong/],
    [400, 'invalid_request', 90002, /AADSTS90002\): no such tenant/],
    [400, 'unauthorized_client', 700016, /AADSTS700016\): no application with this client ID/],
  ])('explains a %i %s (AADSTS%i) without the secret', async (status, error, code, reason) => {
    const clock = new VirtualClock();
    const t = transport(
      () => json(200, {}),
      // Even an endpoint that echoed the secret would not get it into the message.
      () =>
        json(status, {
          error,
          error_description: `AADSTS${code}: bad ${SECRET}\r\nTrace ID: x`,
          error_codes: [code],
        }),
    );
    const failure = await client(t.http, clock)
      .getJson('/users')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphSignInError);
    const signIn = failure as GraphSignInError;
    expect(signIn.message).toMatch(/^Microsoft Entra ID refused the sign-in of app app-1 \(/);
    expect(signIn.message).toMatch(reason);
    expect(signIn.aadstsCode).toBe(code);
    expect(signIn.retryable).toBe(false);
    expect(JSON.stringify({ message: signIn.message, detail: signIn.detail })).not.toContain(
      SECRET,
    );
    expect(signIn.detail).toBe(`AADSTS${code}: bad ***`);
    // The credential is refused for the rest of the run: the engine stops, and Entra is not asked again.
    expect(signIn.refusesCredential).toBe(true);
    await expect(client(t.http, clock).getJson('/users')).rejects.toBeInstanceOf(GraphSignInError);
  });

  it('signs in again after a sign-in that failed for a passing reason (a read retries it)', async () => {
    const clock = new VirtualClock();
    const answers = [
      json(503, { error: 'temporarily_unavailable' }, { 'retry-after': '2' }),
      json(200, { access_token: 'tok', expires_in: 3599 }),
    ];
    const t = transport(
      () => json(200, { value: [] }),
      () => answers.shift() as HttpResponse,
    );
    const started = clock.now();
    await expect(clock.run(client(t.http, clock).getJson('/users'))).resolves.toEqual({
      value: [],
    });
    expect(clock.now() - started).toBe(2000);
    expect(t.seen.filter((r) => r.url === TOKEN_URL)).toHaveLength(2);
  });

  it('says so when the token endpoint cannot be reached', async () => {
    const graph = new GraphClient(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }, credentials);
    await expect(graph.token()).rejects.toThrow(
      'Microsoft Entra ID sign-in at login.microsoftonline.com did not answer (ECONNREFUSED)',
    );
  });
});

describe('GraphClient: reads', () => {
  it('follows @odata.nextLink to the end, sending the same headers on every page', async () => {
    const clock = new VirtualClock();
    const t = transport((request) => {
      const url = new URL(request.url);
      const skip = url.searchParams.get('$skiptoken');
      if (!skip)
        return json(200, {
          value: [1, 2],
          '@odata.nextLink': `${GRAPH}/users?$top=2&$skiptoken=p2`,
        });
      if (skip === 'p2')
        return json(200, {
          value: [3, 4],
          '@odata.nextLink': `${GRAPH}/users?$top=2&$skiptoken=p3`,
        });
      return json(200, { value: [5] });
    });
    const graph = client(t.http, clock);
    const pages: number[][] = [];
    for await (const page of graph.pages<number>(
      '/users',
      { $top: 2 },
      { ConsistencyLevel: 'eventual' },
    ))
      pages.push(page);
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    const reads = t.seen.filter((r) => r.url !== TOKEN_URL);
    expect(reads.map((r) => r.headers?.ConsistencyLevel)).toEqual([
      'eventual',
      'eventual',
      'eventual',
    ]);
    expect(reads[0]).toMatchObject({ url: `${GRAPH}/users`, query: { $top: 2 } });
    expect(reads[1]?.query).toBeUndefined();
  });

  it('never sends the token to a link on another host', async () => {
    const clock = new VirtualClock();
    const t = transport(() =>
      json(200, { value: [], '@odata.nextLink': 'https://evil.example/users?$skiptoken=x' }),
    );
    const pages = client(t.http, clock).pages('/users');
    await pages.next();
    await expect(pages.next()).rejects.toThrow(
      'Refusing to send the Graph token to https://evil.example',
    );
    expect(t.seen.some((r) => r.url.startsWith('https://evil.example'))).toBe(false);
  });

  it('retries a read answered 429, 503 or 504, waiting what Retry-After says', async () => {
    const clock = new VirtualClock();
    const answers = [
      json(
        429,
        { error: { code: 'TooManyRequests', message: 'slow down' } },
        { 'retry-after': '7' },
      ),
      json(
        503,
        { error: { code: 'serviceNotAvailable', message: 'later' } },
        { 'retry-after': '2' },
      ),
      json(504, {}, { 'retry-after': '1' }),
      json(200, { value: ['ok'] }),
    ];
    const t = transport(() => answers.shift() as HttpResponse);
    const started = clock.now();
    const body = await clock.run(client(t.http, clock).getJson('/users'));
    expect(body).toEqual({ value: ['ok'] });
    expect(clock.now() - started).toBe(10_000);
  });

  it('turns a non-2xx read into a RemoteError with Graph error code and message, never the token', async () => {
    const clock = new VirtualClock();
    const t = transport(() =>
      json(404, {
        error: { code: 'Request_ResourceNotFound', message: "Resource 'x' does not exist." },
      }),
    );
    const failure = (await client(t.http, clock)
      .getJson('/users/x', { $select: 'id' })
      .catch((e: unknown) => e)) as RemoteError;
    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure.message).toBe(
      'Microsoft Graph at https://graph.microsoft.com answered 404 Request_ResourceNotFound to GET /v1.0/users/x',
    );
    expect(failure.detail).toBe("Request_ResourceNotFound: Resource 'x' does not exist.");
    expect(JSON.stringify(failure)).not.toContain('token-1');
  });

  it('names the missing permission on a 403', async () => {
    const clock = new VirtualClock();
    const t = transport(() =>
      json(403, {
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      }),
    );
    await expect(client(t.http, clock).getJson('/users')).rejects.toThrow(/User\.Read\.All/);
  });
});

describe('GraphClient: writes and $batch', () => {
  it('does not retry a write, and resolves with its status', async () => {
    const clock = new VirtualClock();
    const t = transport(() => json(503, {}));
    const answer = await client(t.http, clock).request({
      method: 'PATCH',
      path: '/users/u1',
      body: { jobTitle: 'x' },
    });
    expect(answer.status).toBe(503);
    expect(t.seen.filter((r) => r.url !== TOKEN_URL)).toHaveLength(1);
  });

  it('posts up to 20 requests to /$batch and hands the answers back in request order', async () => {
    const clock = new VirtualClock();
    const t = transport((request) => {
      if (!request.url.endsWith('/$batch')) return json(204, undefined);
      const { requests } = request.body as { requests: Array<{ id: string; method: string }> };
      const responses = requests.map((r) =>
        r.id === 'b'
          ? {
              id: r.id,
              status: 429,
              headers: { 'Retry-After': '3', 'Content-Type': 'application/json' },
              body: { error: { code: 'TooManyRequests' } },
            }
          : { id: r.id, status: r.method === 'POST' ? 201 : 204, headers: {} },
      );
      return json(200, { responses: responses.reverse() });
    });
    const graph = client(t.http, clock);
    const answers = await graph.batch([
      { id: 'a', method: 'POST', url: '/users', body: { displayName: 'A' } },
      { id: 'b', method: 'POST', url: '/users', body: { displayName: 'B' } },
      { id: 'c', method: 'DELETE', url: '/users/c' },
    ]);
    expect(answers).toEqual([
      { id: 'a', status: 201, headers: {} },
      {
        id: 'b',
        status: 429,
        headers: { 'retry-after': '3', 'content-type': 'application/json' },
        body: { error: { code: 'TooManyRequests' } },
      },
      { id: 'c', status: 204, headers: {} },
    ]);
    const sent = t.seen.find((r) => r.url === `${GRAPH}/$batch`);
    expect((sent?.body as { requests: unknown[] }).requests[0]).toEqual({
      id: 'a',
      method: 'POST',
      url: '/users',
      headers: { 'Content-Type': 'application/json' },
      body: { displayName: 'A' },
    });
    // The 429's Retry-After holds the next write back.
    const started = clock.now();
    await clock.run(graph.request({ method: 'DELETE', path: '/users/d' }));
    expect(clock.now() - started).toBe(3000);
  });

  it('refuses more than 20 requests, or two with one id, before sending anything', async () => {
    const clock = new VirtualClock();
    const t = transport(() => json(200, { responses: [] }));
    const graph = client(t.http, clock);
    const many = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: '/users',
    }));
    await expect(graph.batch(many)).rejects.toThrow('at most 20 requests, got 21');
    await expect(graph.batch([many[0]!, many[0]!])).rejects.toThrow('its own id');
    expect(t.seen).toHaveLength(0);
  });

  it('throws a RemoteError when the batch as a whole fails, or an answer is missing', async () => {
    const clock = new VirtualClock();
    const failing = transport(() =>
      json(400, { error: { code: 'BadRequest', message: 'Invalid batch payload format.' } }),
    );
    await expect(
      client(failing.http, clock).batch([{ id: '1', method: 'DELETE', url: '/users/1' }]),
    ).rejects.toMatchObject({
      status: 400,
      detail: 'BadRequest: Invalid batch payload format.',
    });
    const partial = transport(() => json(200, { responses: [] }));
    await expect(
      client(partial.http, clock).batch([{ id: '1', method: 'DELETE', url: '/users/1' }]),
    ).rejects.toThrow('left request 1 of a $batch unanswered');
  });

  it('paces the inner writes of batches: each counts as one', async () => {
    const clock = new VirtualClock();
    const arrivals: number[] = [];
    const t = transport((request) => {
      const { requests } = request.body as { requests: Array<{ id: string }> };
      arrivals.push(...requests.map(() => clock.now()));
      return json(200, {
        responses: requests.map((r) => ({ id: r.id, status: 204, headers: {} })),
      });
    });
    const graph = client(t.http, clock, { writeLimit: { writes: 40, perMs: 1000 } });
    const batch = (n: number) =>
      graph.batch(
        Array.from({ length: 20 }, (_, i) => ({
          id: `${n}-${i}`,
          method: 'DELETE' as const,
          url: `/users/${n}-${i}`,
        })),
      );
    await clock.run(Promise.all([batch(1), batch(2), batch(3), batch(4), batch(5)]));
    expect(arrivals).toHaveLength(100);
    const start = 1_000_000;
    expect(arrivals.filter((at) => at < start + 1000)).toHaveLength(40);
    expect(arrivals.filter((at) => at >= start + 1000 && at < start + 2000)).toHaveLength(40);
  });
});
