import type { RetryPolicy } from '../../../src/apply/retry';
import { upsertUsers, type UpsertRequest } from '../../../src/apply/upsert-users';
import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';
import { MEMORY_PLAN, MemoryDirectory, recordingSleep, remoteError } from './memory-directory';
import { countActions } from '../../../src/plan/sync-plan';

const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 100 };

const records: EmployeeRecord[] = [
  { externalId: 'E1', email: 'new@example.com', jobTitle: 'Engineer', custom: {} },
  { externalId: 'E2', email: 'old@example.com', jobTitle: 'Lead', custom: {} },
  { externalId: 'E3', email: 'same@example.com', jobTitle: 'Same', custom: {} },
  { email: 'nobody@example.com', custom: {} },
];

const existing = (): DirectoryUser[] => [
  {
    id: 'u2',
    externalId: 'E2',
    email: 'old@example.com',
    active: true,
    attributes: { email: 'old@example.com', job_title: 'Intern' },
  },
  {
    id: 'u3',
    externalId: 'E3',
    email: 'same@example.com',
    active: true,
    attributes: { email: 'same@example.com', job_title: 'Same' },
  },
];

const request = (directory: MemoryDirectory, dryRun: boolean): UpsertRequest => ({
  records,
  directory,
  plan: MEMORY_PLAN,
  dryRun,
  retry: RETRY,
  sleep: recordingSleep().sleep,
});

describe('upsertUsers', () => {
  it('reads once with the external IDs and e-mails of the records that have an ID', async () => {
    const directory = new MemoryDirectory(existing());
    await upsertUsers(request(directory, true));
    expect(directory.readKeys).toEqual([
      [
        { externalId: 'E1', email: 'new@example.com' },
        { externalId: 'E2', email: 'old@example.com' },
        { externalId: 'E3', email: 'same@example.com' },
      ],
    ]);
  });

  // Regression test, the bug it caught is fixed: src/apply/upsert-users.ts lines 31-36 pass `record.externalId` untrimmed to
  // readUsers (and keep a blank one), while planUpsert trims it. A lookup-mode target then
  // looks up " E2 ", finds nothing, and the plan creates E2 a second time. Fails on src as it is.
  it('reads with the external IDs trimmed, as the plan uses them, and skips blank ones', async () => {
    const directory = new MemoryDirectory(existing());
    await upsertUsers({
      ...request(directory, true),
      records: [
        { externalId: ' E2 ', email: 'old@example.com', custom: {} },
        { externalId: '   ', email: 'blank@example.com', custom: {} },
      ],
    });
    expect(directory.readKeys).toEqual([[{ externalId: 'E2', email: 'old@example.com' }]]);
  });

  it('writes nothing in a dry run, and returns the plan with planned outcomes', async () => {
    const directory = new MemoryDirectory(existing());
    const before = JSON.stringify([...directory.users.values()]);
    const result = await upsertUsers(request(directory, true));
    expect(directory.writes).toEqual([]);
    // Read once, for the plan (the longest external ID the target holds); no bulk write asked.
    expect(directory.capabilityCalls).toBe(1);
    expect(JSON.stringify([...directory.users.values()])).toBe(before);
    expect(countActions(result.plan.actions)).toEqual({
      create: 1,
      update: 1,
      reactivate: 0,
      unchanged: 1,
      skip: 1,
    });
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['E1', 'planned'],
      ['E2', 'planned'],
      ['E3', 'unchanged'],
      ['', 'skipped'],
    ]);
  });

  it('writes only what changed in a real run', async () => {
    const directory = new MemoryDirectory(existing());
    const result = await upsertUsers(request(directory, false));
    expect(directory.writes.map((write) => `${write.kind}:${write.externalId}`).sort()).toEqual([
      'create:E1',
      'update:E2',
    ]);
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['E1', 'succeeded'],
      ['E2', 'succeeded'],
      ['E3', 'unchanged'],
      ['', 'skipped'],
    ]);
    expect(directory.users.get('u2')?.attributes.job_title).toBe('Lead');
  });

  it('retries a failing read, then plans on what it read', async () => {
    const directory = new MemoryDirectory(existing());
    directory.readErrors.push(remoteError(503));
    const result = await upsertUsers(request(directory, false));
    expect(directory.readKeys).toHaveLength(2);
    expect(countActions(result.plan.actions).update).toBe(1);
  });

  it('throws a read that fails after its retries before any write', async () => {
    const directory = new MemoryDirectory(existing());
    const unavailable = remoteError(503);
    directory.readErrors.push(unavailable, unavailable, unavailable, unavailable);
    await expect(upsertUsers(request(directory, false))).rejects.toBe(unavailable);
    expect(directory.readKeys).toHaveLength(RETRY.maxAttempts);
    expect(directory.writes).toEqual([]);
    expect(directory.capabilityCalls).toBe(0);
  });

  it('throws a non-retryable read failure at once', async () => {
    const directory = new MemoryDirectory(existing());
    const refused = new RemoteError('refused', { status: 401, retryable: false });
    directory.readErrors.push(refused);
    await expect(upsertUsers(request(directory, true))).rejects.toBe(refused);
    expect(directory.readKeys).toHaveLength(1);
    expect(directory.writes).toEqual([]);
  });

  it('reports the read, plan and write timings in milliseconds', async () => {
    for (const dryRun of [true, false]) {
      const { timings } = await upsertUsers(request(new MemoryDirectory(existing()), dryRun));
      expect(Object.keys(timings).sort()).toEqual(['planMs', 'readMs', 'writeMs']);
      for (const ms of Object.values(timings)) {
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('measures each timing between the clock readings around its stage', async () => {
    const now = jest
      .spyOn(Date, 'now')
      .mockReturnValueOnce(1_000)
      .mockReturnValueOnce(1_010)
      .mockReturnValueOnce(1_013)
      .mockReturnValueOnce(1_020);
    try {
      const { timings } = await upsertUsers(request(new MemoryDirectory(existing()), true));
      expect(timings).toEqual({ readMs: 10, planMs: 3, writeMs: 7 });
    } finally {
      now.mockRestore();
    }
  });
});
