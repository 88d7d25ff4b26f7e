/**
 * The Google bench's employees, made the same way in the engine's process (as HR records)
 * and in the fakes' process (as the sheet's rows and the Workspace users a previous sync
 * left), so neither has to send 100,000 of them to the other. Employee n (from 1) is
 * E000001…; every last name carries n, so every address made from the template is free.
 */
import type { EmployeeRecord } from '../../src/record/fields';
import type { FakeUser } from '../../test/peers/google';

const FIRST = [
  'Anna',
  'Zoë',
  'José',
  'Jürgen',
  'Amélie',
  'Søren',
  'Inês',
  'Noah',
  'Chloé',
  'Sanne',
];
const LAST = ['de Vries', 'Müller', 'García', 'Dubois', 'Nowak', 'Jansen', 'Peeters', 'Brontë'];
const TITLES = ['Picker', 'Driver', 'Account Manager', 'Team Lead', 'Analyst', 'Store Manager'];
const DEPARTMENTS = ['Logistics', 'Sales', 'Finance', 'Stores', 'IT', 'People'];
const COUNTRIES = [
  ['NL', 'nl'],
  ['BE', 'nl'],
  ['DE', 'de'],
  ['FR', 'fr'],
] as const;

export const DOMAIN = 'example.com';
export const PRIMARY_EMAIL_TEMPLATE = `{firstName}.{lastName}@${DOMAIN}`;
export const ADMIN = `admin@${DOMAIN}`;

/** Every hundredth employee has a new job title tonight: 1% of N. */
export function isChanged(n: number): boolean {
  return n % 100 === 0;
}

export function externalIdOf(n: number): string {
  return `E${String(n).padStart(6, '0')}`;
}

interface Employee {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string;
  mobilePhone: string;
  department: string;
  jobTitle: string;
  country: string;
  language: string;
}

function employee(n: number, changed: boolean): Employee {
  const externalId = externalIdOf(n);
  const title = TITLES[n % TITLES.length]!;
  const [country, language] = COUNTRIES[n % COUNTRIES.length]!;
  return {
    externalId,
    firstName: FIRST[n % FIRST.length]!,
    lastName: `${LAST[n % LAST.length]!} ${n}`,
    email: `${externalId.toLowerCase()}@hr.${DOMAIN}`,
    // +31 6 then eight digits: a valid Dutch mobile number for every n below 9,000,000.
    mobilePhone: `+316${10_000_000 + n}`,
    department: DEPARTMENTS[n % DEPARTMENTS.length]!,
    jobTitle: changed && isChanged(n) ? `Senior ${title}` : title,
    country,
    language,
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
