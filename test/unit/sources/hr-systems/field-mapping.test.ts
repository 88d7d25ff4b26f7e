import { checkItems } from '../../../../src/check/check-items';
import type { ValidRow } from '../../../../src/check/check-rows';
import {
  HrFieldMapError,
  buildRows,
  resolveFieldMap,
  textOf,
  type RawEmployee,
} from '../../../../src/sources/hr-systems';

const DEFAULTS = {
  number: 'externalId',
  first: 'firstName',
  last: 'lastName',
  dept: 'department',
  boss: 'managerExternalId',
} as const;

describe('resolveFieldMap', () => {
  it('puts the overrides on top of the defaults, and null drops a default', () => {
    expect(resolveFieldMap(DEFAULTS, { dept: null, cost: 'custom:Cost center' })).toEqual({
      number: 'externalId',
      first: 'firstName',
      last: 'lastName',
      boss: 'managerExternalId',
      cost: 'custom:Cost center',
    });
  });

  it('refuses a target that is neither a record field nor custom:<name>', () => {
    expect(() => resolveFieldMap(DEFAULTS, { x: 'colour' as never })).toThrow(HrFieldMapError);
  });

  it('refuses two HR fields feeding one record field', () => {
    expect(() => resolveFieldMap(DEFAULTS, { section: 'department' })).toThrow(
      /"dept" and "section" are both mapped to department/,
    );
  });

  it('refuses a mapping without an external ID', () => {
    expect(() => resolveFieldMap(DEFAULTS, { number: null })).toThrow(/externalId/);
  });
});

const employees: RawEmployee[] = [
  { hrId: '7', values: { number: 'E1', first: 'Ada', last: 'Lovelace', dept: 'R&D', boss: null } },
  { hrId: '8', values: { number: 'E2', first: 'Alan', last: 'Turing', dept: '', boss: '7' } },
  { hrId: '9', values: { number: 'E3', first: 'Grace', last: 'Hopper', boss: '99' } },
];

describe('buildRows', () => {
  const built = buildRows(employees, resolveFieldMap(DEFAULTS, { cost: 'custom:Cost center' }), {
    managerRefField: 'boss',
  });

  it('keys each row by record field, with its line and its HR ID', () => {
    expect(built.rows[0]).toEqual({
      line: 1,
      hrSystemId: '7',
      externalId: 'E1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      department: 'R&D',
      managerExternalId: '',
      'custom:Cost center': '',
    });
  });

  it("turns the manager's HR ID into the manager's external ID, and counts managers not read", () => {
    expect(built.rows[1]?.managerExternalId).toBe('E1');
    expect(built.rows[2]?.managerExternalId).toBe('');
    expect(built.unknownManagers).toBe(1);
  });

  it('tells a field left out from a field that came back empty', () => {
    expect(built.fieldReport.find((entry) => entry.field === 'dept')).toEqual({
      field: 'dept',
      canonical: 'department',
      emptyRows: 1,
      missingRows: 1,
      total: 3,
    });
    expect(built.fieldReport.find((entry) => entry.field === 'cost')).toMatchObject({
      missingRows: 3,
    });
  });

  it('gives the column mapping that CSV Parse & Validate needs to read the keys as meant', async () => {
    expect(built.columns).toMatchObject({
      hrSystemId: 'custom:hrSystemId',
      'custom:Cost center': 'custom:Cost center',
    });
    const valid: ValidRow[] = [];
    const rows = built.rows.map((row) => ({
      ...row,
      'custom:Cost center': 'CC1',
      country: 'NL',
      language: 'en',
      email: `${row.externalId}@example.com`,
    }));
    const report = await checkItems(
      rows,
      {
        mapping: {
          columns: { ...built.columns, country: 'country', language: 'language', email: 'email' },
        },
      },
      {
        valid: (row) => {
          valid.push(row);
        },
      },
    );
    expect(report.columns).toEqual(
      expect.arrayContaining([
        { column: 'custom:Cost center', field: 'Cost center', custom: true },
        { column: 'hrSystemId', field: 'hrSystemId', custom: true },
        { column: 'externalId', field: 'externalId', custom: false },
      ]),
    );
    expect(report.issues).toEqual([]);
    expect(report.rows).toBe(3);
    expect(valid[0]?.record.custom).toMatchObject({ 'Cost center': 'CC1', hrSystemId: '7' });
    expect(valid[1]?.record.managerExternalId).toBe('E1');
  });
});

describe('textOf', () => {
  it('reads the wrappers HR APIs put around values', () => {
    expect(textOf({ value: 'x' })).toBe('x');
    expect(textOf({ name: 'Sales', id: 3 })).toBe('Sales');
    expect(textOf({ id: 12 })).toBe('12');
    expect(textOf(['a', null, 'b'])).toBe('a,b');
    expect(textOf(42)).toBe('42');
    expect(textOf('  padded ')).toBe('padded');
    expect(textOf(undefined)).toBe('');
  });
});
