/**
 * The bench's employees: N valid rows in the shape of the e2e tests' files (ID, names,
 * e-mail, E.164 mobile, NL, nl, job title), tonight's file with 1% of them given a new job
 * title, and each employee as the SCIM server holds them after a previous sync.
 */
import type { ScimUserRecord } from '../../test/peers/scim-server';
import { isChanged, poolEmployee } from '../employee-pool';

export const HEADER =
  'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Job Title';

export interface Employee {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  mobile: string;
  title: string;
}

export function employees(count: number): Employee[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const pooled = poolEmployee(n);
    return {
      id: pooled.externalId,
      firstName: pooled.firstName,
      lastName: pooled.lastName,
      email: `${pooled.externalId.toLowerCase()}@example.com`,
      mobile: pooled.mobilePhone,
      title: pooled.jobTitle,
    };
  });
}

/** Every hundredth employee has a new job title tonight: 1% of N. */
export function tonight(all: readonly Employee[]): { file: Employee[]; changed: Set<string> } {
  const changed = new Set<string>();
  const file = all.map((employee, index) => {
    if (!isChanged(index + 1)) return employee;
    changed.add(employee.id);
    return { ...employee, title: `Senior ${employee.title}` };
  });
  return { file, changed };
}

export function csv(rows: readonly Employee[]): string {
  const lines = rows.map((e) =>
    [e.id, e.firstName, e.lastName, e.email, e.mobile, 'NL', 'nl', e.title].join(','),
  );
  return `${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}

/**
 * The user as the pipeline's SCIM target creates it (ScimDirectory.newResource with
 * SCIM_DEFAULT_MAPPINGS: the first e-mail and phone are primary, an address is not), as
 * the server stores it (no schemas, the server's id and meta). The bench checks the shape
 * by running an unchanged file first: it must cause no write at all.
 */
export function scimUser(e: Employee): Partial<ScimUserRecord> {
  return {
    externalId: e.id,
    active: true,
    userName: e.email,
    name: { givenName: e.firstName, familyName: e.lastName },
    emails: [{ type: 'work', value: e.email, primary: true }],
    phoneNumbers: [{ type: 'mobile', value: e.mobile, primary: true }],
    title: e.title,
    preferredLanguage: 'nl',
    addresses: [{ type: 'work', country: 'NL' }],
  };
}
