/**
 * The Google bench's employees (see ../employee-pool.ts): as HR records in the engine's
 * process, as the sheet's rows and the Workspace users a previous sync left in the fakes'.
 */
import type { EmployeeRecord } from '../../src/record/fields';
import type { FakeUser } from '../../test/peers/google';
import { externalIdOf, isChanged, poolEmployee, type PoolEmployee } from '../employee-pool';

export { externalIdOf, isChanged };

export const DOMAIN = 'example.com';
export const PRIMARY_EMAIL_TEMPLATE = `{firstName}.{lastName}@${DOMAIN}`;
export const ADMIN = `admin@${DOMAIN}`;

interface Employee extends PoolEmployee {
  email: string;
}

function employee(n: number, changed: boolean): Employee {
  const pooled = poolEmployee(n);
  return {
    ...pooled,
    email: `${pooled.externalId.toLowerCase()}@hr.${DOMAIN}`,
    jobTitle: changed && isChanged(n) ? `Senior ${pooled.jobTitle}` : pooled.jobTitle,
  };
}

/** Employee n as an HR record (the creates of part 1 skip the sheet). */
export function recordOf(n: number): EmployeeRecord {
  return { ...employee(n, false), custom: {} };
}

/** The sheet's header row: spellings the default column mapping knows. */
export const SHEET_HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Mobile Phone',
  'Department',
  'Job Title',
  'Country',
  'Language',
];

/** Employee n as a row of tonight's sheet, the 1% with their new job title. */
export function sheetRowOf(n: number): string[] {
  const e = employee(n, true);
  // The phone as people type it in a sheet; validation makes it +316….
  const phone = `+31 6 ${e.mobilePhone.slice(4)}`;
  return [
    e.externalId,
    e.firstName,
    e.lastName,
    e.email,
    phone,
    e.department,
    e.jobTitle,
    e.country,
    e.language,
  ];
}

/** Employee n as Google Workspace holds it after last night's sync. */
export function workspaceUserOf(n: number): Partial<FakeUser> & { primaryEmail: string } {
  const e = employee(n, false);
  return {
    primaryEmail: `user${n}@${DOMAIN}`,
    name: { givenName: e.firstName, familyName: e.lastName },
    externalIds: [{ type: 'organization', value: e.externalId }],
    phones: [{ type: 'mobile', value: e.mobilePhone }],
    organizations: [{ type: 'work', title: e.jobTitle, department: e.department, primary: true }],
    addresses: [{ type: 'work', countryCode: e.country }],
  };
}
