import { GoogleApi } from '../../../src/google/google-api';
import { googleError, googleErrorInfo } from '../../../src/google/google-error';
import type { GoogleTokenSource } from '../../../src/google/token-source';
import type { HttpRequest } from '../../../src/http/http-client';
import { RemoteError } from '../../../src/targets/remote-error';
import type { Sleep } from '../../../src/apply/retry';
import { answersInTurn, fakeHttp, type Answer } from '../targets/fake-http';

function adminError(code: number, reason: string, message = reason) {
  return {
    status: code,
    body: { error: { code, message, errors: [{ reason, message, domain: 'usageLimits' }] } },
  };
}

function countingTokens(): GoogleTokenSource & { invalidated: string[] } {
  let issued = 0;
  const invalidated: string[] = [];
  return {
    identity: 'the service account test',
    invalidated,
    accessToken: async () => `token-${++issued}`,
    invalidate: (token) => invalidated.push(token),
  };
}

const noWait: Sleep = async () => undefined;
const retry = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };

function api(respond: (request: HttpRequest) => Answer, sleep: Sleep = noWait) {
  const { http, requests } = fakeHttp(respond);
  const tokens = countingTokens();
  const client = new GoogleApi(http, tokens, {
    label: 'Directory API at admin.example',
    rootUrl: 'https://admin.example/',
    scopes: ['scope'],
    readRetry: retry,
    sleep,
  });
  return { client, requests, tokens };
}

describe('GoogleApi', () => {
  it('sends the bearer token to the path below the root', async () => {
    const { client, requests } = api(() => ({ status: 200, body: { ok: true } }));
    expect(await client.getJson('admin/directory/v1/users', { customer: 'my_customer' })).toEqual({
      ok: true,
    });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      url: 'https://admin.example/admin/directory/v1/users',
      query: { customer: 'my_customer' },
      headers: { authorization: 'Bearer token-1' },
    });
  });

  it('on a 401 forgets the token and tries once more with a new one', async () => {
    const { client, requests, tokens } = api(
      answersInTurn({ status: 401, body: {} }, { status: 200, body: 'ok' }),
    );
    expect(await client.getJson('x')).toBe('ok');
    expect(tokens.invalidated).toEqual(['token-1']);
    expect(requests.map((request) => request.headers?.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('gives up after the second 401: a refused credential', async () => {
    const { client, requests } = api(() => ({ status: 401, body: {} }));
    await expect(client.getJson('x')).rejects.toMatchObject({
      status: 401,
      refusesCredential: true,
    });
    expect(requests).toHaveLength(2);
  });

  it.each([
    ['403 userRateLimitExceeded', adminError(403, 'userRateLimitExceeded')],
    ['403 quotaExceeded', adminError(403, 'quotaExceeded')],
    ['429 rateLimitExceeded', adminError(429, 'rateLimitExceeded')],
    ['503', { status: 503, body: {} }],
  ])('retries a read answered %s with backoff and jitter', async (_, failure) => {
    const sleeps: number[] = [];
    const { client, requests } = api(
      answersInTurn(failure, failure, { status: 200, body: 'ok' }),
      async (ms) => {
        sleeps.push(ms);
      },
    );
    expect(await client.getJson('x')).toBe('ok');
    expect(requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('does not retry a 403 forbidden: the admin may not do this', async () => {
    const { client, requests } = api(() =>
      adminError(403, 'forbidden', 'Not Authorized to access this resource/api'),
    );
    const error = (await client.getJson('x').catch((caught: unknown) => caught)) as RemoteError;
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(error.detail).toBe('Not Authorized to access this resource/api');
    expect(requests).toHaveLength(1);
  });

  it('never retries a write itself: that is the apply stage', async () => {
    const { client, requests } = api(() => adminError(403, 'userRateLimitExceeded'));
    await expect(client.call({ method: 'POST', path: 'x', body: {} })).rejects.toMatchObject({
      retryable: true,
      status: 429,
    });
    expect(requests).toHaveLength(1);
  });
});

describe('googleError', () => {
  const request = {
    method: 'PATCH' as const,
    url: 'https://admin.example/admin/directory/v1/users/1?x=secret',
  };

  it('keeps the 403 and the reason in the message, and status 429 for throttling', () => {
    const error = googleError('Directory API', request, {
      headers: {},
      ...adminError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
    });
    expect(error.message).toBe(
      'Directory API answered 403 (userRateLimitExceeded) to PATCH /admin/directory/v1/users/1',
    );
    expect(error).toMatchObject({
      status: 429,
      retryable: true,
      detail: 'User Rate Limit Exceeded',
    });
    expect(error.isForbidden).toBe(false);
  });

  it('reads the newer error shape (status, details[].reason) and Retry-After', () => {
    const body = {
      error: {
        code: 429,
        message: 'Quota exceeded',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ reason: 'RATE_LIMIT_EXCEEDED' }],
      },
    };
    expect(googleErrorInfo(body)).toEqual({
      code: 429,
      message: 'Quota exceeded',
      reason: 'RATE_LIMIT_EXCEEDED',
      status: 'RESOURCE_EXHAUSTED',
    });
    const error = googleError('Sheets', request, {
      status: 429,
      headers: { 'retry-after': '7' },
      body,
    });
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it('leaves dailyLimitExceeded and a 404 non-retryable', () => {
    expect(
      googleError('D', request, { headers: {}, ...adminError(403, 'dailyLimitExceeded') })
        .retryable,
    ).toBe(false);
    expect(
      googleError('D', request, { headers: {}, ...adminError(404, 'notFound') }),
    ).toMatchObject({ status: 404, retryable: false });
  });
});
