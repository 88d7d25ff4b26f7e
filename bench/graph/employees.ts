/**
 * The Graph bench's employees, made the same way in the engine's process (as HR records)
 * and in the fake Graph's (as the Entra users a previous sync left), so neither has to send
 * 100,000 of them to the other. Employee n (from 1) is E000001…; every last name carries n,
 * so every sign-in name made from `{firstName}.{lastName}` is free.
 */
import type { EmployeeRecord } from '../../src/record/fields';
import type { GraphUserRecord } from '../../test/peers/graph/graph-server';

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

export const UPN_TEMPLATE = '{firstName}.{lastName}@contoso.com';

/** Every hundredth employee has a new job title tonight: 1% of N. */
export function isChanged(n: number): boolean {
  return n % 100 === 0;
}

export function externalIdOf(n: number): string {
  return `E${String(n).padStart(6, '0')}`;
}

/** A GUID-shaped id the fake keeps for employee n, so managers can be seeded by id. */
export function entraIdOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A tree ten wide: employee 1 has no manager, 2-19 report to 1, 20-29 to 2, … */
export function managerOf(n: number): number | undefined {
  if (n === 1) return undefined;
  return Math.max(1, Math.floor(n / 10));
}

interface Employee {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string;
  mobilePhone: string;
  businessPhone: string;
  department: string;
  jobTitle: string;
  country: string;
  language: string;
  startDate: string;
}

function employee(n: number): Employee {
  const externalId = externalIdOf(n);
  const [country, language] = COUNTRIES[n % COUNTRIES.length]!;
  return {
    externalId,
    firstName: FIRST[n % FIRST.length]!,
    lastName: `${LAST[n % LAST.length]!} ${n}`,
    email: `${externalId.toLowerCase()}@contoso.com`,
    // +31 6 then eight digits: a valid Dutch mobile number for every n below 9,000,000.
    mobilePhone: `+316${10_000_000 + n}`,
    businessPhone: `+3120${5_000_000 + (n % 1_000_000)}`,
    department: DEPARTMENTS[n % DEPARTMENTS.length]!,
    jobTitle: TITLES[n % TITLES.length]!,
    country,
    language,
    startDate: `20${String(10 + (n % 15))}-0${1 + (n % 9)}-1${n % 10}`,
  };
}

/**
 * Employee n as HR sends it tonight: with `changed`, the 1% get a new job title; with
 * `withManager`, each names its manager's employee ID.
 */
export function recordOf(
  n: number,
  options: { changed?: boolean; withManager?: boolean } = {},
): EmployeeRecord {
  const { externalId, ...fields } = employee(n);
  const manager = options.withManager ? managerOf(n) : undefined;
  return {
    externalId,
    ...fields,
    ...(options.changed && isChanged(n) ? { jobTitle: `Senior ${fields.jobTitle}` } : {}),
    ...(manager !== undefined ? { managerExternalId: externalIdOf(manager) } : {}),
    custom: {},
  };
}

/** Employee n as Entra holds it after last night's sync, with its manager linked. */
export function entraUserOf(n: number): Partial<GraphUserRecord> {
  const e = employee(n);
  const nickname = `user${n}`;
  const manager = managerOf(n);
  return {
    id: entraIdOf(n),
    accountEnabled: true,
    displayName: `${e.firstName} ${e.lastName}`,
    givenName: e.firstName,
    surname: e.lastName,
    mail: e.email,
    mailNickname: nickname,
    userPrincipalName: `${nickname}@contoso.com`,
    employeeId: e.externalId,
    employeeHireDate: `${e.startDate}T00:00:00Z`,
    jobTitle: e.jobTitle,
    department: e.department,
    mobilePhone: e.mobilePhone,
    businessPhones: [e.businessPhone],
    preferredLanguage: e.language,
    usageLocation: e.country,
    country: e.country,
    managerId: manager === undefined ? null : entraIdOf(manager),
  };
}
