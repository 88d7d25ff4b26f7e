import { upsertUsers } from '../../../src/apply/upsert-users';
import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import { MEMORY_PLAN, MemoryDirectory, recordingSleep, remoteError } from './memory-directory';

const user = (id: string, externalId: string | undefined, active: boolean, title: string) => ({
  id,
  ...(externalId ? { externalId } : {}),
  email: `${id}@example.com`,
  active,
  attributes: { email: `${id}@example.com`, job_title: title },
});

const record = (externalId: string, email: string, jobTitle: string): EmployeeRecord => ({
  externalId,
  email,
  jobTitle,
  custom: {},
});

/** A new hire, a changed title, a rehire, an account adopted by e-mail, an unchanged user, a leaver. */
const before = (): DirectoryUser[] => [
  user('u2', 'E2', true, 'Intern'),
  user('u3', 'E3', false, 'Clerk'),
  user('u4', undefined, true, 'Clerk'),
  user('u5', 'E5', true, 'Clerk'),
  user('u6', 'E6', true, 'Clerk'),
];
const tonight = [
  record('E1', 'u1@example.com', 'Engineer'),
  record('E2', 'u2@example.com', 'Lead'),
  record('E3', 'u3@example.com', 'Clerk'),
  record('E4', 'u4@example.com', 'Clerk'),
  record('E5', 'u5@example.com', 'Clerk'),
];

const byId = (users: readonly DirectoryUser[]) =>
  [...users].sort((a, b) => a.id.localeCompare(b.id));

async function upsert(directory: MemoryDirectory, dryRun = false) {
  return upsertUsers({
    records: tonight,
    directory,
    plan: MEMORY_PLAN,
    dryRun,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    sleep: recordingSleep().sleep,
  });
}

describe('usersAfterUpsert, through upsertUsers', () => {
  it('is what a read right after the upsert gives: created, updated, reactivated and adopted users included', async () => {
    const directory = new MemoryDirectory(before());
    const result = await upsert(directory);
    expect(result.outcomes.every((outcome) => outcome.status !== 'failed')).toBe(true);
    expect(byId(result.usersAfter)).toEqual(byId(await directory.readUsers([])));
    const after = new Map(result.usersAfter.map((u) => [u.externalId ?? u.id, u]));
    expect(after.get('E1')).toMatchObject({ id: 'id-E1', active: true });
    expect(after.get('E2')?.attributes.job_title).toBe('Lead');
    expect(after.get('E3')?.active).toBe(true);
    expect(after.get('E4')?.id).toBe('u4');
    // The leaver is still there, active: the archive stage decides about them.
    expect(after.get('E6')?.active).toBe(true);
  });

  it('leaves a user as read when the write failed, and adds no user whose create failed', async () => {
    const directory = new MemoryDirectory(before());
    directory.failAlways('E1', remoteError(400));
    directory.failAlways('E3', remoteError(400));
    const result = await upsert(directory);
    expect(byId(result.usersAfter)).toEqual(byId(await directory.readUsers([])));
    expect(result.usersAfter.some((u) => u.externalId === 'E1')).toBe(false);
    expect(result.usersAfter.find((u) => u.externalId === 'E3')?.active).toBe(false);
  });

  it('is the read itself in a dry run, which writes nothing', async () => {
    const directory = new MemoryDirectory(before());
    const result = await upsert(directory, true);
    expect(directory.writes).toEqual([]);
    expect(byId(result.usersAfter)).toEqual(byId(before()));
  });
});
