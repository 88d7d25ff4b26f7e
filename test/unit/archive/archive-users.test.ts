import { archiveUsers, type ArchiveRequest } from '../../../src/apply/archive-users';
import type { RetryPolicy } from '../../../src/apply/retry';
import type { ArchivePlanOptions, SourceSnapshot } from '../../../src/plan/plan-archive';
import type { DirectoryUser } from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';
import { recordingSleep, remoteError } from '../apply/memory-directory';
import { ArchiveDirectory, BulkArchiveDirectory } from './archive-directory';
import { TODAY, activeUsers, planOptions, snapshot, user } from './archive-fixtures';

const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 100 };

/**
 * 18 active employees still in the source, two who left (GONE1, GONE2), one archived long
 * ago and past the 30-day grace (OLD), one archived recently (RECENT), one made by hand.
 */
const directoryUsers = (): DirectoryUser[] => [
  ...activeUsers(18),
  user('GONE1'),
  user('GONE2'),
  user('OLD', false),
  user('RECENT', false),
  user(undefined, true, 'manual'),
];
const SNAPSHOT: SourceSnapshot = snapshot(
  activeUsers(18).map((entry) => entry.externalId as string),
);
const MEMORY = Object.freeze({ OLD: '2024-01-01', RECENT: '2024-06-01' });
// Two archives and one delete of 20 active users (15%) count against the brakes: 20% lets them pass.
const PLAN: ArchivePlanOptions = planOptions({
  brakes: { maxPercentage: 20, maxShrinkPercentage: 20 },
  deleteAfterDays: 30,
  archivedSince: MEMORY,
});

function request(
  directory: ArchiveRequest['directory'],
  overrides: Partial<ArchiveRequest> = {},
): ArchiveRequest & { delays: number[] } {
  const { sleep, delays } = recordingSleep();
  return {
    directory,
    snapshot: SNAPSHOT,
    plan: PLAN,
    dryRun: false,
    retry: RETRY,
    sleep,
    delays,
    ...overrides,
  };
}

describe('archiveUsers', () => {
  it('reads every user once, archives the missing, deletes after the grace, and remembers', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    const result = await archiveUsers(request(directory));

    expect(directory.readKeys).toEqual([[]]);
    expect(result.plan.stopped).toBe(false);
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        externalId: 'GONE1',
        action: 'archive',
        status: 'succeeded',
        userId: 'u-GONE1',
        reason: 'No longer in the source.',
        attempts: 1,
      }),
      expect.objectContaining({ externalId: 'GONE2', action: 'archive', status: 'succeeded' }),
      expect.objectContaining({
        externalId: 'OLD',
        action: 'delete',
        status: 'succeeded',
        userId: 'u-OLD',
        reason: 'Archived by this sync on 2024-01-01, more than 30 days ago.',
      }),
    ]);
    expect(directory.byExternalId('GONE1')?.active).toBe(false);
    expect(directory.byExternalId('OLD')).toBeUndefined();
    expect(directory.users.get('manual')?.active).toBe(true);
    expect(result.archivedSince).toEqual({ GONE1: TODAY, GONE2: TODAY, RECENT: '2024-06-01' });
    expect(MEMORY).toEqual({ OLD: '2024-01-01', RECENT: '2024-06-01' });
  });

  it('measures the read between the clock readings around it, and no write time in a dry run', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValueOnce(5_000).mockReturnValueOnce(5_042);
    try {
      const result = await archiveUsers(
        request(new ArchiveDirectory(directoryUsers()), { dryRun: true }),
      );
      expect(result.timings).toEqual({ readMs: 42, writeMs: 0 });
    } finally {
      now.mockRestore();
    }
  });

  it("plans on the users it is given (what this run's upsert left) without reading the target", async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    // As the run knows them: the upsert created NEW (in tonight's file), and GONE2 is not
    // there (as if gone since): only the given list decides.
    const known = [...directoryUsers().filter((u) => u.externalId !== 'GONE2'), user('NEW')];
    const result = await archiveUsers(
      request(directory, {
        current: known,
        snapshot: snapshot([...SNAPSHOT.externalIds, 'NEW']),
      }),
    );
    expect(directory.readKeys).toEqual([]);
    expect(result.outcomes.map((outcome) => `${outcome.action}:${outcome.externalId}`)).toEqual([
      'archive:GONE1',
      'delete:OLD',
    ]);
    expect(result.plan.managedActive).toBe(20);
    expect(directory.byExternalId('GONE1')?.active).toBe(false);
  });

  it('writes nothing in a dry run and returns the memory it was given', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    const result = await archiveUsers(request(directory, { dryRun: true }));

    expect(directory.writes).toEqual([]);
    expect(result.plan.actions.map((action) => `${action.kind} ${action.externalId}`)).toEqual([
      'archive GONE1',
      'archive GONE2',
      'delete OLD',
    ]);
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['GONE1', 'planned'],
      ['GONE2', 'planned'],
      ['OLD', 'planned'],
    ]);
    expect(result.archivedSince).toEqual(MEMORY);
    expect(result.archivedSince).not.toBe(MEMORY);
    expect(result.timings.writeMs).toBe(0);
  });

  it('writes nothing when a brake stops the plan, and keeps the memory as it was', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    const result = await archiveUsers(
      request(directory, { snapshot: snapshot(['E1', 'E2', 'E3']) }),
    );

    expect(result.plan.stopped).toBe(true);
    expect(result.plan.brakes.filter((brake) => brake.tripped).map((brake) => brake.brake)).toEqual(
      ['max_percentage'],
    );
    expect(directory.writes).toEqual([]);
    expect(result.outcomes).toEqual([]);
    expect(result.archivedSince).toEqual(MEMORY);
    expect(result.timings.writeMs).toBe(0);
  });

  it('writes nothing for an empty snapshot', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    const result = await archiveUsers(request(directory, { snapshot: snapshot([]) }));
    expect(result.plan.stopped).toBe(true);
    expect(directory.writes).toEqual([]);
    expect(result.archivedSince).toEqual(MEMORY);
  });

  it('does not remember a failed archive as archived (500 on every try)', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.failAlways('GONE1', remoteError(500));
    const run = request(directory);
    const result = await archiveUsers(run);

    expect(directory.written('archive').filter((id) => id === 'GONE1')).toHaveLength(
      RETRY.maxAttempts,
    );
    expect(run.delays).toHaveLength(RETRY.maxAttempts - 1);
    expect(result.outcomes.find((outcome) => outcome.externalId === 'GONE1')).toEqual(
      expect.objectContaining({
        action: 'archive',
        status: 'failed',
        httpStatus: 500,
        attempts: RETRY.maxAttempts,
        reason: 'The test directory answered 500: server says 500',
      }),
    );
    expect(directory.byExternalId('GONE1')?.active).toBe(true);
    expect(result.archivedSince).not.toHaveProperty('GONE1');
    expect(result.archivedSince).toEqual({ GONE2: TODAY, RECENT: '2024-06-01' });
  });

  it('does not retry a 400 and does not remember that archive either', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.failAlways('GONE2', remoteError(400));
    const result = await archiveUsers(request(directory));
    expect(directory.written('archive').filter((id) => id === 'GONE2')).toEqual(['GONE2']);
    expect(result.outcomes.find((outcome) => outcome.externalId === 'GONE2')).toMatchObject({
      status: 'failed',
      httpStatus: 400,
      attempts: 1,
    });
    expect(result.archivedSince).not.toHaveProperty('GONE2');
  });

  it('keeps the original archive date of a failed delete, so it is tried again', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.failAlways('OLD', remoteError(503));
    const result = await archiveUsers(request(directory));

    expect(result.outcomes.find((outcome) => outcome.externalId === 'OLD')).toMatchObject({
      action: 'delete',
      status: 'failed',
      httpStatus: 503,
      attempts: RETRY.maxAttempts,
    });
    expect(directory.byExternalId('OLD')).toBeDefined();
    expect(result.archivedSince).toEqual({
      GONE1: TODAY,
      GONE2: TODAY,
      OLD: '2024-01-01',
      RECENT: '2024-06-01',
    });
  });

  it('turns deletes into skipped outcomes with a reason when the directory cannot delete', async () => {
    const directory = new ArchiveDirectory(directoryUsers(), false);
    const result = await archiveUsers(request(directory));

    expect(directory.written('delete')).toEqual([]);
    expect(directory.written('archive')).toEqual(['GONE1', 'GONE2']);
    expect(result.outcomes.find((outcome) => outcome.externalId === 'OLD')).toEqual({
      externalId: 'OLD',
      action: 'delete',
      status: 'skipped',
      userId: 'u-OLD',
      reason: 'The test directory cannot delete users; they stay archived.',
    });
    expect(directory.byExternalId('OLD')).toMatchObject({ active: false });
  });

  // Fails on src as it is: src/apply/archive-users.ts restores the remembered date only for a
  // *failed* delete. A delete skipped because the directory cannot delete was already dropped
  // from plan.archivedSince (src/plan/plan-archive.ts), so the user, who "stays archived",
  // loses their archive date: the next run restarts it at that day's date.
  it('keeps the archive date of a user whose delete was skipped, since they stay archived', async () => {
    const directory = new ArchiveDirectory(directoryUsers(), false);
    const result = await archiveUsers(request(directory));
    expect(result.archivedSince).toEqual({
      GONE1: TODAY,
      GONE2: TODAY,
      OLD: '2024-01-01',
      RECENT: '2024-06-01',
    });
  });

  it('shows the skipped delete in a dry run too, and writes nothing', async () => {
    const directory = new ArchiveDirectory(directoryUsers(), false);
    const result = await archiveUsers(request(directory, { dryRun: true }));
    expect(directory.writes).toEqual([]);
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['GONE1', 'planned'],
      ['GONE2', 'planned'],
      ['OLD', 'skipped'],
    ]);
    expect(result.archivedSince).toEqual(MEMORY);
  });

  it('rejects when an archive fails authentication (401), stopping the run', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.failAlways('GONE1', remoteError(401));
    directory.failAlways('GONE2', remoteError(401));
    directory.failAlways('OLD', remoteError(401));
    const failure = archiveUsers(request(directory, { concurrency: 1 }));
    await expect(failure).rejects.toBeInstanceOf(RemoteError);
    await expect(failure).rejects.toMatchObject({ status: 401, isAuthFailure: true });
    expect(directory.writes).toHaveLength(1);
  });

  it('rejects when reading the users fails authentication, before writing anything', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.readErrors.push(remoteError(401));
    await expect(archiveUsers(request(directory))).rejects.toMatchObject({ status: 401 });
    expect(directory.readKeys).toHaveLength(1);
    expect(directory.writes).toEqual([]);
  });

  it('retries a read that failed with a retryable status', async () => {
    const directory = new ArchiveDirectory(directoryUsers());
    directory.readErrors.push(remoteError(503));
    const result = await archiveUsers(request(directory));
    expect(directory.readKeys).toHaveLength(2);
    expect(result.outcomes).toHaveLength(3);
  });

  describe('through a bulk directory', () => {
    it('does not remember an archive that failed in bulk, and keeps a failed delete dated', async () => {
      const directory = new BulkArchiveDirectory(directoryUsers(), 10);
      directory.failAlways('GONE2', remoteError(500));
      directory.failAlways('OLD', remoteError(500));
      const result = await archiveUsers(request(directory));

      expect(directory.written('archive').filter((id) => id === 'GONE2')).toHaveLength(
        RETRY.maxAttempts,
      );
      expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
        ['GONE1', 'succeeded'],
        ['GONE2', 'failed'],
        ['OLD', 'failed'],
      ]);
      expect(result.archivedSince).toEqual({
        GONE1: TODAY,
        OLD: '2024-01-01',
        RECENT: '2024-06-01',
      });
    });

    it('rejects when the bulk request fails authentication', async () => {
      const directory = new BulkArchiveDirectory(directoryUsers(), 10);
      directory.bulkErrors.push(remoteError(403));
      await expect(archiveUsers(request(directory))).rejects.toMatchObject({ status: 403 });
    });
  });
});
