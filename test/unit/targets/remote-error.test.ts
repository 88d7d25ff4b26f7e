import {
  RemoteError,
  describeError,
  isRetryableStatus,
  networkError,
  parseRetryAfter,
} from '../../../src/targets/remote-error';

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['1.5', 1_500],
  ])('reads %j seconds as %i ms', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });

  it('reads an HTTP date as the time from now until then', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:30:00 GMT', now)).toBe(120_000);
  });

  it('reads an HTTP date in the past as no wait', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', 'soon', 'in a minute'])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 400, 401, 403, 404, 409, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('networkError', () => {
  const withCode = (code: string) =>
    Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])(
    'names the target and the code %s, and calls it retryable',
    (code) => {
      const error = networkError('The SCIM platform at https://scim.example', withCode(code));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.message).toBe(
        `The SCIM platform at https://scim.example did not answer (${code})`,
      );
      expect(error.retryable).toBe(true);
      expect(error.status).toBeUndefined();
    },
  );

  it('calls an unknown code (a bad host name) not retryable', () => {
    const error = networkError('The platform', withCode('ENOTFOUND'));
    expect(error.message).toBe('The platform did not answer (ENOTFOUND)');
    expect(error.retryable).toBe(false);
  });

  it('uses the message of an error without a code, and retries it', () => {
    const error = networkError('The platform', new Error('socket hang up'));
    expect(error.message).toBe('The platform did not answer (socket hang up)');
    expect(error.retryable).toBe(true);
  });

  it('accepts a thrown value that is not an Error', () => {
    expect(networkError('The platform', 'boom').message).toBe('The platform did not answer (boom)');
  });
});

describe('RemoteError', () => {
  it('keeps status, retryable, Retry-After and detail', () => {
    const error = new RemoteError('x answered 429', {
      status: 429,
      retryable: true,
      retryAfterMs: 2_000,
      detail: 'slow down',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RemoteError');
    expect([error.status, error.retryable, error.retryAfterMs, error.detail]).toEqual([
      429,
      true,
      2_000,
      'slow down',
    ]);
  });

  it.each([
    [401, true],
    [403, true],
    [404, false],
    [500, false],
    [undefined, false],
  ])('calls status %p an authentication failure: %p', (status, expected) => {
    const error = new RemoteError('x', {
      retryable: false,
      ...(status !== undefined ? { status } : {}),
    });
    expect(error.isAuthFailure).toBe(expected);
  });
});

describe('describeError', () => {
  it('joins a RemoteError message and the server detail', () => {
    const error = new RemoteError('x answered 400', { retryable: false, detail: 'bad email' });
    expect(describeError(error)).toBe('x answered 400: bad email');
  });

  it('gives the message alone without a detail, and any other value as text', () => {
    expect(describeError(new RemoteError('x answered 500', { retryable: true }))).toBe(
      'x answered 500',
    );
    expect(describeError(new TypeError('oops'))).toBe('oops');
    expect(describeError(42)).toBe('42');
  });
});
