/** How each system's answer is read into field values: Personio's join, HiBob's two notations. */
import {
  currentEmployment,
  dayOf,
  personioValue,
} from '../../../../src/sources/personio/personio-join';
import { fieldValue } from '../../../../src/sources/hibob/read-hibob';

describe('Personio: a person joined with the current employment', () => {
  const person = {
    id: '5',
    first_name: 'Ada',
    custom_attributes: [
      { id: 'dynamic_1', label: 'Cost center', value: 'CC1' },
      { id: 'dynamic_2', value: null },
    ],
  };
  const employments = [
    {
      status: 'ACTIVE',
      start_date: '2024-01-01T00:00:00Z',
      org_units: [
        { type: 'team', name: 'T' },
        { type: 'department', id: 'd9', name: 'Sales' },
      ],
    },
    { status: 'INACTIVE', start_date: '2019-01-01' },
  ];

  it('takes the first employment: Personio lists the most recent first', () => {
    expect(currentEmployment(employments)).toBe(employments[0]);
  });

  it('reads person fields, employment paths, and org units by type', () => {
    const employment = currentEmployment(employments);
    expect(personioValue(person, employment, 'first_name')).toBe('Ada');
    expect(personioValue(person, employment, 'employment.status')).toBe('ACTIVE');
    expect(personioValue(person, employment, 'employment.org_units.department')).toBe('Sales');
    expect(dayOf(personioValue(person, employment, 'employment.start_date'))).toBe('2024-01-01');
  });

  it('reads a custom attribute by label or ID, and tells empty from absent', () => {
    expect(personioValue(person, undefined, 'custom_attributes.cost center')).toBe('CC1');
    expect(personioValue(person, undefined, 'custom_attributes.dynamic_1')).toBe('CC1');
    expect(personioValue(person, undefined, 'custom_attributes.dynamic_2')).toBeNull();
    expect(personioValue(person, undefined, 'custom_attributes.dynamic_3')).toBeUndefined();
  });

  it('leaves employment fields absent for a person without an employment', () => {
    expect(personioValue(person, undefined, 'employment.position.title')).toBeUndefined();
    expect(personioValue({}, undefined, 'email')).toBeUndefined();
  });
});

describe('HiBob: slash-notation keys and nested categories', () => {
  it('prefers /work/department: {value} and falls back to work.department', () => {
    expect(
      fieldValue(
        { '/work/department': { value: 'd1' }, work: { department: 'other' } },
        'work.department',
      ),
    ).toBe('d1');
    expect(fieldValue({ work: { department: 'd2' } }, 'work.department')).toBe('d2');
    expect(fieldValue({ firstName: 'Ada' }, 'root.firstName')).toBe('Ada');
    expect(fieldValue({ work: {} }, 'work.title')).toBeUndefined();
    expect(fieldValue({ '/work/title': { value: null } }, 'work.title')).toBeNull();
  });
});
