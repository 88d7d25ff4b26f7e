/**
 * How a run ends when the platform refuses the credential midway (401), protects one
 * account (403), or loses the answer to a create that landed.
 */
import { applyPlanReport } from '../../../src/apply/apply-plan';
import type { RetryPolicy } from '../../../src/apply/retry';
import { upsertUsers } from '../../../src/apply/upsert-users';
import type { PlannedAction, SyncPlan } from '../../../src/plan/sync-plan';
import type { DirectoryUser } from '../../../src/targets/directory';
import { RemoteError, networkError } from '../../../src/targets/remote-error';
import {
  BulkMemoryDirectory,
  MEMORY_PLAN,
  MemoryDirectory,
  recordingSleep,
  rejection,
  remoteError,
} from './memory-directory';

const RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 100,
  maxRetryAfterMs: 1_000,
};

const create = (externalId: string): PlannedAction => ({
  kind: 'create',
  externalId,
  attributes: { external_id: externalId, email: `${externalId.toLowerCase()}@example.com` },
});
const creates = (count: number): PlannedAction[] =>
  Array.from({ length: count }, (_, index) => create(`E${index + 1}`));
const planOf = (actions: PlannedAction[]): SyncPlan => ({ actions });
const options = (extra: Record<string, unknown> = {}) => ({
  retry: RETRY,
  sleep: recordingSleep().sleep,
  ...extra,
});

const refused = () =>
  new RemoteError('The test directory answered 401 to POST /Users', {
    status: 401,
    retryable: false,
  });
const forbidden = () =>
  new RemoteError('The test directory answered 403 to PATCH /Users/u2', {
    status: 403,
    retryable: false,
    detail: 'account is protected',
  });
const timedOut = () =>
  networkError('The test directory', Object.assign(new Error('x'), { code: 'ETIMEDOUT' }));

describe('a 401 from the platform', () => {
  it('before any write succeeded, rejects the run with the refusal: nothing was written', async () => {
    const directory = new MemoryDirectory();
    const error = refused();
    directory.failAlways('E1', error);

    await expect(
      applyPlanReport(planOf(creates(5)), directory, options({ concurrency: 1 })),
    ).rejects.toBe(error);
    expect(directory.writes).toHaveLength(1);
  });

  it('when every write in flight is refused, rejects once they have settled', async () => {
    const directory = new MemoryDirectory();
    for (let n = 1; n <= 8; n += 1) directory.failAlways(`E${n}`, refused());

    const error = await rejection(applyPlanReport(planOf(creates(8)), directory, options()));

    expect(error).toMatchObject({ status: 401 });
    expect(directory.writes).toHaveLength(4);
    expect(directory.inFlight).toBe(0);
  });

  it('after writes, returns every outcome, the rest failed as not attempted, and says how many writes were made', async () => {
    const directory = new MemoryDirectory();
    directory.failAlways('E4', refused());

    const report = await applyPlanReport(
      planOf(creates(10)),
      directory,
      options({ concurrency: 1 }),
    );

    expect(directory.writes.map((write) => write.externalId)).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(report.outcomes.slice(0, 3).map((outcome) => [outcome.status, outcome.userId])).toEqual([
      ['succeeded', 'id-E1'],
      ['succeeded', 'id-E2'],
      ['succeeded', 'id-E3'],
    ]);
    expect(report.outcomes[3]).toMatchObject({ status: 'failed', httpStatus: 401 });
    for (const outcome of report.outcomes.slice(4)) {
      expect(outcome).toMatchObject({
        action: 'create',
        status: 'failed',
        reason: 'not attempted: the platform refused the credential (401) after 3 writes',
        attempts: 0,
      });
    }
    expect(report.stopped).toMatchObject({ writesMade: 3, notAttempted: 6 });
    expect(report.stopped?.message).toContain('refused the credential (401) after 3 writes');
    expect(report.stopped?.message).toContain('6 users were not attempted');
    expect(report.stopped?.message).not.toMatch(/nothing was written/i);
  });

  it('starts no write after the refusal and lets the writes in flight settle', async () => {
    const directory = new MemoryDirectory();
    directory.failAlways('E6', refused());

    const report = await applyPlanReport(
      planOf(creates(40)),
      directory,
      options({ concurrency: 4 }),
    );

    expect(directory.inFlight).toBe(0);
    const started = new Set(directory.writes.map((write) => write.externalId));
    // E6 started after E1..E5; at most the three started beside it came after it.
    expect(started.size).toBeLessThanOrEqual(9);
    for (const outcome of report.outcomes) {
      if (outcome.externalId === 'E6') expect(outcome.status).toBe('failed');
      else if (started.has(outcome.externalId)) expect(outcome.status).toBe('succeeded');
      else expect(outcome.reason).toMatch(/^not attempted: .*\(401\) after \d+ writes$/);
    }
    expect(report.stopped?.writesMade).toBe(started.size - 1);
    expect(report.stopped?.notAttempted).toBe(40 - started.size);
  });

  it('reaches upsertUsers: its result keeps the outcomes, says it stopped, and has the created users after', async () => {
    const directory = new MemoryDirectory();
    const records = ['E1', 'E2', 'E3'].map((externalId) => ({
      externalId,
      email: `${externalId.toLowerCase()}@example.com`,
      custom: {},
    }));
    directory.failAlways('E2', refused());

    const result = await upsertUsers({
      records,
      directory,
      dryRun: false,
      plan: MEMORY_PLAN,
      retry: RETRY,
      sleep: recordingSleep().sleep,
      concurrency: 1,
    });

    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
    ]);
    expect(result.outcomes[2]?.reason).toBe(
      'not attempted: the platform refused the credential (401) after 1 write',
    );
    expect(result.stopped?.writesMade).toBe(1);
    expect(result.usersAfter.map((user) => user.externalId)).toEqual(['E1']);
  });

  it('in bulk: a request refused as a whole after an earlier one succeeded stops with the writes made', async () => {
    const directory = new BulkMemoryDirectory([], 3);
    directory.bulkErrors.push(undefined, refused());

    const report = await applyPlanReport(planOf(creates(8)), directory, options());

    expect(directory.bulkRequests).toHaveLength(2);
    expect(report.outcomes.slice(0, 3).every((outcome) => outcome.status === 'succeeded')).toBe(
      true,
    );
    expect(report.outcomes.slice(3).map((outcome) => outcome.reason)).toEqual(
      Array(5).fill('not attempted: the platform refused the credential (401) after 3 writes'),
    );
    expect(report.stopped).toMatchObject({ writesMade: 3, notAttempted: 5 });
  });

  it('in bulk: the first request refused as a whole still rejects the run', async () => {
    const directory = new BulkMemoryDirectory([], 3);
    directory.bulkErrors.push(refused());
    await expect(applyPlanReport(planOf(creates(8)), directory, options())).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('a 403 on one user', () => {
  const user = (id: string, externalId: string): DirectoryUser => ({
    id,
    externalId,
    active: true,
    attributes: { job_title: 'Intern' },
  });
  const update = (target: DirectoryUser): PlannedAction => ({
    kind: 'update',
    externalId: target.externalId!,
    user: target,
    matchedBy: 'externalId',
    changes: [{ attribute: 'job_title', field: 'jobTitle', from: 'Intern', to: 'Engineer' }],
  });
  const users = [user('u1', 'E1'), user('u2', 'E2'), user('u3', 'E3')];

  it.each([
    ['one at a time', () => new MemoryDirectory(users)],
    ['in bulk', () => new BulkMemoryDirectory(users, 10)],
  ])('%s: is that user failed as protected, and the others are written', async (_how, make) => {
    const directory = make();
    directory.failAlways('E2', forbidden());

    const report = await applyPlanReport(planOf(users.map(update)), directory, options());

    expect(report.stopped).toBeUndefined();
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
    ]);
    expect(report.outcomes[1]).toMatchObject({ httpStatus: 403, attempts: 1 });
    expect(report.outcomes[1]?.reason).toMatch(/^forbidden: the platform protects this account \(/);
    expect(report.outcomes[1]?.reason).toContain('account is protected');
    expect(directory.users.get('u3')?.attributes.job_title).toBe('Engineer');
  });
});

describe('a create whose answer was lost', () => {
  it.each([
    ['timed out', timedOut],
    [
      'was reset',
      () =>
        networkError('The test directory', Object.assign(new Error('x'), { code: 'ECONNRESET' })),
    ],
    ['failed with 502 after landing', () => remoteError(502)],
  ])('that %s is looked up by external ID instead of being sent again', async (_how, lost) => {
    const directory = new MemoryDirectory();
    directory.landNext('E1', lost());

    const report = await applyPlanReport(planOf(creates(1)), directory, options());

    expect(report.outcomes[0]).toMatchObject({ status: 'succeeded', userId: 'id-E1', attempts: 2 });
    expect(directory.writes.filter((write) => write.externalId === 'E1')).toHaveLength(1);
    expect(directory.lookups).toEqual(['E1']);
  });

  it('is sent again when the lookup does not find it (the try did not land)', async () => {
    const directory = new MemoryDirectory();
    directory.failNext('E1', timedOut());

    const report = await applyPlanReport(planOf(creates(1)), directory, options());

    expect(report.outcomes[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(directory.writes).toHaveLength(2);
    expect(directory.lookups).toEqual(['E1']);
  });

  it('answered 409 is done when the user with its external ID exists, and in usersAfter', async () => {
    const directory = new MemoryDirectory();
    directory.landNext('E1', remoteError(409));

    const result = await upsertUsers({
      records: [{ externalId: 'E1', email: 'e1@example.com', custom: {} }],
      directory,
      dryRun: false,
      plan: MEMORY_PLAN,
      retry: RETRY,
      sleep: recordingSleep().sleep,
    });

    expect(result.outcomes[0]).toMatchObject({
      action: 'create',
      status: 'succeeded',
      userId: 'id-E1',
    });
    expect(result.usersAfter.map((user) => user.id)).toEqual(['id-E1']);
  });

  it('is not looked up after a 429 or a refused connection, which never ran it', async () => {
    const directory = new MemoryDirectory();
    directory.failNext('E1', remoteError(429));
    directory.failNext(
      'E2',
      networkError('The test directory', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
    );

    const report = await applyPlanReport(planOf(creates(2)), directory, options());

    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded']);
    expect(directory.lookups).toEqual([]);
  });

  it('in bulk: a request that landed and then timed out is looked up, not sent again', async () => {
    const directory = new BulkMemoryDirectory([], 10);
    for (const externalId of ['E1', 'E2', 'E3']) directory.landNext(externalId, timedOut());

    const report = await applyPlanReport(planOf(creates(3)), directory, options());

    expect(report.outcomes.map((outcome) => [outcome.status, outcome.userId])).toEqual([
      ['succeeded', 'id-E1'],
      ['succeeded', 'id-E2'],
      ['succeeded', 'id-E3'],
    ]);
    expect(directory.bulkRequests).toHaveLength(1);
    expect(directory.lookups.sort()).toEqual(['E1', 'E2', 'E3']);
  });

  it('in bulk: a create answered 409 whose user exists is done', async () => {
    const directory = new BulkMemoryDirectory([], 10);
    directory.landNext('E2', remoteError(409));

    const report = await applyPlanReport(planOf(creates(3)), directory, options());

    expect(report.outcomes.map((outcome) => outcome.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(report.outcomes[1]?.userId).toBe('id-E2');
  });
});
