import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import type { FieldMapping } from '../../../src/plan/field-mapping';
import { planUpsert, type UpsertPlanOptions } from '../../../src/plan/plan-upsert';

/** The HR source could not read a field tonight: its empty values must not clear anyone. */
const MAPPINGS: FieldMapping[] = [
  { field: 'jobTitle', attribute: 'title', strength: 'always' },
  { field: 'department', attribute: 'department', strength: 'always' },
  { field: 'custom.Cost center', attribute: 'costCenter', strength: 'always' },
];

const OPTIONS: UpsertPlanOptions = {
  mappings: MAPPINGS,
  emptySourceValue: 'clear',
  matchByEmail: false,
  externalIdAttribute: 'externalId',
  today: '2026-12-02',
  reactivate: { archivedBySync: new Set() },
};

const user: DirectoryUser = {
  id: 'u1',
  externalId: 'E1',
  active: true,
  attributes: { title: 'Engineer', department: 'Sales', costCenter: 'CC-1' },
};

/** Everything came back empty from HR. */
const blank: EmployeeRecord = { externalId: 'E1', custom: { 'Cost center': '' } };

function changedAttributes(options: Partial<UpsertPlanOptions>): string[] {
  const [action] = planUpsert([blank], [user], { ...OPTIONS, ...options }).actions;
  if (action?.kind === 'unchanged') return [];
  if (action?.kind !== 'update') throw new Error(`expected an update, got ${action?.kind}`);
  return action.changes.map((change) => change.attribute);
}

describe('planUpsert: keepWhenEmpty', () => {
  it('clears every empty field when nothing is marked unreadable (the setting is Clear)', () => {
    expect(changedAttributes({})).toEqual(['title', 'department', 'costCenter']);
  });

  it('never clears a marked field, canonical or custom, though the setting is Clear', () => {
    const keep = new Set(['department', 'custom.Cost center']);
    expect(changedAttributes({ keepWhenEmpty: keep })).toEqual(['title']);
  });

  it('still writes a marked field that does have a value', () => {
    const moved: EmployeeRecord = { externalId: 'E1', department: 'Finance', custom: {} };
    const [action] = planUpsert([moved], [user], {
      ...OPTIONS,
      keepWhenEmpty: new Set(['department']),
    }).actions;
    expect(action?.kind === 'update' && action.changes).toEqual([
      { attribute: 'title', field: 'jobTitle', from: 'Engineer', to: null },
      { attribute: 'department', field: 'department', from: 'Sales', to: 'Finance' },
      { attribute: 'costCenter', field: 'custom.Cost center', from: 'CC-1', to: null },
    ]);
  });

  it('leaves all empty fields alone when the setting is Leave, marked or not', () => {
    expect(
      changedAttributes({ emptySourceValue: 'leave', keepWhenEmpty: new Set(['department']) }),
    ).toEqual([]);
  });
});
