import type { BrakeOptions } from '../../../src/plan/brakes';
import { leavingReason, planArchive, type ArchiveAction } from '../../../src/plan/plan-archive';
import { TODAY, activeUsers, daysBefore, planOptions, snapshot, user } from './archive-fixtures';

/** Brakes that never trip on percentage or shrink, for tests about who is archived. */
// Deletes count too, and can outnumber the active users: the percentage is not capped at 100.
const LOOSE: BrakeOptions = { maxPercentage: 1_000_000, maxShrinkPercentage: 100 };

const summary = (actions: ArchiveAction[]): string[] =>
  actions.map((action) => `${action.kind} ${action.externalId}`);

describe('leavingReason', () => {
  it('says the source archived them when archivedAt is today or in the past', () => {
    expect(leavingReason({ archivedAt: TODAY }, TODAY)).toBe(
      `The source archived them on ${TODAY}.`,
    );
    expect(leavingReason({ archivedAt: '2024-01-02' }, TODAY)).toBe(
      'The source archived them on 2024-01-02.',
    );
  });

  it('reads only the date of an archivedAt with a time', () => {
    expect(leavingReason({ archivedAt: `${TODAY} 23:59:59` }, TODAY)).toBe(
      `The source archived them on ${TODAY} 23:59:59.`,
    );
    expect(leavingReason({ archivedAt: '2024-06-16 00:00:00' }, TODAY)).toBeUndefined();
  });

  it('does not count an archivedAt in the future', () => {
    expect(leavingReason({ archivedAt: '2024-06-16' }, TODAY)).toBeUndefined();
  });

  it('says the end date has passed only when it is before today', () => {
    expect(leavingReason({ endDate: '2024-06-14' }, TODAY)).toBe(
      'Their end date 2024-06-14 has passed.',
    );
    expect(leavingReason({ endDate: TODAY }, TODAY)).toBeUndefined();
    expect(leavingReason({ endDate: '2025-01-01' }, TODAY)).toBeUndefined();
  });

  it('returns nothing without either date, or for empty ones', () => {
    expect(leavingReason({}, TODAY)).toBeUndefined();
    expect(leavingReason({ archivedAt: '', endDate: '' }, TODAY)).toBeUndefined();
  });

  it('prefers the archive date when both say they left', () => {
    expect(leavingReason({ archivedAt: '2024-06-01', endDate: '2024-05-31' }, TODAY)).toBe(
      'The source archived them on 2024-06-01.',
    );
  });
});

describe('planArchive', () => {
  describe('who the sync manages', () => {
    it('never touches users without an external ID, whatever their state or memory', () => {
      const manual = [
        user(undefined, true, 'manual-active'),
        user(undefined, false, 'manual-inactive'),
        user('', true, 'blank-active'),
        user('', false, 'blank-inactive'),
      ];
      const plan = planArchive([...manual, user('E1')], snapshot(['E1']), {
        ...planOptions({ brakes: LOOSE, deleteAfterDays: 0 }),
        archivedSince: { '': '2020-01-01' },
      });
      expect(plan.actions).toEqual([]);
      expect(plan.managedActive).toBe(1);
      expect(plan.archivedSince).toEqual({});
      expect(plan.stopped).toBe(false);
    });

    it('never touches users outside the external ID prefix', () => {
      const current = [
        user('HR-1'),
        user('HR-2'),
        user('X-1'),
        user('X-2', false),
        user('hr-3'), // the prefix is case-sensitive
      ];
      const plan = planArchive(
        current,
        snapshot(['HR-1']),
        planOptions({
          brakes: LOOSE,
          externalIdPrefix: 'HR-',
          deleteAfterDays: 0,
          archivedSince: { 'X-2': '2020-01-01' },
        }),
      );
      expect(summary(plan.actions)).toEqual(['archive HR-2']);
      expect(plan.managedActive).toBe(2);
      expect(plan.archivedSince).toEqual({ 'HR-2': TODAY });
    });

    it('manages any external ID without a prefix', () => {
      const plan = planArchive(
        [user('A'), user('B-1'), user('zz')],
        snapshot(['A']),
        planOptions({ brakes: LOOSE }),
      );
      expect(summary(plan.actions)).toEqual(['archive B-1', 'archive zz']);
      expect(plan.managedActive).toBe(3);
    });
  });

  describe('active users', () => {
    it('archives an active managed user missing from the snapshot', () => {
      const current = [...activeUsers(19), user('GONE')];
      const plan = planArchive(
        current,
        snapshot(activeUsers(19).map((entry) => entry.externalId as string)),
        planOptions(),
      );
      expect(plan.stopped).toBe(false);
      expect(plan.actions).toEqual([
        {
          kind: 'archive',
          externalId: 'GONE',
          user: current[19],
          reason: 'No longer in the source.',
        },
      ]);
      expect(plan.managedActive).toBe(20);
    });

    it('leaves a user the snapshot names alone, whether their row was valid or rejected', () => {
      // The snapshot is IDs only: a rejected row names an employee who is still there.
      const valid = 'E1';
      const rejected = 'E2';
      const plan = planArchive(
        [user(valid), user(rejected)],
        snapshot([valid, rejected]),
        planOptions(),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.managedActive).toBe(2);
      expect(plan.archivedSince).toEqual({});
    });

    it.each([
      ['archivedAt today', { archivedAt: TODAY }],
      ['archivedAt in the past', { archivedAt: '2024-03-01' }],
      ['an end date in the past', { endDate: '2024-06-14' }],
    ])('archives a user the source names but who is leaving (%s), with that reason', (_, dates) => {
      const reason = leavingReason(dates, TODAY) as string;
      expect(reason).toBeDefined();
      const plan = planArchive(
        [user('E1'), user('E2')],
        snapshot(['E1', 'E2'], { E2: reason }),
        planOptions({ brakes: LOOSE }),
      );
      expect(plan.actions).toEqual([
        { kind: 'archive', externalId: 'E2', user: user('E2'), reason },
      ]);
      expect(plan.archivedSince).toEqual({ E2: TODAY });
    });

    it.each([
      ['an end date today', { endDate: TODAY }],
      ['an end date in the future', { endDate: '2024-12-31' }],
      ['archivedAt in the future', { archivedAt: '2024-07-01' }],
    ])('does not archive a user with %s', (_, dates) => {
      const reason = leavingReason(dates, TODAY);
      const plan = planArchive(
        [user('E1')],
        snapshot(['E1'], reason ? { E1: reason } : {}),
        planOptions({ brakes: LOOSE }),
      );
      expect(plan.actions).toEqual([]);
    });
  });

  describe('inactive users', () => {
    it('leaves an inactive user who is back in the snapshot to the upsert, and keeps their date for it', () => {
      const plan = planArchive(
        [user('E1'), user('BACK', false)],
        snapshot(['E1', 'BACK']),
        planOptions({
          brakes: LOOSE,
          deleteAfterDays: 30,
          archivedSince: { BACK: '2020-01-01' },
        }),
      );
      expect(plan.actions).toEqual([]);
      // The upsert reactivates only users this sync archived: it reads this date.
      expect(plan.archivedSince).toEqual({ BACK: '2020-01-01' });
      expect(plan.managedActive).toBe(1);
    });

    it('keeps an inactive user the source names as leaving archived, with their date', () => {
      const plan = planArchive(
        [user('E1'), user('LEFT', false)],
        snapshot(['E1', 'LEFT'], { LEFT: 'Their end date 2024-01-01 has passed.' }),
        planOptions({ brakes: LOOSE, archivedSince: { LEFT: '2024-02-01' } }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.archivedSince).toEqual({ LEFT: '2024-02-01' });
    });

    it('remembers the date of an inactive missing user it archived, and never dates one deactivated by someone else', () => {
      const plan = planArchive(
        [user('E1'), user('OLD', false), user('BY_OTHERS', false)],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, archivedSince: { OLD: '2024-05-01' } }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.archivedSince).toEqual({ OLD: '2024-05-01' });
      expect(plan.managedActive).toBe(1);
    });

    it('never deletes a user deactivated by someone else, however long they stay missing', () => {
      // The finding: a user deactivated by another tool was dated on first sight and deleted
      // 30 days later. Run after run, with a grace period of 0 and 30, they are never deleted.
      const current = [user('E1'), user('BY_OTHERS', false)];
      for (const deleteAfterDays of [0, 30]) {
        let archivedSince: Record<string, string> = {};
        for (let night = 0; night < 40; night++) {
          const plan = planArchive(
            current,
            snapshot(['E1']),
            planOptions({ brakes: LOOSE, deleteAfterDays, archivedSince }),
          );
          expect(plan.actions).toEqual([]);
          archivedSince = plan.archivedSince;
        }
        expect(archivedSince).toEqual({});
      }
    });

    it('never deletes without deleteAfterDays, however long ago they were archived', () => {
      const plan = planArchive(
        [user('E1'), user('OLD', false)],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, archivedSince: { OLD: '2000-01-01' } }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.archivedSince).toEqual({ OLD: '2000-01-01' });
    });

    it('deletes once the days since the archive reach the grace period, not a day before', () => {
      const current = [user('E1'), user('AT', false), user('PAST', false), user('BEFORE', false)];
      const plan = planArchive(
        current,
        snapshot(['E1']),
        planOptions({
          brakes: LOOSE,
          deleteAfterDays: 30,
          archivedSince: {
            AT: daysBefore(TODAY, 30),
            PAST: daysBefore(TODAY, 400),
            BEFORE: daysBefore(TODAY, 29),
          },
        }),
      );
      expect(plan.actions).toEqual([
        {
          kind: 'delete',
          externalId: 'AT',
          user: current[1],
          reason: `Archived by this sync on ${daysBefore(TODAY, 30)}, more than 30 days ago.`,
        },
        {
          kind: 'delete',
          externalId: 'PAST',
          user: current[2],
          reason: `Archived by this sync on ${daysBefore(TODAY, 400)}, more than 30 days ago.`,
        },
      ]);
      expect(plan.archivedSince).toEqual({ BEFORE: daysBefore(TODAY, 29) });
    });

    it('deletes on the first day with a grace period of 0', () => {
      const plan = planArchive(
        [user('E1'), user('NEW', false)],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, deleteAfterDays: 0, archivedSince: { NEW: TODAY } }),
      );
      expect(summary(plan.actions)).toEqual(['delete NEW']);
      expect(plan.archivedSince).toEqual({});
    });
  });

  describe('the brakes', () => {
    it('stops with no actions and the memory unchanged when a brake trips', () => {
      const archivedSince = { OLD: '2020-01-01', STALE: '2021-01-01' };
      const current = [...activeUsers(10), user('OLD', false)];
      const plan = planArchive(
        current,
        snapshot(['E1', 'E2', 'E3', 'E4', 'E5']),
        planOptions({ deleteAfterDays: 30, archivedSince }),
      );
      expect(plan.stopped).toBe(true);
      expect(plan.actions).toEqual([]);
      expect(plan.archivedSince).toEqual(archivedSince);
      expect(plan.archivedSince).not.toBe(archivedSince);
      expect(plan.managedActive).toBe(10);
      // 5 archives and OLD's delete, of 10 active users.
      expect(plan.brakes.find((brake) => brake.brake === 'max_percentage')).toMatchObject({
        tripped: true,
        actual: 60,
      });
    });

    it('stops on an empty snapshot, even when everyone would be within the limits', () => {
      const plan = planArchive(
        [user('E1', false)],
        snapshot([]),
        planOptions({ brakes: LOOSE, deleteAfterDays: 0 }),
      );
      expect(plan.stopped).toBe(true);
      expect(plan.actions).toEqual([]);
      expect(plan.brakes.filter((brake) => brake.tripped).map((brake) => brake.brake)).toEqual([
        'empty_snapshot',
      ]);
    });

    it('passes the last snapshot size to the shrink brake', () => {
      // 20 of last night's 40 remain, and one of the platform's 20 users is missing tonight.
      const ids = activeUsers(20).map((entry) => entry.externalId as string);
      const shrunk = planArchive(
        activeUsers(20),
        snapshot(ids.slice(1)),
        planOptions({ lastSnapshotSize: 38 }),
      );
      expect(shrunk.stopped).toBe(true);
      expect(shrunk.brakes.find((brake) => brake.brake === 'snapshot_shrunk')).toMatchObject({
        tripped: true,
        actual: 50,
      });
      const noHistory = planArchive(activeUsers(20), snapshot(ids), planOptions());
      expect(noHistory.brakes.map((brake) => brake.brake)).not.toContain('snapshot_shrunk');
    });

    it('counts deletes with the archives against the percentage brake', () => {
      // The finding: 500 deletes went through with Max Archives (Count) at 5.
      const current = [...activeUsers(20), user('D1', false), user('D2', false), user('D3', false)];
      const archivedSince = { D1: '2024-01-01', D2: '2024-01-01', D3: '2024-01-01' };
      const plan = planArchive(
        current,
        snapshot(activeUsers(18).map((entry) => entry.externalId as string)),
        planOptions({ deleteAfterDays: 1, archivedSince }),
      );
      expect(plan.stopped).toBe(true);
      expect(plan.actions).toEqual([]);
      expect(plan.brakes.find((brake) => brake.brake === 'max_percentage')).toMatchObject({
        tripped: true,
        actual: 25,
      });
      expect(plan.brakes.find((brake) => brake.brake === 'max_percentage')?.message).toContain(
        '2 archives and 3 deletes (5 users) of 20 users (25%) would be archived or deleted',
      );
    });

    it('counts deletes against the count brake, even with no archive at all', () => {
      const current = [
        user('E1'),
        ...Array.from({ length: 500 }, (_, i) => user(`D${i + 1}`, false)),
      ];
      const archivedSince = Object.fromEntries(
        current.slice(1).map((entry) => [entry.externalId as string, '2024-01-01']),
      );
      const plan = planArchive(
        current,
        snapshot(['E1']),
        planOptions({
          brakes: { maxPercentage: 100000, maxShrinkPercentage: 100, maxCount: 5 },
          deleteAfterDays: 30,
          archivedSince,
        }),
      );
      expect(plan.stopped).toBe(true);
      expect(plan.actions).toEqual([]);
      expect(plan.brakes.find((brake) => brake.brake === 'max_count')).toMatchObject({
        tripped: true,
        actual: 500,
      });
    });

    it('archives exactly the plan the admin approved by its code, and no other plan of the same size', () => {
      const current = activeUsers(10);
      const stopped = planArchive(current, snapshot(['E1', 'E2', 'E3', 'E4', 'E5']), planOptions());
      expect(stopped.stopped).toBe(true);
      const code = stopped.approvalCode;
      expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
      expect(stopped.brakes.find((b) => b.tripped)?.message).toContain(`"Approve Plan" to ${code}`);

      const brakes = { maxPercentage: 10, maxShrinkPercentage: 20, approvedPlanCode: code };
      const approved = planArchive(
        current,
        snapshot(['E1', 'E2', 'E3', 'E4', 'E5']),
        planOptions({ brakes }),
      );
      expect(approved.stopped).toBe(false);
      expect(summary(approved.actions)).toEqual([
        'archive E6',
        'archive E7',
        'archive E8',
        'archive E9',
        'archive E10',
      ]);
      // The finding: approving a count let any 5 people go. Five others are another plan.
      const otherFive = planArchive(
        current,
        snapshot(['E6', 'E7', 'E8', 'E9', 'E10']),
        planOptions({ brakes }),
      );
      expect(otherFive.stopped).toBe(true);
      expect(otherFive.actions).toEqual([]);
      expect(otherFive.approvalCode).not.toBe(code);
    });
  });

  describe('what it remembers', () => {
    it('records archives with today, keeps the still archived, drops the deleted and the gone', () => {
      // 1 archive and 1 delete of 20 active users: the 10% the brake allows.
      const current = [...activeUsers(19), user('GONE'), user('KEPT', false), user('DEL', false)];
      const plan = planArchive(
        current,
        snapshot(activeUsers(19).map((entry) => entry.externalId as string)),
        planOptions({
          deleteAfterDays: 90,
          archivedSince: {
            KEPT: '2024-05-01',
            DEL: '2024-01-01',
            REMOVED_BY_HAND: '2024-01-01', // no longer in the directory
          },
        }),
      );
      expect(plan.stopped).toBe(false);
      expect(summary(plan.actions)).toEqual(['archive GONE', 'delete DEL']);
      expect(plan.archivedSince).toEqual({ GONE: TODAY, KEPT: '2024-05-01' });
      expect(plan.managedActive).toBe(20);
    });

    it('does not change the memory it was given', () => {
      const archivedSince = Object.freeze({ DEL: '2024-01-01' });
      const plan = planArchive(
        [user('E1'), user('DEL', false), user('GONE')],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, deleteAfterDays: 1, archivedSince }),
      );
      expect(summary(plan.actions)).toEqual(['archive GONE', 'delete DEL']);
      expect(archivedSince).toEqual({ DEL: '2024-01-01' });
    });

    it('counts only managed active users', () => {
      const current = [
        user('E1'),
        user('E2'),
        user('E3', false),
        user(undefined, true, 'manual'),
        user('X-1'),
      ];
      const plan = planArchive(
        current,
        snapshot(['E1', 'E2', 'E3']),
        planOptions({ externalIdPrefix: 'E' }),
      );
      expect(plan.managedActive).toBe(2);
      expect(plan.brakes.find((brake) => brake.brake === 'max_percentage')?.message).toBe(
        '0 of 2 users (0%) to be archived, within 10%.',
      );
    });
  });

  describe('ownership', () => {
    it('never archives a user it does not own, even with an external ID and missing from the source', () => {
      // The finding: with the default empty prefix, users another tool provisioned counted as managed.
      const current = [user('OURS1'), user('OURS2'), user('OKTA-7'), user('ENTRA-9')];
      const plan = planArchive(
        current,
        snapshot(['OURS1']),
        planOptions({ brakes: LOOSE, owned: new Set(['OURS1', 'OURS2']) }),
      );
      expect(summary(plan.actions)).toEqual(['archive OURS2']);
      expect(plan.managedActive).toBe(2);
      expect(plan.held.map((hold) => hold.externalId)).toEqual(['OKTA-7', 'ENTRA-9']);
      expect(plan.held[0]?.reason).toMatch(/never created, adopted or saw/);
    });

    it('never deletes a user it does not own, whatever the memory says', () => {
      const plan = planArchive(
        [user('E1'), user('OTHER', false)],
        snapshot(['E1']),
        planOptions({
          brakes: LOOSE,
          owned: new Set(['E1']),
          deleteAfterDays: 0,
          archivedSince: { OTHER: '2020-01-01' },
        }),
      );
      expect(plan.actions).toEqual([]);
    });
  });

  describe('rows without an external ID', () => {
    it('does not archive the user whose row lost its ID but still carries their e-mail', () => {
      // The finding: a blanked ID was only counted, so that employee was archived.
      const blanked = { ...user('E2'), email: 'Ann.Smit@Example.com' };
      const plan = planArchive(
        [user('E1'), blanked, user('E3')],
        { ...snapshot(['E1', 'E3']), withoutId: [{ line: 3, email: 'ann.smit@example.com' }] },
        planOptions({ brakes: LOOSE }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.held).toEqual([
        {
          externalId: 'E2',
          reason: 'Not archived: a row without an external ID carries their e-mail.',
        },
      ]);
    });

    it('stops the archive when such a row matches nobody: it may be anyone about to be archived', () => {
      const plan = planArchive(
        [user('E1'), user('E2'), user('E3')],
        { ...snapshot(['E1', 'E3']), withoutId: [{ line: 3 }] },
        planOptions({ brakes: LOOSE }),
      );
      expect(plan.stopped).toBe(true);
      expect(plan.actions).toEqual([]);
      const brake = plan.brakes.find((entry) => entry.brake === 'rows_without_id');
      expect(brake).toMatchObject({ tripped: true, actual: 1 });
      expect(brake?.message).toContain(`"Approve Plan" to ${plan.approvalCode}`);
    });

    it('does not stop a run that archives nobody', () => {
      const plan = planArchive(
        [user('E1')],
        { ...snapshot(['E1']), withoutId: [{ line: 3 }] },
        planOptions({ brakes: LOOSE }),
      );
      expect(plan.stopped).toBe(false);
    });
  });
});
