import { isWrite, type PlannedAction, type SyncPlan } from '../plan/sync-plan';
import type { Directory, DirectoryWrite } from '../targets/directory';
import { RemoteError, describeError } from '../targets/remote-error';
import type { UserOutcome } from './outcome';
import {
  DEFAULT_RETRY,
  attemptsOf,
  realSleep,
  withRetry,
  type RetryPolicy,
  type Sleep,
} from './retry';
import { runLimited } from './run-limited';

export interface ApplyOptions {
  concurrency?: number;
  retry?: RetryPolicy;
  /** Use the target's bulk request when it offers one (default true). */
  useBulk?: boolean;
  sleep?: Sleep;
}

/**
 * Runs a plan against a directory. A user whose write fails after the retries becomes a
 * failed outcome with its reason and the others go on; only an authentication failure,
 * which no other write would survive, stops the run.
 */
export async function applyPlan(
  plan: SyncPlan,
  directory: Directory,
  options: ApplyOptions = {},
): Promise<UserOutcome[]> {
  return applyWrites(
    plan.actions.map((action) => ({
      outcome: settledOutcome(action),
      ...(isWrite(action) ? { write: action } : {}),
    })),
    directory,
    options,
  );
}

/** One entry per user: its outcome so far, and the write to make, if any. */
export interface WriteEntry {
  outcome: UserOutcome;
  write?: DirectoryWrite;
}

/** Makes the writes (in bulk where the target offers it) and returns every entry's outcome. */
export async function applyWrites(
  entries: readonly WriteEntry[],
  directory: Directory,
  options: ApplyOptions = {},
): Promise<UserOutcome[]> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const outcomes: UserOutcome[] = entries.map((entry) => entry.outcome);
  const pending = entries
    .map((entry, index) => ({ index, write: entry.write }))
    .filter(
      (entry): entry is { index: number; write: DirectoryWrite } => entry.write !== undefined,
    );

  const bulk = options.useBulk === false ? undefined : (await directory.capabilities()).bulk;
  if (bulk && directory.writeBulk && pending.length > 1) {
    await applyInBulk(pending, outcomes, directory, bulk.maxOperations, { retry, sleep });
  } else {
    await runLimited(pending, options.concurrency ?? 4, async ({ index, write }) => {
      outcomes[index] = await writeOne(
        write,
        outcomes[index] as UserOutcome,
        directory,
        retry,
        sleep,
      );
    });
  }
  return outcomes;
}

/** A dry run: the outcomes before anything is written, every write still `planned`. */
export function planOutcomes(plan: SyncPlan): UserOutcome[] {
  return plan.actions.map(settledOutcome);
}

function settledOutcome(action: PlannedAction): UserOutcome {
  switch (action.kind) {
    case 'create':
      return { externalId: action.externalId, action: 'create', status: 'planned' };
    case 'update':
    case 'reactivate':
      return {
        externalId: action.externalId,
        action: action.kind,
        status: 'planned',
        userId: action.user.id,
        changes: action.changes,
      };
    case 'unchanged':
      return {
        externalId: action.externalId,
        action: 'unchanged',
        status: 'unchanged',
        userId: action.user.id,
      };
    case 'skip':
      return {
        externalId: action.externalId,
        action: 'skip',
        status: 'skipped',
        reason: action.reason,
        ...(action.held ? { held: true as const } : {}),
      };
  }
}

async function writeOne(
  write: DirectoryWrite,
  planned: UserOutcome,
  directory: Directory,
  retry: RetryPolicy,
  sleep: Sleep,
): Promise<UserOutcome> {
  try {
    const { value, attempts } = await withRetry(() => directory.write(write), retry, sleep);
    return { ...planned, status: 'succeeded', userId: value, attempts };
  } catch (error) {
    if (error instanceof RemoteError && error.isAuthFailure) throw error;
    return failedOutcome(planned, error);
  }
}

function failedOutcome(planned: UserOutcome, error: unknown): UserOutcome {
  return {
    ...planned,
    status: 'failed',
    reason: describeError(error),
    ...(error instanceof RemoteError && error.status !== undefined
      ? { httpStatus: error.status }
      : {}),
    attempts: attemptsOf(error),
  };
}

interface Pending {
  index: number;
  write: DirectoryWrite;
}

/**
 * Sends the writes in requests of at most `maxOperations`. Operations the server failed
 * with a retryable status go again in the next round, after the backoff, so one throttled
 * user does not resend the whole batch.
 */
async function applyInBulk(
  pending: Pending[],
  outcomes: UserOutcome[],
  directory: Directory,
  maxOperations: number,
  { retry, sleep }: { retry: RetryPolicy; sleep: Sleep },
): Promise<void> {
  const writeBulk = directory.writeBulk?.bind(directory);
  if (!writeBulk) return;
  let round = pending;
  for (let attempt = 1; round.length > 0; attempt += 1) {
    const again: Array<{ entry: Pending; error: RemoteError }> = [];
    for (let start = 0; start < round.length; start += Math.max(1, maxOperations)) {
      const chunk = round.slice(start, start + Math.max(1, maxOperations));
      const settled = await sendChunk(chunk, writeBulk);
      settled.forEach((result, position) => {
        const entry = chunk[position] as Pending;
        const planned = outcomes[entry.index] as UserOutcome;
        if (result.status === 'fulfilled') {
          outcomes[entry.index] = {
            ...planned,
            status: 'succeeded',
            userId: result.value,
            attempts: attempt,
          };
          return;
        }
        const error = result.reason as unknown;
        const waitable =
          !(error instanceof RemoteError) || (error.retryAfterMs ?? 0) <= retry.maxRetryAfterMs;
        if (
          error instanceof RemoteError &&
          error.retryable &&
          waitable &&
          attempt < retry.maxAttempts
        ) {
          again.push({ entry, error });
        } else {
          outcomes[entry.index] = failedOutcome(
            planned,
            Object.assign(toError(error), { attempts: attempt }),
          );
        }
      });
    }
    if (again.length > 0) {
      const waits = again.map(({ error }) => error.retryAfterMs ?? 0);
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.max(backoff, ...waits));
    }
    round = again.map(({ entry }) => entry);
  }
}

/** One try; a request that failed as a whole fails each of its writes, for the next round to retry. */
async function sendChunk(
  chunk: Pending[],
  writeBulk: NonNullable<Directory['writeBulk']>,
): Promise<Array<PromiseSettledResult<string>>> {
  try {
    return await writeBulk(chunk.map((entry) => entry.write));
  } catch (error) {
    if (error instanceof RemoteError && error.isAuthFailure) throw error;
    return chunk.map(() => ({ status: 'rejected', reason: error }));
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
