import type { EmployeeRecord } from '../../../../src/record/fields';
import {
  orgUnitPathFor,
  withOrgUnitPaths,
} from '../../../../src/targets/google-workspace/org-units';
import { randomPassword } from '../../../../src/targets/google-workspace/password';

describe('randomPassword', () => {
  it('is 24 printable ASCII characters with every class, and different each time', () => {
    const passwords = Array.from({ length: 50 }, () => randomPassword());
    for (const password of passwords) {
      expect(password).toHaveLength(24);
      expect(password).toMatch(/^[\x21-\x7e]+$/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
    expect(new Set(passwords).size).toBe(50);
  });
});

describe('org unit mapping', () => {
  const mapping = {
    field: 'department',
    paths: { Sales: '/Staff/Sales', 'R&D': '/Staff/Engineering' },
    fallback: '/Staff',
  };
  const record = (department?: string) =>
    ({ externalId: 'E', custom: {}, ...(department ? { department } : {}) }) as EmployeeRecord;

  it('maps the field value exactly, then without case, then to the fallback', () => {
    expect(orgUnitPathFor(record('Sales'), mapping)).toBe('/Staff/Sales');
    expect(orgUnitPathFor(record('r&d'), mapping)).toBe('/Staff/Engineering');
    expect(orgUnitPathFor(record('Legal'), mapping)).toBe('/Staff');
    expect(orgUnitPathFor(record(), { ...mapping, fallback: undefined })).toBeUndefined();
  });

  it('puts the path on the records as custom.orgUnitPath for the planner', () => {
    expect(withOrgUnitPaths([record('Sales')], mapping)[0]!.custom).toEqual({
      orgUnitPath: '/Staff/Sales',
    });
  });

  it('refuses a path that is not one', () => {
    expect(() => withOrgUnitPaths([], { field: 'department', paths: { Sales: 'Sales' } })).toThrow(
      /starting with "\/"/,
    );
  });
});
