import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import { planUpsert, type UpsertPlanOptions } from '../../../src/plan/plan-upsert';

const TODAY = '2024-06-15';

const OPTIONS: UpsertPlanOptions = {
  mappings: [{ field: 'jobTitle', attribute: 'job_title', strength: 'always' }],
  emptySourceValue: 'leave',
  matchByEmail: true,
  externalIdAttribute: 'external_id',
  today: TODAY,
  reactivate: { archivedBySync: new Set() },
};

const record = (fields: Partial<EmployeeRecord>): EmployeeRecord => ({
  custom: {},
  externalId: 'E1',
  email: 'ann@example.com',
  jobTitle: 'Nurse',
  ...fields,
});

const user = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: 'u1',
  externalId: 'E1',
  email: 'ann@example.com',
  active: true,
  attributes: { job_title: 'Nurse' },
  ...overrides,
});

const planOne = (r: EmployeeRecord, users: DirectoryUser[], options = OPTIONS) =>
  planUpsert([r], users, options).actions[0]!;

describe('planUpsert: leavers still listed in the export', () => {
  it('never reactivates an archived leaver whose end date has passed, night after night', () => {
    // The finding: such a leaver was planned as reactivate every night, then archived again.
    const leaver = record({ endDate: '2024-06-01' });
    const archived = user({ active: false });
    for (const reactivate of [
      { archivedBySync: new Set(['E1']) },
      { archivedBySync: new Set<string>(), hrStatusWins: true },
    ]) {
      const action = planOne(leaver, [archived], { ...OPTIONS, reactivate });
      expect(action.kind).toBe('skip');
      expect(action).toMatchObject({
        reason: 'Their end date 2024-06-01 has passed: Archive Missing Users handles it.',
      });
    }
  });

  it('never creates a leaver the platform does not have', () => {
    const action = planOne(record({ endDate: '2024-06-14' }), []);
    expect(action.kind).toBe('skip');
  });

  it('sends an active leaver no update: the archive takes them', () => {
    const action = planOne(record({ endDate: '2024-06-14', jobTitle: 'Head Nurse' }), [user()]);
    expect(action.kind).toBe('skip');
  });

  it('still syncs an employee whose last day is today or later', () => {
    expect(planOne(record({ endDate: TODAY, jobTitle: 'Head Nurse' }), [user()]).kind).toBe(
      'update',
    );
    expect(planOne(record({ endDate: '2024-12-31' }), []).kind).toBe('create');
  });

  it('skips a record with an archived_at date, as before', () => {
    const action = planOne(record({ archivedAt: '2024-06-01' }), [user({ active: false })]);
    expect(action).toMatchObject({
      kind: 'skip',
      reason: 'The record has an archived_at date: Archive Missing Users handles it.',
    });
  });

  it('reads the end date against the today it is given (the instance time zone), not UTC', () => {
    // At 02:00 in Amsterdam on the 15th it is still the 14th in UTC: the caller passes the 15th.
    const leaver = record({ endDate: '2024-06-14' });
    expect(planOne(leaver, [user()], { ...OPTIONS, today: '2024-06-14' }).kind).toBe('unchanged');
    expect(planOne(leaver, [user()], { ...OPTIONS, today: '2024-06-15' }).kind).toBe('skip');
  });
});

describe('planUpsert: accounts deactivated by someone else are held', () => {
  it('reactivates a rehire this sync archived', () => {
    const action = planOne(record({}), [user({ active: false })], {
      ...OPTIONS,
      reactivate: { archivedBySync: new Set(['E1']) },
    });
    expect(action.kind).toBe('reactivate');
  });

  it('leaves an account an admin deactivated while HR still lists them deactivated, every night', () => {
    // The finding: a suspended or compromised account was reactivated every night.
    const suspended = user({ active: false });
    for (let night = 0; night < 3; night++) {
      const action = planOne(record({}), [suspended]);
      expect(action).toMatchObject({ kind: 'skip', held: true });
      if (action.kind === 'skip') expect(action.reason).toMatch(/^Held: /);
    }
  });

  it('lets HR status win when the admin chose that', () => {
    const action = planOne(record({}), [user({ active: false })], {
      ...OPTIONS,
      reactivate: { archivedBySync: new Set(), hrStatusWins: true },
    });
    expect(action.kind).toBe('reactivate');
  });

  it('does not reactivate a deactivated account found by e-mail, even one archived under that ID', () => {
    const byEmail = user({ active: false, externalId: undefined });
    const action = planOne(record({}), [byEmail], {
      ...OPTIONS,
      reactivate: { archivedBySync: new Set(['E1']) },
    });
    expect(action).toMatchObject({ kind: 'skip', held: true });
  });
});

describe('planUpsert: pre-hires are created inactive until their start', () => {
  const PRE_HIRE: UpsertPlanOptions = { ...OPTIONS, preHire: { daysBeforeStart: 0 } };

  it('creates a new hire who starts in the future deactivated', () => {
    const action = planOne(record({ startDate: '2024-07-01' }), [], PRE_HIRE);
    expect(action).toMatchObject({ kind: 'create', active: false });
  });

  it('creates them active within the days before the start, and on the day itself', () => {
    const early = { ...OPTIONS, preHire: { daysBeforeStart: 16 } };
    const action = planOne(record({ startDate: '2024-07-01' }), [], early);
    expect(action.kind).toBe('create');
    expect(action).not.toHaveProperty('active');
    expect(planOne(record({ startDate: TODAY }), [], PRE_HIRE)).not.toHaveProperty('active');
  });

  it('keeps a pre-hire it created inactive until the day comes, then activates them', () => {
    const prehire = user({ active: false });
    const ours = { archivedBySync: new Set(['E1']) };
    const before = planOne(record({ startDate: '2024-07-01' }), [prehire], {
      ...PRE_HIRE,
      reactivate: ours,
    });
    expect(before.kind).toBe('unchanged');
    const onTheDay = planOne(record({ startDate: '2024-07-01' }), [prehire], {
      ...PRE_HIRE,
      reactivate: ours,
      today: '2024-07-01',
    });
    expect(onTheDay.kind).toBe('reactivate');
  });

  it('never deactivates an active account whose start date moved into the future', () => {
    const action = planOne(record({ startDate: '2024-07-01' }), [user()], PRE_HIRE);
    expect(action.kind).toBe('unchanged');
  });

  it('creates everyone active when the option is off', () => {
    const action = planOne(record({ startDate: '2030-01-01' }), []);
    expect(action).not.toHaveProperty('active');
  });
});
