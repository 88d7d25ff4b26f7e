import {
  DEFAULT_RETRY,
  attemptsOf,
  retryDelay,
  withRetry,
  type RetryPolicy,
} from '../../../src/apply/retry';
import { RemoteError } from '../../../src/targets/remote-error';
import { recordingSleep, rejection } from './memory-directory';

const POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
};

const throttled = (retryAfterMs?: number) =>
  new RemoteError('The platform answered 429', {
    status: 429,
    retryable: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

/** A call that fails with the given errors in turn, then resolves with `value`. */
function failingCall<T>(
  errors: unknown[],
  value: T,
): { call: () => Promise<T>; calls: () => number } {
  let count = 0;
  return {
    calls: () => count,
    call: () => {
      const error = errors[count];
      count += 1;
      return error === undefined ? Promise.resolve(value) : Promise.reject(error);
    },
  };
}

describe('withRetry', () => {
  it('returns the first answer with attempts 1 and does not sleep', async () => {
    const { sleep, delays } = recordingSleep();
    await expect(withRetry(() => Promise.resolve('ok'), POLICY, sleep)).resolves.toEqual({
      value: 'ok',
      attempts: 1,
    });
    expect(delays).toEqual([]);
  });

  it('retries a retryable RemoteError and reports the attempts it took', async () => {
    const { sleep, delays } = recordingSleep();
    const { call, calls } = failingCall([throttled(), throttled()], 'id-1');
    await expect(withRetry(call, POLICY, sleep)).resolves.toEqual({ value: 'id-1', attempts: 3 });
    expect(calls()).toBe(3);
    expect(delays).toHaveLength(2);
    // Backoff with jitter: the n-th wait lies between half and all of base * 2^(n-1).
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after maxAttempts tries and sets attempts on the thrown error', async () => {
    const { sleep, delays } = recordingSleep();
    const errors = Array.from({ length: 10 }, () => throttled());
    const { call, calls } = failingCall(errors, 'never');
    const error = await rejection(withRetry(call, POLICY, sleep));
    expect(error).toBe(errors[3]);
    expect(attemptsOf(error)).toBe(4);
    expect((error as { attempts: number }).attempts).toBe(4);
    expect(calls()).toBe(4);
    expect(delays).toHaveLength(3);
  });

  it('waits exactly what Retry-After asked for', async () => {
    const { sleep, delays } = recordingSleep();
    const { call } = failingCall([throttled(2_500), throttled(0)], 'ok');
    await expect(withRetry(call, POLICY, sleep)).resolves.toEqual({ value: 'ok', attempts: 3 });
    expect(delays).toEqual([2_500, 0]);
  });

  it('does not retry a non-retryable RemoteError', async () => {
    const { sleep, delays } = recordingSleep();
    const conflict = new RemoteError('The platform answered 409', {
      status: 409,
      retryable: false,
    });
    const { call, calls } = failingCall([conflict], 'never');
    const error = await rejection(withRetry(call, POLICY, sleep));
    expect(error).toBe(conflict);
    expect(attemptsOf(error)).toBe(1);
    expect(calls()).toBe(1);
    expect(delays).toEqual([]);
  });

  it('does not retry an error that is not a RemoteError', async () => {
    const { sleep, delays } = recordingSleep();
    const { call, calls } = failingCall([new TypeError('bug')], 'never');
    const error = await rejection(withRetry(call, POLICY, sleep));
    expect(error).toBeInstanceOf(TypeError);
    expect(attemptsOf(error)).toBe(1);
    expect(calls()).toBe(1);
    expect(delays).toEqual([]);
  });

  it('wraps a thrown non-Error in an Error carrying attempts', async () => {
    const { sleep } = recordingSleep();
    const { call } = failingCall(['plain text'], 'never');
    const error = await rejection(withRetry(call, POLICY, sleep));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('plain text');
    expect(attemptsOf(error)).toBe(1);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const { sleep, delays } = recordingSleep();
    const tooLong = throttled(POLICY.maxRetryAfterMs + 1);
    const { call, calls } = failingCall([throttled(), tooLong], 'never');
    const error = await rejection(withRetry(call, POLICY, sleep));
    expect(error).toBe(tooLong);
    expect(attemptsOf(error)).toBe(2);
    expect(calls()).toBe(2);
    expect(delays).toHaveLength(1);
  });

  it('still waits a Retry-After equal to maxRetryAfterMs', async () => {
    const { sleep, delays } = recordingSleep();
    const { call } = failingCall([throttled(POLICY.maxRetryAfterMs)], 'ok');
    await expect(withRetry(call, POLICY, sleep)).resolves.toEqual({ value: 'ok', attempts: 2 });
    expect(delays).toEqual([POLICY.maxRetryAfterMs]);
  });

  it('makes one try only when maxAttempts is 1', async () => {
    const { sleep, delays } = recordingSleep();
    const { call, calls } = failingCall([throttled()], 'never');
    const error = await rejection(withRetry(call, { ...POLICY, maxAttempts: 1 }, sleep));
    expect(attemptsOf(error)).toBe(1);
    expect(calls()).toBe(1);
    expect(delays).toEqual([]);
  });
});

describe('retryDelay', () => {
  const error = throttled();

  it('uses the server Retry-After when there is one, whatever the attempt', () => {
    expect(retryDelay(1, throttled(7_000), POLICY, () => 0.5)).toBe(7_000);
    expect(retryDelay(9, throttled(0), POLICY, () => 0.5)).toBe(0);
  });

  it('stays between half and all of the exponential ceiling', () => {
    // attempt 1: ceiling 100; attempt 3: ceiling 400.
    expect(retryDelay(1, error, POLICY, () => 0)).toBe(50);
    expect(retryDelay(1, error, POLICY, () => 0.999999)).toBe(100);
    expect(retryDelay(3, error, POLICY, () => 0)).toBe(200);
    expect(retryDelay(3, error, POLICY, () => 0.5)).toBe(300);
    expect(retryDelay(3, error, POLICY, () => 0.999999)).toBe(400);
  });

  it('caps the ceiling at maxDelayMs', () => {
    expect(retryDelay(20, error, POLICY, () => 0)).toBe(500);
    expect(retryDelay(20, error, POLICY, () => 0.999999)).toBe(1_000);
  });

  it('stays within the bounds for any random number', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
      for (const random of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
        const delay = retryDelay(attempt, error, POLICY, () => random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('defaults to 5 tries, 30 s backoff at most and 2 minutes of Retry-After at most', () => {
    expect(DEFAULT_RETRY).toEqual({
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 120_000,
    });
  });
});

describe('attemptsOf', () => {
  it('reads attempts from an error, and counts 1 when it has none', () => {
    expect(attemptsOf(Object.assign(new Error('x'), { attempts: 3 }))).toBe(3);
    expect(attemptsOf(new Error('x'))).toBe(1);
    expect(attemptsOf(null)).toBe(1);
    expect(attemptsOf('text')).toBe(1);
  });
});
