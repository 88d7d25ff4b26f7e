/**
 * The bench's employees in the HR fakes (test/peers/hr), made from the shared employee pool,
 * and each one as the SCIM platform holds them after last night's sync: what User Upsert's
 * default SCIM mapping writes for the fields the HR source reads. Everyone is employed
 * (no leaver to archive), employee 1 heads the company and employee n reports to n / 10
 * (rounded up), so managers are linked as in a real org chart.
 */
import type { HrPerson } from '../../test/peers/hr/hr-people';
import { ENTERPRISE_USER, type ScimUserRecord } from '../../test/peers/scim-server';
import { externalIdOf, isChanged, poolEmployee } from '../employee-pool';

export type HrSystem = 'bamboohr' | 'personio' | 'hibob';

/** Each system's own employee ID: BambooHR's small integers, Personio's, HiBob's 19 digits. */
export function hrIdOf(system: HrSystem, n: number): string {
  if (system === 'hibob') return `3${String(n).padStart(18, '0')}`;
  return String(1000 + n);
}

/**
 * The key the HR source maps to externalId: the employee number for BambooHR and HiBob,
 * the person's ID for Personio (PERSONIO_FIELDS maps `id`).
 */
export function externalIdFor(system: HrSystem, n: number): string {
  return system === 'personio' ? hrIdOf(system, n) : externalIdOf(n);
}

const managerOf = (n: number) => (n === 1 ? 0 : Math.ceil(n / 10));

export function hrPeople(system: HrSystem, count: number): HrPerson[] {
  return Array.from({ length: count }, (_, index): HrPerson => {
    const n = index + 1;
    const pooled = poolEmployee(n);
    const manager = managerOf(n);
    return {
      hrId: hrIdOf(system, n),
      employeeNumber: pooled.externalId,
      firstName: pooled.firstName,
      lastName: pooled.lastName,
      email: `${pooled.externalId.toLowerCase()}@example.com`,
      mobilePhone: pooled.mobilePhone,
      workPhone: `+3120${String(1_000_000 + (n % 9_000_000)).padStart(7, '0')}`,
      country: pooled.country,
      department: pooled.department,
      jobTitle: pooled.jobTitle,
      language: pooled.language,
      hireDate: `20${String(10 + (n % 14)).padStart(2, '0')}-0${1 + (n % 9)}-15`,
      terminationDate: '',
      status: 'Active',
      managerHrId: manager === 0 ? '' : hrIdOf(system, manager),
      custom: {},
    };
  });
}

/** Tonight in HR: every hundredth employee has a new job title (1% of N), changed in place. */
export function changeTonight(people: HrPerson[]): Set<string> {
  const changed = new Set<string>();
  people.forEach((person, index) => {
    if (!isChanged(index + 1)) return;
    person.jobTitle = `Senior ${person.jobTitle}`;
    changed.add(person.hrId);
  });
  return changed;
}

/** The SCIM id the platform gave employee n (fixed, so that managers can name it). */
const scimIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Employee n as the platform holds them: every attribute the default SCIM mapping writes
 * from any of the three systems (those a system does not read are left alone: Empty Value
 * in HR Means Leave), the manager linked by SCIM id.
 */
export function scimUser(system: HrSystem, person: HrPerson, n: number): Partial<ScimUserRecord> {
  const manager = managerOf(n);
  return {
    id: scimIdOf(n),
    externalId: externalIdFor(system, n),
    active: true,
    userName: person.email,
    name: { givenName: person.firstName, familyName: person.lastName },
    emails: [{ type: 'work', value: person.email, primary: true }],
    phoneNumbers: [
      { type: 'mobile', value: person.mobilePhone, primary: true },
      { type: 'work', value: person.workPhone },
    ],
    title: person.jobTitle,
    preferredLanguage: person.language,
    addresses: [{ type: 'work', country: person.country }],
    [ENTERPRISE_USER]: {
      department: person.department,
      ...(manager === 0 ? {} : { manager: { value: scimIdOf(manager) } }),
    },
  };
}
