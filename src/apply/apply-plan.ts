import { isWrite, type PlannedAction, type SyncPlan } from '../plan/sync-plan';
import type { Directory, DirectoryWrite } from '../targets/directory';
import { RemoteError, describeError } from '../targets/remote-error';
import { createMayExist, findCreatedUser } from './landed-create';
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
 * failed outcome with its reason and the others go on; a 403 on one user's write is that
 * user's failure (the platform protects the account). Only a refused credential (401)
 * stops the run: see applyWritesReport.
 */
export async function applyPlan(
  plan: SyncPlan,
  directory: Directory,
  options: ApplyOptions = {},
): Promise<UserOutcome[]> {
  return (await applyPlanReport(plan, directory, options)).outcomes;
}

/** applyPlan, with how the run stopped when the platform refused the credential midway. */
export async function applyPlanReport(
  plan: SyncPlan,
  directory: Directory,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  return applyWritesReport(
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

/** The platform refused the credential after some writes had been made. */
export interface ApplyStop {
  /** The refusal (a 401, or a 401/403 to a bulk request as a whole). */
  error: RemoteError;
  /** Writes that succeeded in this run before it stopped. */
  writesMade: number;
  /** Users whose write was not attempted: `failed`, with a reason that says so. */
  notAttempted: number;
  /** For the admin: what happened, how many writes were made, what to do. */
  message: string;
}

export interface ApplyReport {
  /** Every entry's outcome, in the entries' order. */
  outcomes: UserOutcome[];
  /** Set when a refused credential stopped the writes after some had succeeded. */
  stopped?: ApplyStop;
}

/** Makes the writes (in bulk where the target offers it) and returns every entry's outcome. */
export async function applyWrites(
  entries: readonly WriteEntry[],
  directory: Directory,
  options: ApplyOptions = {},
): Promise<UserOutcome[]> {
  return (await applyWritesReport(entries, directory, options)).outcomes;
}

/**
 * Makes the writes and reports every outcome. When the platform refuses the credential
 * (401), no new write starts; the writes in flight settle. If none had succeeded by then,
 * the refusal is thrown: nothing was written. Otherwise every outcome so far is returned,
 * the users not attempted are `failed` with "not attempted: ...", and `stopped` says how
 * many writes were made.
 */
export async function applyWritesReport(
  entries: readonly WriteEntry[],
  directory: Directory,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const outcomes: UserOutcome[] = entries.map((entry) => entry.outcome);
  const pending = entries
    .map((entry, index) => ({ index, write: entry.write }))
    .filter(
      (entry): entry is { index: number; write: DirectoryWrite } => entry.write !== undefined,
    );

  let refusal: RemoteError | undefined;
  const bulk = options.useBulk === false ? undefined : (await directory.capabilities()).bulk;
  if (bulk && directory.writeBulk && pending.length > 1) {
    refusal = await applyInBulk(pending, outcomes, directory, bulk.maxOperations, {
      retry,
      sleep,
    });
  } else {
    await runLimited(pending, options.concurrency ?? 4, async ({ index, write }) => {
      if (refusal) return;
      const planned = outcomes[index] as UserOutcome;
      try {
        outcomes[index] = await writeOne(write, planned, directory, retry, sleep);
      } catch (error) {
        if (!refusesCredential(error)) throw error;
        refusal ??= error;
        outcomes[index] = failedOutcome(planned, error);
      }
    });
  }
  if (!refusal) return { outcomes };
  return { outcomes, stopped: stopAfterRefusal(refusal, pending, outcomes, directory.label) };
}

/** Throws the refusal when nothing was written; else marks the rest not attempted. */
function stopAfterRefusal(
  error: RemoteError,
  pending: readonly Pending[],
  outcomes: UserOutcome[],
  label: string,
): ApplyStop {
  const writesMade = pending.filter(({ index }) => outcomes[index]?.status === 'succeeded').length;
  if (writesMade === 0) throw error;
  const status = error.status ?? 401;
  const writes = writesMade === 1 ? '1 write' : `${writesMade} writes`;
  const reason = `not attempted: the platform refused the credential (${status}) after ${writes}`;
  let notAttempted = 0;
  for (const { index } of pending) {
    const outcome = outcomes[index] as UserOutcome;
    if (outcome.status !== 'planned') continue;
    outcomes[index] = { ...outcome, status: 'failed', reason, attempts: 0 };
    notAttempted += 1;
  }
  const users = notAttempted === 1 ? '1 user was' : `${notAttempted} users were`;
  const message =
    `${label} refused the credential (${status}) after ${writes} had been made in this run: ` +
    `${users} not attempted. Check the token or API key in the credential, then run again; ` +
    `the next run writes only what is still missing.`;
  return { error, writesMade, notAttempted, message };
}

function refusesCredential(error: unknown): error is RemoteError {
  return error instanceof RemoteError && error.refusesCredential;
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

/**
 * One user's write with its retries. A create whose try may have landed (timeout, reset,
 * 5xx) is looked up by external ID before it is sent again, and a create answered 409 is
 * looked up at once: found, the create is done, with that user's id.
 */
async function writeOne(
  write: DirectoryWrite,
  planned: UserOutcome,
  directory: Directory,
  retry: RetryPolicy,
  sleep: Sleep,
): Promise<UserOutcome> {
  let lookFirst = false;
  const attempt = async (): Promise<string> => {
    if (lookFirst) {
      const found = await findCreatedUser(directory, write);
      if (found !== undefined) return found;
    }
    try {
      return await directory.write(write);
    } catch (error) {
      if (!createMayExist(write, error)) throw error;
      if ((error as RemoteError).status === 409) {
        const found = await findCreatedUser(directory, write);
        if (found !== undefined) return found;
      } else {
        lookFirst = true;
      }
      throw error;
    }
  };
  try {
    const { value, attempts } = await withRetry(attempt, retry, sleep);
    return { ...planned, status: 'succeeded', userId: value, attempts };
  } catch (error) {
    if (refusesCredential(error)) throw error;
    return failedOutcome(planned, error);
  }
}

function failedOutcome(planned: UserOutcome, error: unknown): UserOutcome {
  const forbidden = error instanceof RemoteError && error.isForbidden;
  return {
    ...planned,
    status: 'failed',
    reason: forbidden
      ? `forbidden: the platform protects this account (${describeError(error)})`
      : describeError(error),
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
 * user does not resend the whole batch; a create among them that may have landed is looked
 * up first. Resolves with the refusal that stopped it, if the credential was refused.
 */
async function applyInBulk(
  pending: Pending[],
  outcomes: UserOutcome[],
  directory: Directory,
  maxOperations: number,
  { retry, sleep }: { retry: RetryPolicy; sleep: Sleep },
): Promise<RemoteError | undefined> {
  const writeBulk = directory.writeBulk?.bind(directory);
  if (!writeBulk) return undefined;
  const size = Math.max(1, maxOperations);
  let round: Array<{ entry: Pending; lookFirst: boolean }> = pending.map((entry) => ({
    entry,
    lookFirst: false,
  }));
  for (let attempt = 1; round.length > 0; attempt += 1) {
    const toSend: Pending[] = [];
    try {
      await runLimited(round, 4, async ({ entry, lookFirst }) => {
        const found = lookFirst ? await findCreatedUser(directory, entry.write) : undefined;
        if (found === undefined) toSend.push(entry);
        else outcomes[entry.index] = succeeded(outcomes[entry.index], found, attempt);
      });
    } catch (error) {
      if (refusesCredential(error)) return error;
      throw error;
    }
    toSend.sort((a, b) => a.index - b.index);
    const again: Array<{ entry: Pending; error: RemoteError }> = [];
    for (let start = 0; start < toSend.length; start += size) {
      const chunk = toSend.slice(start, start + size);
      let settled: Array<PromiseSettledResult<string>>;
      try {
        settled = await sendChunk(chunk, writeBulk);
      } catch (error) {
        if (error instanceof RemoteError) return error;
        throw error;
      }
      for (const [position, result] of settled.entries()) {
        const entry = chunk[position] as Pending;
        const planned = outcomes[entry.index] as UserOutcome;
        if (result.status === 'fulfilled') {
          outcomes[entry.index] = succeeded(planned, result.value, attempt);
          continue;
        }
        const error = result.reason as unknown;
        if (error instanceof RemoteError && error.status === 409 && entry.write.kind === 'create') {
          const found = await findCreatedUser(directory, entry.write).catch(() => undefined);
          if (found !== undefined) {
            outcomes[entry.index] = succeeded(planned, found, attempt);
            continue;
          }
        }
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
      }
    }
    if (again.length > 0) {
      const waits = again.map(({ error }) => error.retryAfterMs ?? 0);
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.max(backoff, ...waits));
    }
    round = again.map(({ entry, error }) => ({
      entry,
      lookFirst: createMayExist(entry.write, error),
    }));
  }
  return undefined;
}

function succeeded(
  planned: UserOutcome | undefined,
  userId: string,
  attempts: number,
): UserOutcome {
  return { ...(planned as UserOutcome), status: 'succeeded', userId, attempts };
}

/**
 * One try; a request that failed as a whole fails each of its writes, for the next round to
 * retry. A whole request refused with 401 or 403 is thrown: the credential may not write.
 */
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
