import { checkFieldPermissions, type FieldReportEntry } from '../../../../src/sources/hr-systems';

const entry = (
  field: string,
  canonical: FieldReportEntry['canonical'],
  unfilled: number,
  total = 100,
): FieldReportEntry => ({
  field,
  canonical,
  emptyRows: unfilled,
  missingRows: 0,
  total,
});

it('warns about a field empty or missing in every row, and lists it for the upsert', () => {
  const report = [
    { field: 'dept', canonical: 'department' as const, emptyRows: 60, missingRows: 40, total: 100 },
    entry('first', 'firstName', 0),
  ];
  const check = checkFieldPermissions(report, undefined, { system: 'BambooHR' });
  expect(check.unreadableFields).toEqual(['department']);
  expect(check.warnings).toEqual([
    'BambooHR returned no value for "dept" (department) for any of the 100 employees: check the API ' +
      "user's field permissions in BambooHR; until then department is not cleared on the platform.",
  ]);
});

it('names a custom field the way the upsert maps it: custom.<name>', () => {
  const check = checkFieldPermissions([entry('cc', 'custom:Cost center', 100)], undefined, {
    system: 'HiBob',
  });
  expect(check.unreadableFields).toEqual(['custom.Cost center']);
});

it('stays quiet about a field that is empty for some employees, without a last run to compare', () => {
  expect(checkFieldPermissions([entry('end', 'endDate', 90)], undefined, { system: 'X' })).toEqual({
    warnings: [],
    unreadableFields: [],
  });
});

it('warns when far more rows lack the field than in the last run', () => {
  const check = checkFieldPermissions(
    [entry('phone', 'mobilePhone', 70)],
    [entry('phone', 'mobilePhone', 10)],
    {
      system: 'Personio',
    },
  );
  expect(check.unreadableFields).toEqual(['mobilePhone']);
  expect(check.warnings[0]).toMatch(/for 70 of 100 employees, against 10 of 100 in the last run/);
});

it('does not warn about an ordinary change since the last run', () => {
  const check = checkFieldPermissions(
    [entry('end', 'endDate', 85)],
    [entry('end', 'endDate', 80)],
    { system: 'X' },
  );
  expect(check.warnings).toEqual([]);
});

it('does not warn a small company about a jump of one or two rows', () => {
  const check = checkFieldPermissions(
    [entry('dept', 'department', 2, 4)],
    [entry('dept', 'department', 0, 4)],
    {
      system: 'X',
    },
  );
  expect(check.warnings).toEqual([]);
});

it('skips an empty read: no employees, nothing to judge', () => {
  expect(
    checkFieldPermissions([entry('dept', 'department', 0, 0)], undefined, { system: 'X' }).warnings,
  ).toEqual([]);
});
