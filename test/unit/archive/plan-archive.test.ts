import type { BrakeOptions } from '../../../src/plan/brakes';
import { leavingReason, planArchive, type ArchiveAction } from '../../../src/plan/plan-archive';
import { TODAY, activeUsers, daysBefore, planOptions, snapshot, user } from './archive-fixtures';

/** Brakes that never trip on percentage or shrink, for tests about who is archived. */
const LOOSE: BrakeOptions = { maxPercentage: 100, maxShrinkPercentage: 100 };

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
    it('leaves an inactive user who is back in the snapshot to the upsert, and forgets their date', () => {
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
      expect(plan.archivedSince).toEqual({});
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

    it('remembers an inactive missing user from memory, or from today when memory has none', () => {
      const plan = planArchive(
        [user('E1'), user('OLD', false), user('NEW', false)],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, archivedSince: { OLD: '2024-05-01' } }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.archivedSince).toEqual({ OLD: '2024-05-01', NEW: TODAY });
      expect(plan.managedActive).toBe(1);
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
          reason: `Archived since ${daysBefore(TODAY, 30)}, more than 30 days ago.`,
        },
        {
          kind: 'delete',
          externalId: 'PAST',
          user: current[2],
          reason: `Archived since ${daysBefore(TODAY, 400)}, more than 30 days ago.`,
        },
      ]);
      expect(plan.archivedSince).toEqual({ BEFORE: daysBefore(TODAY, 29) });
    });

    it('deletes on the first day with a grace period of 0', () => {
      const plan = planArchive(
        [user('E1'), user('NEW', false)],
        snapshot(['E1']),
        planOptions({ brakes: LOOSE, deleteAfterDays: 0 }),
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
      expect(plan.brakes.find((brake) => brake.brake === 'max_percentage')).toMatchObject({
        tripped: true,
        actual: 50,
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

    it('counts archives, not deletes, against the percentage brake', () => {
      const current = [...activeUsers(20), user('D1', false), user('D2', false), user('D3', false)];
      const plan = planArchive(
        current,
        snapshot(activeUsers(18).map((entry) => entry.externalId as string)),
        planOptions({
          deleteAfterDays: 1,
          archivedSince: { D1: '2024-01-01', D2: '2024-01-01', D3: '2024-01-01' },
        }),
      );
      expect(plan.stopped).toBe(false);
      expect(summary(plan.actions)).toEqual([
        'archive E19',
        'archive E20',
        'delete D1',
        'delete D2',
        'delete D3',
      ]);
    });

    it('archives what the admin approved once when the count matches exactly', () => {
      const current = activeUsers(10);
      const ids = ['E1', 'E2', 'E3', 'E4', 'E5'];
      const approved = planArchive(
        current,
        snapshot(ids),
        planOptions({
          brakes: { maxPercentage: 10, maxShrinkPercentage: 20, approvedArchiveCount: 5 },
        }),
      );
      expect(approved.stopped).toBe(false);
      expect(approved.actions).toHaveLength(5);
      const stale = planArchive(
        current,
        snapshot(ids),
        planOptions({
          brakes: { maxPercentage: 10, maxShrinkPercentage: 20, approvedArchiveCount: 4 },
        }),
      );
      expect(stale.stopped).toBe(true);
      expect(stale.actions).toEqual([]);
    });
  });

  describe('what it remembers', () => {
    it('records archives with today, keeps the still archived, drops the deleted and the gone', () => {
      const current = [...activeUsers(18), user('GONE'), user('KEPT', false), user('DEL', false)];
      const plan = planArchive(
        current,
        snapshot(activeUsers(18).map((entry) => entry.externalId as string)),
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
      expect(plan.managedActive).toBe(19);
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
        '0 of 2 users (0%) to archive, within 10%.',
      );
    });
  });
});
