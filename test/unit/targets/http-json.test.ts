import type { HttpRequest } from '../../../src/http/http-client';
import { callTarget, serverDetail, statusError } from '../../../src/targets/http-json';
import { RemoteError, describeError } from '../../../src/targets/remote-error';
import { fakeHttp } from './fake-http';

const LABEL = 'The platform API at https://api.example.com';

async function rejection(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }
  throw new Error('expected a rejection');
}

describe('callTarget', () => {
  it('sends the request as given and resolves with a 2xx answer', async () => {
    const { http, requests } = fakeHttp(() => ({ status: 201, body: { id: '7' } }));
    const request: HttpRequest = {
      method: 'POST',
      url: 'https://api.example.com/users.json',
      body: { first_name: 'Jan' },
    };
    await expect(callTarget(http, LABEL, request)).resolves.toEqual({
      status: 201,
      headers: {},
      body: { id: '7' },
    });
    expect(requests).toEqual([request]);
  });

  it('turns a non-2xx answer into a RemoteError naming label, status, method and path', async () => {
    const { http } = fakeHttp(() => ({ status: 422, body: { message: 'email is invalid' } }));
    const error = await rejection(
      callTarget(http, LABEL, { method: 'POST', url: 'https://api.example.com/v1/users.json' }),
    );
    expect(error.message).toBe(`${LABEL} answered 422 to POST /v1/users.json`);
    expect(error.status).toBe(422);
    expect(error.retryable).toBe(false);
    expect(error.detail).toBe('email is invalid');
  });

  it.each([
    [429, '3', 3_000],
    [503, '120', 120_000],
  ])('calls %i retryable and carries its Retry-After %j', async (status, header, ms) => {
    const { http } = fakeHttp(() => ({ status, headers: { 'retry-after': header } }));
    const error = await rejection(
      callTarget(http, LABEL, { method: 'GET', url: 'https://api.example.com/users.json' }),
    );
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(ms);
    expect(error.detail).toBeUndefined();
  });

  it('leaves retryAfterMs unset without a Retry-After header', async () => {
    const { http } = fakeHttp(() => ({ status: 502 }));
    const error = await rejection(
      callTarget(http, LABEL, { method: 'GET', url: 'https://api.example.com/users.json' }),
    );
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('never puts the query string in the message, in a URL or in the query', async () => {
    const { http } = fakeHttp(() => ({ status: 500, body: 'internal error' }));
    const error = await rejection(
      callTarget(http, LABEL, {
        method: 'GET',
        url: 'https://api.example.com/users.json?api_key=SECRET',
        query: { api_key: 'SECRET', page: 2 },
      }),
    );
    expect(error.message).toBe(`${LABEL} answered 500 to GET /users.json`);
    expect(describeError(error)).not.toContain('SECRET');
    expect(describeError(error)).not.toContain('?');
  });

  it('never puts user info of the URL in the message', () => {
    const error = statusError(
      LABEL,
      { method: 'GET', url: 'https://admin:SECRET@api.example.com/users.json' },
      { status: 500, headers: {}, body: undefined },
    );
    expect(error.message).toBe(`${LABEL} answered 500 to GET /users.json`);
  });

  it('drops the query string of a URL it cannot parse too', () => {
    const error = statusError(
      LABEL,
      { method: 'GET', url: '/users.json?api_key=SECRET' },
      { status: 404, headers: {}, body: undefined },
    );
    expect(error.message).toBe(`${LABEL} answered 404 to GET /users.json`);
  });

  it.each([401, 403])('hints at the credential on %i', async (status) => {
    const { http } = fakeHttp(() => ({ status, body: { error: 'invalid token' } }));
    const error = await rejection(
      callTarget(http, LABEL, { method: 'GET', url: 'https://api.example.com/users.json' }),
    );
    expect(error.message).toBe(
      `${LABEL} answered ${status} to GET /users.json: the credential was refused; check the token or API key in the credential`,
    );
    expect(error.isAuthFailure).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('gives no credential hint on other statuses', async () => {
    const { http } = fakeHttp(() => ({ status: 404 }));
    const error = await rejection(
      callTarget(http, LABEL, { method: 'GET', url: 'https://api.example.com/users.json' }),
    );
    expect(error.message).not.toContain('credential');
  });

  it('accepts what the accept function accepts', async () => {
    const { http } = fakeHttp(() => ({ status: 404 }));
    const response = await callTarget(
      http,
      LABEL,
      { method: 'GET', url: 'https://api.example.com/users.json' },
      (status) => status === 404,
    );
    expect(response.status).toBe(404);
  });

  it('turns a request that got no answer into a retryable network RemoteError', async () => {
    const { http } = fakeHttp(() =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    );
    const error = await rejection(
      callTarget(http, LABEL, { method: 'GET', url: 'https://api.example.com/users.json' }),
    );
    expect(error.message).toBe(`${LABEL} did not answer (ECONNREFUSED)`);
    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
  });
});

describe('serverDetail', () => {
  it.each([undefined, null, ''])('gives undefined for %j', (body) => {
    expect(serverDetail(body)).toBeUndefined();
  });

  it('takes text as it is, spaces collapsed', () => {
    expect(serverDetail('  bad\n\trequest  ')).toBe('bad request');
    expect(serverDetail(Buffer.from('from bytes'))).toBe('from bytes');
  });

  it('prefers SCIM detail, then message, then error', () => {
    expect(serverDetail({ detail: 'scim says', message: 'm', error: 'e' })).toBe('scim says');
    expect(serverDetail({ message: 'rest says', error: 'e' })).toBe('rest says');
    expect(serverDetail({ error: 'oauth says' })).toBe('oauth says');
  });

  it('gives a REST API errors as JSON', () => {
    expect(serverDetail({ errors: { email: ['is taken'] } })).toBe('{"email":["is taken"]}');
  });

  it('gives any other JSON as JSON', () => {
    expect(serverDetail({ code: 17 })).toBe('{"code":17}');
    expect(serverDetail([1, 2])).toBe('[1,2]');
  });

  it('shortens a long answer to 300 characters', () => {
    const detail = serverDetail('x'.repeat(1_000));
    expect(detail).toHaveLength(300);
    expect(detail).toBe(`${'x'.repeat(297)}...`);
    expect(serverDetail('y'.repeat(300))).toBe('y'.repeat(300));
  });
});
