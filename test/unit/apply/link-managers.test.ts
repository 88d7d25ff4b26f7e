import type { RetryPolicy } from '../../../src/apply/retry';
import { upsertUsers, type UpsertRequest } from '../../../src/apply/upsert-users';
import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import { MEMORY_PLAN, MemoryDirectory, recordingSleep, remoteError } from './memory-directory';

const RETRY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 100 };

const employee = (externalId: string, managerExternalId?: string): EmployeeRecord => ({
  externalId,
  email: `${externalId.toLowerCase()}@example.com`,
  jobTitle: 'Engineer',
  ...(managerExternalId !== undefined ? { managerExternalId } : {}),
  custom: {},
});

const user = (id: string, externalId: string, managerId: string | null): DirectoryUser => ({
  id,
  externalId,
  email: `${externalId.toLowerCase()}@example.com`,
  active: true,
  attributes: { email: `${externalId.toLowerCase()}@example.com`, job_title: 'Engineer' },
  managerId,
});

function run(
  directory: MemoryDirectory,
  records: EmployeeRecord[],
  overrides: Partial<UpsertRequest> = {},
) {
  return upsertUsers({
    records,
    directory,
    plan: MEMORY_PLAN,
    dryRun: false,
    linkManagers: true,
    retry: RETRY,
    sleep: recordingSleep().sleep,
    ...overrides,
  });
}

const managerWrites = (directory: MemoryDirectory) =>
  directory.writes.filter((write) => write.kind === 'manager');

describe('linkManagers: the second phase', () => {
  it('creates everyone first, then links each new employee to its new manager', async () => {
    const directory = new MemoryDirectory([], { managers: true });
    // The report comes before the manager in the file: only a second phase can link it.
    const result = await run(directory, [employee('E2', 'E1'), employee('E1', '')]);
    const kinds = directory.writes.map((write) => write.kind);
    expect(kinds).toEqual(['create', 'create', 'manager']);
    expect(managerWrites(directory)).toMatchObject([
      { externalId: 'E2', user: { id: 'id-E2' }, managerId: 'id-E1' },
    ]);
    expect(directory.users.get('id-E2')?.managerId).toBe('id-E1');
    expect(result.outcomes[0]).toMatchObject({
      action: 'create',
      status: 'succeeded',
      manager: { to: 'E1', status: 'succeeded' },
    });
    expect(result.outcomes[0]?.changes).toContainEqual({
      attribute: 'manager',
      field: 'managerExternalId',
      from: null,
      to: 'E1',
    });
    // The manager has none, and a new user has none to unlink: no write, no mention.
    expect(result.outcomes[1]?.manager).toBeUndefined();
  });

  it('writes nothing on a second run with the same managers', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null), user('u2', 'E2', 'u1')], {
      managers: true,
    });
    const result = await run(directory, [employee('E1', ''), employee('E2', 'E1')]);
    expect(directory.writes).toEqual([]);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('turns an employee up to date but for a new manager into an update of its manager', async () => {
    const directory = new MemoryDirectory(
      [user('u1', 'E1', null), user('u2', 'E2', 'u1'), user('u3', 'E3', null)],
      { managers: true },
    );
    const result = await run(directory, [employee('E1'), employee('E2', 'E3'), employee('E3')]);
    expect(managerWrites(directory)).toMatchObject([{ externalId: 'E2', managerId: 'u3' }]);
    expect(result.outcomes[1]).toMatchObject({
      action: 'update',
      status: 'succeeded',
      changes: [{ attribute: 'manager', field: 'managerExternalId', from: 'E1', to: 'E3' }],
    });
  });

  it('leaves every manager alone when HR has no manager column', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null), user('u2', 'E2', 'u1')], {
      managers: true,
    });
    // No managerExternalId on the records at all: a manager set by hand stays.
    await run(directory, [employee('E1'), employee('E2')]);
    expect(directory.writes).toEqual([]);
    expect(directory.users.get('u2')?.managerId).toBe('u1');
  });

  it('unlinks the manager when HR gives an empty one', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null), user('u2', 'E2', 'u1')], {
      managers: true,
    });
    const result = await run(directory, [employee('E1'), employee('E2', '')]);
    expect(managerWrites(directory)).toMatchObject([{ externalId: 'E2', managerId: null }]);
    expect(result.outcomes[1]?.changes).toEqual([
      { attribute: 'manager', field: 'managerExternalId', from: 'E1', to: null },
    ]);
  });

  it('skips, with the reason, a manager who is not in the platform, and a self-manager', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null)], { managers: true });
    directory.failAlways('E9', remoteError(400));
    const result = await run(directory, [
      employee('E1', 'E1'),
      employee('E2', 'E9'),
      employee('E9'),
    ]);
    expect(managerWrites(directory)).toEqual([]);
    expect(result.outcomes[0]?.manager).toEqual({
      to: 'E1',
      status: 'skipped',
      reason: 'an employee cannot manage itself',
    });
    // E9's create failed: E2 is created, and its link waits for E9.
    expect(result.outcomes[1]).toMatchObject({
      status: 'succeeded',
      manager: { to: 'E9', status: 'skipped' },
    });
    expect(result.outcomes[1]?.manager?.reason).toMatch(/E9 is not in the platform/);
  });

  it('keeps a create succeeded when only its link fails, and says why in manager', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null)], { managers: true });
    // The first write of E2 is its create; every later one (the link) fails.
    const failing = remoteError(400);
    const original = directory.write.bind(directory);
    directory.write = async (write) => {
      if (write.kind === 'manager') throw failing;
      return original(write);
    };
    const result = await run(directory, [employee('E1'), employee('E2', 'E1')]);
    expect(result.outcomes[1]).toMatchObject({
      action: 'create',
      status: 'succeeded',
      manager: { to: 'E1', status: 'failed' },
    });
    expect(result.outcomes[1]?.changes ?? []).not.toContainEqual(
      expect.objectContaining({ attribute: 'manager' }),
    );
  });

  it('plans the links in a dry run, to the users it would create too, and writes nothing', async () => {
    const directory = new MemoryDirectory([user('u1', 'E1', null)], { managers: true });
    const result = await run(
      directory,
      [employee('E1'), employee('E2', 'E3'), employee('E3', 'E1')],
      {
        dryRun: true,
      },
    );
    expect(directory.writes).toEqual([]);
    expect(result.outcomes.map((outcome) => outcome.manager?.status)).toEqual([
      undefined,
      'planned',
      'planned',
    ]);
  });

  it('links nothing where the target has no managers or the node says not to', async () => {
    for (const [capabilities, linkManagers] of [
      [{}, true],
      [{ managers: true }, false],
    ] as const) {
      const directory = new MemoryDirectory([user('u1', 'E1', null)], capabilities);
      await run(directory, [employee('E1'), employee('E2', 'E1')], { linkManagers });
      expect(managerWrites(directory)).toEqual([]);
    }
  });
});

describe('upsertUsers: the longest external ID a target holds', () => {
  it('writes nobody for an ID longer than the target holds, and says why', async () => {
    const directory = new MemoryDirectory([], { maxExternalIdLength: 16 });
    const result = await run(directory, [
      employee('E1234567890123456'),
      employee('E123456789012345'),
    ]);
    expect(directory.writes.map((write) => write.externalId)).toEqual(['E123456789012345']);
    expect(result.outcomes[0]).toMatchObject({ action: 'skip', status: 'skipped' });
    expect(result.outcomes[0]?.reason).toMatch(/17 characters; the platform holds at most 16/);
  });
});
