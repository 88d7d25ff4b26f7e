import { applyPlan } from '../../../src/apply/apply-plan';
import { planUpsert, type UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import { googleWorkspaceMappings } from '../../../src/targets/google-workspace/default-mappings';
import { withOrgUnitPaths } from '../../../src/targets/google-workspace/org-units';
import { isWriteCall } from '../../peers/http-peer';
import { sharedClock, startGoogleSetup, type GoogleSetup } from './google-setup';

const mappings = googleWorkspaceMappings({ orgUnits: true });
const orgUnits = { field: 'department', paths: { Sales: '/Staff/Sales', Ops: '/Staff/Ops' } };
const retry = { maxAttempts: 10, baseDelayMs: 2000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

function employees(count: number, change = ''): EmployeeRecord[] {
  const records = Array.from({ length: count }, (_, index) => ({
    externalId: `E${String(index).padStart(3, '0')}`,
    firstName: index % 5 === 0 ? 'Sam' : `First${index}`,
    lastName: index % 5 === 0 ? 'Lee' : `Last${index}`,
    jobTitle: `Job ${index}${change}`,
    department: index % 2 === 0 ? 'Sales' : 'Ops',
    custom: {},
  })) as EmployeeRecord[];
  return withOrgUnitPaths(records, orgUnits);
}

function planOptions(directoryAttribute: string): UpsertPlanOptions {
  return {
    mappings,
    emptySourceValue: 'leave',
    matchByEmail: false,
    externalIdAttribute: directoryAttribute,
    today: '2026-12-01',
    reactivate: { archivedBySync: new Set() },
  };
}

describe('applyPlan against the throttling fake Directory API', () => {
  let setup: GoogleSetup;
  let time: ReturnType<typeof sharedClock>;

  beforeEach(async () => {
    time = sharedClock();
    setup = await startGoogleSetup(
      { directory: { queriesPerMinute: 20, orgUnits: ['/Staff/Sales', '/Staff/Ops'] } },
      time,
    );
  });
  afterEach(() => setup.peer.close());

  it('loses nothing and creates nobody twice when the quota throttles and creates land unanswered', async () => {
    // The client paces above the server's quota, so the server throttles: 403 userRateLimitExceeded.
    const directory = setup.directory({
      attributes: mappings.map((m) => m.attribute),
      queriesPerMinute: 1000,
      orgUnits,
    });
    setup.peer.directory.landThenFail({ times: 3, method: 'POST' });
    setup.peer.directory.failNext({
      status: 403,
      reason: 'quotaExceeded',
      times: 2,
      method: 'POST',
    });
    setup.peer.directory.failNext({ status: 429, times: 2, method: 'POST' });
    const records = employees(40);
    const plan = planUpsert(
      records,
      await directory.readUsers([]),
      planOptions(directory.externalIdAttribute),
    );
    const outcomes = await applyPlan(plan, directory, { concurrency: 4, retry, sleep: time.sleep });

    expect(outcomes.filter((outcome) => outcome.status !== 'succeeded')).toEqual([]);
    const users = setup.peer.directory.users();
    expect(users).toHaveLength(40);
    const ids = users.map((user) => (user.externalIds as Array<{ value: string }>)[0]!.value);
    expect(new Set(ids).size).toBe(40);
    expect(setup.peer.directory.throttled()).toBeGreaterThan(0);
    const sams = users
      .filter((user) => String(user.primaryEmail).startsWith('sam.lee'))
      .map((user) => user.primaryEmail);
    expect(new Set(sams).size).toBe(8);
    expect(
      users.find(
        (user) =>
          user.externalIds && (user.externalIds as Array<{ value: string }>)[0]!.value === 'E000',
      ),
    ).toMatchObject({
      orgUnitPath: '/Staff/Sales',
      organizations: [{ type: 'work', title: 'Job 0', department: 'Sales', primary: true }],
    });
  });

  it('paced to the quota, meets no throttling at all; an unchanged second run writes nothing', async () => {
    const directory = () =>
      setup.directory({
        attributes: mappings.map((m) => m.attribute),
        queriesPerMinute: 20,
        orgUnits,
      });
    const first = directory();
    const plan = planUpsert(
      employees(30),
      await first.readUsers([]),
      planOptions(first.externalIdAttribute),
    );
    const outcomes = await applyPlan(plan, first, { concurrency: 4, retry, sleep: time.sleep });
    expect(outcomes.every((outcome) => outcome.status === 'succeeded')).toBe(true);
    expect(setup.peer.directory.throttled()).toBe(0);

    const writesBefore = setup.peer.directory.calls.filter(isWriteCall).length;
    const second = directory();
    const again = planUpsert(
      employees(30),
      await second.readUsers([]),
      planOptions(second.externalIdAttribute),
    );
    expect(again.actions.every((action) => action.kind === 'unchanged')).toBe(true);
    await applyPlan(again, second, { retry, sleep: time.sleep });
    expect(setup.peer.directory.calls.filter(isWriteCall).length).toBe(writesBefore);

    // A changed title and a moved department patch exactly those users, with only those fields.
    const changed = employees(30).map((record, index) =>
      index === 3
        ? withOrgUnitPaths([{ ...record, department: 'Sales', jobTitle: 'Boss' }], orgUnits)[0]!
        : record,
    );
    const third = directory();
    const update = planUpsert(
      changed,
      await third.readUsers([]),
      planOptions(third.externalIdAttribute),
    );
    expect(update.actions.filter((action) => action.kind === 'update')).toHaveLength(1);
    await applyPlan(update, third, { retry, sleep: time.sleep });
    const patch = setup.peer.directory.calls.filter(isWriteCall).at(-1)!;
    expect(patch.method).toBe('PATCH');
    expect(Object.keys(patch.body as object).sort()).toEqual(['orgUnitPath', 'organizations']);
  });
});
