import { planUpsert } from '../../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../../src/record/fields';
import {
  EntraAttributeError,
  assertEntraAttribute,
  graphValue,
  putAttribute,
  readAttribute,
  selectedProperty,
} from '../../../../src/targets/entra/entra-attributes';
import { ENTRA_DEFAULT_MAPPINGS } from '../../../../src/targets/entra/entra-default-mappings';
import type { DirectoryUser } from '../../../../src/targets/directory';

describe('Graph user properties as attributes', () => {
  it('reads a midnight-UTC DateTimeOffset as the date HR gives, any other time whole', () => {
    expect(
      readAttribute({ employeeLeaveDateTime: '2026-03-01T00:00:00Z' }, 'employeeLeaveDateTime'),
    ).toBe('2026-03-01');
    expect(
      readAttribute({ employeeHireDate: '2026-03-01T00:00:00.000+00:00' }, 'employeeHireDate'),
    ).toBe('2026-03-01');
    expect(readAttribute({ employeeHireDate: '2026-03-01T08:30:00Z' }, 'employeeHireDate')).toBe(
      '2026-03-01T08:30:00Z',
    );
    expect(readAttribute({ employeeHireDate: null }, 'employeeHireDate')).toBeNull();
  });

  it('writes an HR date as midnight UTC', () => {
    expect(graphValue('employeeLeaveDateTime', '2026-03-01')).toBe('2026-03-01T00:00:00Z');
    expect(graphValue('employeeHireDate', null)).toBeNull();
  });

  it('sends one business phone as a list, and an empty one as an empty list', () => {
    expect(graphValue('businessPhones', '+31 20 123 4567')).toEqual(['+31 20 123 4567']);
    expect(graphValue('businessPhones', null)).toEqual([]);
    expect(readAttribute({ businessPhones: ['+31 20 123 4567'] }, 'businessPhones')).toEqual([
      '+31 20 123 4567',
    ]);
  });

  it('reads and writes extension attributes through the nested object', () => {
    const attribute = 'onPremisesExtensionAttributes.extensionAttribute7';
    expect(selectedProperty(attribute)).toBe('onPremisesExtensionAttributes');
    expect(
      readAttribute({ onPremisesExtensionAttributes: { extensionAttribute7: 'CC-12' } }, attribute),
    ).toBe('CC-12');
    expect(readAttribute({ onPremisesExtensionAttributes: null }, attribute)).toBeNull();
    const body = {};
    putAttribute(body, attribute, 'CC-13');
    putAttribute(body, 'onPremisesExtensionAttributes.extensionAttribute15', null);
    putAttribute(body, 'department', 'Sales');
    expect(body).toEqual({
      onPremisesExtensionAttributes: { extensionAttribute7: 'CC-13', extensionAttribute15: null },
      department: 'Sales',
    });
  });

  it('leaves displayName and usageLocation alone rather than clear them', () => {
    const body = {};
    expect(putAttribute(body, 'displayName', null)).toBe(false);
    expect(putAttribute(body, 'usageLocation', '')).toBe(false);
    expect(putAttribute(body, 'jobTitle', null)).toBe(true);
    expect(body).toEqual({ jobTitle: null });
  });

  it('refuses the properties the target sets itself and paths Graph has not', () => {
    for (const attribute of [
      'employeeId',
      'userPrincipalName',
      'passwordProfile',
      'accountEnabled',
    ]) {
      expect(() => assertEntraAttribute(attribute)).toThrow(EntraAttributeError);
    }
    expect(() =>
      assertEntraAttribute('onPremisesExtensionAttributes.extensionAttribute16'),
    ).toThrow();
    expect(() => assertEntraAttribute('manager.id')).toThrow();
    expect(() =>
      assertEntraAttribute('onPremisesExtensionAttributes.extensionAttribute1'),
    ).not.toThrow();
    for (const { attribute } of ENTRA_DEFAULT_MAPPINGS)
      expect(() => assertEntraAttribute(attribute)).not.toThrow();
  });
});

describe('the plan against users read from Graph', () => {
  const record: EmployeeRecord = {
    externalId: 'E1',
    firstName: 'Anna',
    lastName: 'Smit',
    businessPhone: '+31 20 123 4567',
    startDate: '2026-03-01',
    custom: {},
  };
  const mappings = ENTRA_DEFAULT_MAPPINGS.filter((mapping) =>
    ['firstName', 'lastName', 'businessPhone', 'startDate'].includes(mapping.field),
  );
  const graphUser = {
    givenName: 'Anna',
    surname: 'Smit',
    businessPhones: ['+31 20 123 4567'],
    employeeHireDate: '2026-03-01T00:00:00Z',
  };
  const user = (fields: Record<string, unknown>): DirectoryUser => ({
    id: 'u1',
    externalId: 'E1',
    active: true,
    attributes: Object.fromEntries(
      mappings.map(({ attribute }) => [attribute, readAttribute(fields, attribute)]),
    ),
  });
  const plan = (current: DirectoryUser) =>
    planUpsert([record], [current], {
      mappings,
      emptySourceValue: 'leave',
      matchByEmail: false,
      externalIdAttribute: 'employeeId',
      today: '2026-01-15',
      reactivate: { archivedBySync: new Set() },
    }).actions[0];

  it('finds nothing to change when the date and the phone list match HR', () => {
    expect(plan(user(graphUser))?.kind).toBe('unchanged');
  });

  it('changes only the hire date when Graph has another day', () => {
    const action = plan(user({ ...graphUser, employeeHireDate: '2026-02-01T00:00:00Z' }));
    expect(action).toMatchObject({
      kind: 'update',
      changes: [{ attribute: 'employeeHireDate', from: '2026-02-01', to: '2026-03-01' }],
    });
  });
});
