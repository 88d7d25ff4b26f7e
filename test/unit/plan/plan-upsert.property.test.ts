import fc from 'fast-check';
import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import {
  MAPPING_STRENGTHS,
  type FieldMapping,
  type MappingStrength,
} from '../../../src/plan/field-mapping';
import { planUpsert, type UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { PlannedAction } from '../../../src/plan/sync-plan';
import { countActions } from '../../../src/plan/sync-plan';

const MAPPED_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'privateEmail',
  'mobilePhone',
  'jobTitle',
  'department',
  'tags',
  'custom.Cost center',
] as const;

/** Text with surrounding spaces, case and the empty string, as HR files have them. */
const text = fc.oneof(
  fc.constant(''),
  fc.constant('  '),
  fc.stringMatching(/^ ?[A-Za-z@.]{1,8} ?$/),
);

const optionalText = fc.option(text, { nil: undefined });

const records: fc.Arbitrary<EmployeeRecord[]> = fc
  .uniqueArray(
    fc.record({
      externalId: fc.stringMatching(/^ ?E[0-9]{1,4} ?$/),
      email: optionalText,
      firstName: optionalText,
      lastName: optionalText,
      privateEmail: optionalText,
      mobilePhone: optionalText,
      jobTitle: optionalText,
      department: optionalText,
      tags: fc.option(fc.array(fc.stringMatching(/^ ?[A-Za-z]{0,5} ?$/), { maxLength: 3 }), {
        nil: undefined,
      }),
      costCenter: optionalText,
    }),
    { maxLength: 8, selector: (entry) => entry.externalId.trim() },
  )
  .map((entries) =>
    entries.map(({ costCenter, ...fields }): EmployeeRecord => {
      const record: EmployeeRecord = {
        custom: costCenter === undefined ? {} : { 'Cost center': costCenter },
      };
      for (const [field, value] of Object.entries(fields)) {
        if (value !== undefined) Object.assign(record, { [field]: value });
      }
      return record;
    }),
  );

const options: fc.Arbitrary<UpsertPlanOptions> = fc.record({
  mappings: fc
    .array(fc.constantFrom<MappingStrength>(...MAPPING_STRENGTHS), {
      minLength: MAPPED_FIELDS.length,
      maxLength: MAPPED_FIELDS.length,
    })
    .map((strengths) =>
      MAPPED_FIELDS.map((field, index): FieldMapping => ({
        field,
        attribute: `attr_${index}`,
        strength: strengths[index]!,
      })),
    ),
  emptySourceValue: fc.constantFrom('clear' as const, 'leave' as const),
  matchByEmail: fc.boolean(),
  externalIdAttribute: fc.constant('external_id'),
  today: fc.constant('2024-06-15'),
  reactivate: fc.constant({ archivedBySync: new Set<string>(), hrStatusWins: true }),
});

/** The user a target would hold after performing a create action exactly. */
function createdUser(action: PlannedAction, index: number, record: EmployeeRecord): DirectoryUser {
  if (action.kind !== 'create') throw new Error(`expected a create, got ${action.kind}`);
  return {
    id: `u${index}`,
    externalId: action.externalId,
    ...(record.email?.trim() ? { email: record.email.trim() } : {}),
    active: true,
    attributes: { ...action.attributes },
  };
}

describe('planUpsert properties', () => {
  it('plans every record unchanged against the users its own creates would make', () => {
    fc.assert(
      fc.property(records, options, (desired, planOptions) => {
        const first = planUpsert(desired, [], planOptions);
        expect(countActions(first.actions).create).toBe(desired.length);
        const users = first.actions.map((action, index) =>
          createdUser(action, index, desired[index]!),
        );
        const second = planUpsert(desired, users, planOptions);
        expect(second.actions.map((action) => action.kind)).toEqual(desired.map(() => 'unchanged'));
        expect(countActions(second.actions).unchanged).toBe(desired.length);
      }),
      { numRuns: 300 },
    );
  });

  it('plans every record unchanged after its update changes are written to the user', () => {
    fc.assert(
      fc.property(records, records, options, (desired, before, planOptions) => {
        // Users hold what an older version of HR (`before`) wrote, under the desired IDs.
        const older = desired.map((record, index) => ({
          ...(before[index] ?? { custom: {} }),
          externalId: record.externalId,
        }));
        const users = planUpsert(older, [], planOptions).actions.map((action, index) =>
          createdUser(action, index, older[index]!),
        );
        const plan = planUpsert(desired, users, planOptions);
        const after = plan.actions.map((action, index): DirectoryUser => {
          const user = users[index]!;
          if (action.kind !== 'update') return user;
          const attributes = { ...user.attributes };
          for (const change of action.changes) attributes[change.attribute] = change.to;
          return { ...user, attributes };
        });
        const again = planUpsert(desired, after, planOptions);
        expect(again.actions.map((action) => action.kind)).toEqual(desired.map(() => 'unchanged'));
      }),
      { numRuns: 300 },
    );
  });
});
