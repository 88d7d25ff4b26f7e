import fc from 'fast-check';
import type { BrakeOptions } from '../../../src/plan/brakes';
import { planArchive, type ArchivePlanOptions } from '../../../src/plan/plan-archive';
import type { DirectoryUser } from '../../../src/targets/directory';
import { TODAY, daysBefore, snapshot } from './archive-fixtures';

/** External IDs from a small pool, so users and snapshot overlap often; '' is "no ID". */
const externalId = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => `E${n}`), weight: 6 },
  { arbitrary: fc.integer({ min: 1, max: 5 }).map((n) => `X${n}`), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const users: fc.Arbitrary<DirectoryUser[]> = fc
  .array(fc.record({ externalId, active: fc.boolean() }), { maxLength: 40 })
  .map((entries) =>
    entries.map((entry, index): DirectoryUser => ({
      id: `u${index}`,
      ...(entry.externalId !== undefined ? { externalId: entry.externalId } : {}),
      active: entry.active,
      attributes: {},
    })),
  );

/** IDs the source names beyond the directory's users (new hires, rejected rows). */
const extraIds = fc.uniqueArray(
  fc.oneof(
    fc.integer({ min: 1, max: 30 }).map((n) => `E${n}`),
    fc.integer({ min: 1, max: 5 }).map((n) => `X${n}`),
  ),
  { maxLength: 10 },
);

const brakes: fc.Arbitrary<BrakeOptions> = fc.record(
  {
    maxPercentage: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 10, max: 40 })),
    maxCount: fc.integer({ min: 0, max: 10 }),
    maxShrinkPercentage: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: ['maxPercentage', 'maxShrinkPercentage'] },
);

const scenario = fc.record({
  users,
  /** Per directory user: still in the source (mostly), so plans that pass the brakes are common. */
  inSource: fc.array(
    fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    {
      minLength: 40,
      maxLength: 40,
    },
  ),
  extraIds,
  leavingMask: fc.array(
    fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    { minLength: 50, maxLength: 50 },
  ),
  brakes,
  prefix: fc.option(fc.constantFrom('', 'E', 'X'), { nil: undefined }),
  deleteAfterDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  lastSnapshotSize: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined, freq: 2 }),
  /** Whether the admin approves the code the plan printed (the second plan then uses it). */
  approve: fc.boolean(),
  /** Which of the pool's IDs the ledger owns. */
  owned: fc.uniqueArray(
    fc.oneof(
      fc.integer({ min: 1, max: 30 }).map((n) => `E${n}`),
      fc.integer({ min: 1, max: 5 }).map((n) => `X${n}`),
    ),
    { maxLength: 35 },
  ),
  memory: fc.dictionary(
    fc.integer({ min: 1, max: 30 }).map((n) => `E${n}`),
    fc.integer({ min: 0, max: 120 }).map((days) => daysBefore(TODAY, days)),
  ),
});

describe('planArchive (property)', () => {
  it('unless approved, never archives or deletes more than the limits allow, and never touches a user it does not own', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const ids = [
          ...new Set([
            ...input.users
              .filter((entry, index) => entry.externalId && input.inSource[index])
              .map((entry) => entry.externalId as string),
            ...input.extraIds,
          ]),
        ];
        const leaving: Record<string, string> = {};
        ids.forEach((id, index) => {
          if (input.leavingMask[index]) leaving[id] = 'Their end date 2024-01-01 has passed.';
        });
        const owned = new Set(input.owned);
        const unapproved: ArchivePlanOptions = {
          brakes: input.brakes,
          owned,
          archivedSince: input.memory,
          today: TODAY,
          ...(input.prefix !== undefined ? { externalIdPrefix: input.prefix } : {}),
          ...(input.deleteAfterDays !== undefined
            ? { deleteAfterDays: input.deleteAfterDays }
            : {}),
          ...(input.lastSnapshotSize !== undefined
            ? { lastSnapshotSize: input.lastSnapshotSize }
            : {}),
        };
        const first = planArchive(input.users, snapshot(ids, leaving), unapproved);
        const options: ArchivePlanOptions = input.approve
          ? { ...unapproved, brakes: { ...input.brakes, approvedPlanCode: first.approvalCode } }
          : unapproved;
        const plan = planArchive(input.users, snapshot(ids, leaving), options);

        const prefix = input.prefix ?? '';
        const isManaged = (entry: DirectoryUser): boolean =>
          entry.externalId !== undefined &&
          entry.externalId !== '' &&
          entry.externalId.startsWith(prefix) &&
          owned.has(entry.externalId);
        const managedActive = input.users.filter((entry) => entry.active && isManaged(entry));
        expect(plan.managedActive).toBe(managedActive.length);

        // Never a user without an external ID, or outside the prefix; only users of the directory.
        for (const action of plan.actions) {
          expect(input.users).toContain(action.user);
          expect(isManaged(action.user)).toBe(true);
          expect(action.externalId).toBe(action.user.externalId);
        }

        if (plan.stopped) {
          expect(plan.actions).toEqual([]);
          expect(plan.archivedSince).toEqual(input.memory);
          return;
        }
        expect(ids.length).toBeGreaterThan(0);
        const removals = plan.actions.length;
        const approved = input.approve && plan.brakes.some((brake) => brake.approved === true);
        // An approval lets through only the very plan it was printed for.
        if (approved) expect(plan.approvalCode).toBe(first.approvalCode);
        // In whole numbers, so the check itself has no rounding: removals / managed <= limit%.
        if (removals * 100 > input.brakes.maxPercentage * managedActive.length) {
          expect(approved).toBe(true);
        }
        if (input.brakes.maxCount && removals > input.brakes.maxCount) {
          expect(approved).toBe(true);
        }
        // Whatever was approved, an archived user was active and either gone or leaving.
        for (const action of plan.actions) {
          if (action.kind === 'archive') {
            expect(action.user.active).toBe(true);
            expect(!ids.includes(action.externalId) || action.externalId in leaving).toBe(true);
          } else {
            expect(action.user.active).toBe(false);
            // Only a user this sync archived itself is ever deleted.
            expect(input.memory[action.externalId]).toBeDefined();
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
