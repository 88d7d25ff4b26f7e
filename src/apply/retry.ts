import { RemoteError } from '../targets/remote-error';

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails with the server's reason. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait before try `attempt + 1`: the server's Retry-After when it gave one,
 * else exponential backoff with "equal jitter" (between half and all of the ceiling), so
 * many workers hitting one limit spread out.
 */
export function retryDelay(
  attempt: number,
  error: RemoteError,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryResult<T> {
  value: T;
  attempts: number;
}

/** Runs `call`, retrying what a RemoteError calls retryable; rethrows with `attempts` set. */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep = realSleep,
): Promise<RetryResult<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (error) {
      const retryable = error instanceof RemoteError && error.retryable;
      const last = attempt >= policy.maxAttempts;
      const delay = retryable ? retryDelay(attempt, error, policy) : 0;
      if (!retryable || last || delay > policy.maxRetryAfterMs) {
        throw Object.assign(error instanceof Error ? error : new Error(String(error)), {
          attempts: attempt,
        });
      }
      await sleep(delay);
    }
  }
}

export function attemptsOf(error: unknown): number {
  const attempts = (error as { attempts?: unknown } | null)?.attempts;
  return typeof attempts === 'number' ? attempts : 1;
}
