/**
 * The Graph bench's employees (see ../employee-pool.ts): as HR records in the engine's
 * process, as the Entra users a previous sync left in the fake Graph's.
 */
import type { EmployeeRecord } from '../../src/record/fields';
import type { GraphUserRecord } from '../../test/peers/graph/graph-server';
import { externalIdOf, isChanged, poolEmployee, type PoolEmployee } from '../employee-pool';

export { externalIdOf, isChanged };

export const UPN_TEMPLATE = '{firstName}.{lastName}@contoso.com';

/** A GUID-shaped id the fake keeps for employee n, so managers can be seeded by id. */
export function entraIdOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A tree ten wide: employee 1 has no manager, 2-19 report to 1, 20-29 to 2, … */
export function managerOf(n: number): number | undefined {
  if (n === 1) return undefined;
  return Math.max(1, Math.floor(n / 10));
}

interface Employee extends PoolEmployee {
  email: string;
  businessPhone: string;
  startDate: string;
}

function employee(n: number): Employee {
  const pooled = poolEmployee(n);
  return {
    ...pooled,
    email: `${pooled.externalId.toLowerCase()}@contoso.com`,
    businessPhone: `+3120${5_000_000 + (n % 1_000_000)}`,
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
