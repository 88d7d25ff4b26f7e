import { randomUUID } from 'node:crypto';
import { GraphFault, badRequest, notFound } from './graph-errors';

/**
 * A user as the fake keeps it: Graph's user resource properties
 * (https://learn.microsoft.com/graph/api/resources/user), plus the password sent on create,
 * kept so tests can prove it never leaks, and the manager link.
 */
export interface GraphUserRecord {
  id: string;
  accountEnabled: boolean;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  userPrincipalName: string;
  employeeId: string | null;
  employeeType: string | null;
  employeeHireDate: string | null;
  employeeLeaveDateTime: string | null;
  jobTitle: string | null;
  department: string | null;
  companyName: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  otherMails: string[];
  preferredLanguage: string | null;
  usageLocation: string | null;
  country: string | null;
  city: string | null;
  createdDateTime: string;
  passwordProfile?: { password?: string; forceChangePasswordNextSignIn?: boolean };
  /** The id of the user's manager, or null. */
  managerId: string | null;
}

/** Properties a client may write (POST/PATCH). */
const WRITABLE = new Set([
  'accountEnabled',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'userPrincipalName',
  'employeeId',
  'employeeType',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
  'otherMails',
  'preferredLanguage',
  'usageLocation',
  'country',
  'city',
  'passwordProfile',
]);

/** Everything $select and $filter may name; passwordProfile is write-only. */
export const READABLE = new Set(
  [...WRITABLE, 'id', 'createdDateTime'].filter((name) => name !== 'passwordProfile'),
);

/** "employeeId … Max length is 16 characters" (https://learn.microsoft.com/graph/api/resources/user). */
export const EMPLOYEE_ID_MAX = 16;

/** "Create user": these are required (https://learn.microsoft.com/graph/api/user-post-users). */
const REQUIRED_ON_CREATE = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'userPrincipalName',
  'passwordProfile',
] as const;

export class GraphStore {
  private readonly byId = new Map<string, GraphUserRecord>();

  constructor(private readonly domains: readonly string[]) {}

  all(): GraphUserRecord[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }

  /** A user put straight in, for tests: unspecified properties get plausible values. */
  seed(partial: Partial<GraphUserRecord>): GraphUserRecord {
    const nickname = partial.mailNickname ?? `user${this.byId.size + 1}`;
    const user: GraphUserRecord = {
      ...emptyUser(),
      mailNickname: nickname,
      userPrincipalName: `${nickname}@${this.domains[0] ?? 'contoso.onmicrosoft.com'}`,
      displayName: nickname,
      ...partial,
      id: partial.id ?? randomUUID(),
    };
    this.byId.set(user.id, user);
    return user;
  }

  /** A user by id or by userPrincipalName ("Get user": either key, https://learn.microsoft.com/graph/api/user-get). */
  find(key: string): GraphUserRecord | undefined {
    const byId = this.byId.get(key);
    if (byId) return byId;
    const upn = key.toLowerCase();
    return this.all().find((user) => user.userPrincipalName.toLowerCase() === upn);
  }

  get(key: string): GraphUserRecord {
    const user = this.find(key);
    if (!user) throw notFound(key);
    return user;
  }

  create(body: Record<string, unknown>): GraphUserRecord {
    for (const name of REQUIRED_ON_CREATE) {
      if (body[name] === undefined || body[name] === null || body[name] === '') {
        throw badRequest(`A value is required for property '${name}' of resource 'User'.`);
      }
    }
    const fields = this.validated(body, undefined);
    const user: GraphUserRecord = {
      ...emptyUser(),
      ...(fields as Partial<GraphUserRecord>),
      id: randomUUID(),
      createdDateTime: new Date().toISOString(),
    };
    this.byId.set(user.id, user);
    return user;
  }

  /** "Update user" (https://learn.microsoft.com/graph/api/user-update). */
  update(key: string, body: Record<string, unknown>): void {
    const user = this.get(key);
    Object.assign(user, this.validated(body, user));
  }

  /** "Delete a user": its reports lose their manager (https://learn.microsoft.com/graph/api/user-delete). */
  delete(key: string): void {
    const user = this.get(key);
    this.byId.delete(user.id);
    for (const other of this.byId.values()) {
      if (other.managerId === user.id) other.managerId = null;
    }
  }

  /** "Assign manager" (https://learn.microsoft.com/graph/api/user-post-manager). */
  setManager(key: string, managerId: string): void {
    const user = this.get(key);
    const manager = this.get(managerId);
    if (manager.id === user.id) {
      throw badRequest('A user cannot be their own manager.');
    }
    user.managerId = manager.id;
  }

  /** "Remove manager" (https://learn.microsoft.com/graph/api/user-delete-manager). */
  removeManager(key: string): void {
    const user = this.get(key);
    if (!user.managerId) throw notFound(`${user.id}/manager`);
    user.managerId = null;
  }

  private validated(
    body: Record<string, unknown>,
    current: GraphUserRecord | undefined,
  ): Record<string, unknown> {
    for (const name of Object.keys(body)) {
      if (!WRITABLE.has(name)) {
        throw new GraphFault(
          400,
          'BadRequest',
          `Property '${name}' does not exist as a declared property or extension property.`,
        );
      }
    }
    const upn = body.userPrincipalName;
    if (upn !== undefined) {
      if (typeof upn !== 'string' || !upn.includes('@')) {
        throw badRequest(
          "Invalid value specified for property 'userPrincipalName' of resource 'User'.",
        );
      }
      const domain = upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
      if (!this.domains.some((verified) => verified.toLowerCase() === domain)) {
        throw badRequest(
          'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
        );
      }
      const taken = this.all().find(
        (other) =>
          other.id !== current?.id && other.userPrincipalName.toLowerCase() === upn.toLowerCase(),
      );
      if (taken) {
        throw badRequest(
          'Another object with the same value for property userPrincipalName already exists.',
        );
      }
    }
    const employeeId = body.employeeId;
    if (typeof employeeId === 'string' && employeeId.length > EMPLOYEE_ID_MAX) {
      throw badRequest("Invalid value specified for property 'employeeId' of resource 'User'.");
    }
    if (body.accountEnabled !== undefined && typeof body.accountEnabled !== 'boolean') {
      throw badRequest("Invalid value specified for property 'accountEnabled' of resource 'User'.");
    }
    return structuredClone(body);
  }
}

function emptyUser(): GraphUserRecord {
  return {
    id: '',
    accountEnabled: true,
    displayName: '',
    givenName: null,
    surname: null,
    mail: null,
    mailNickname: '',
    userPrincipalName: '',
    employeeId: null,
    employeeType: null,
    employeeHireDate: null,
    employeeLeaveDateTime: null,
    jobTitle: null,
    department: null,
    companyName: null,
    officeLocation: null,
    mobilePhone: null,
    businessPhones: [],
    otherMails: [],
    preferredLanguage: null,
    usageLocation: null,
    country: null,
    city: null,
    createdDateTime: new Date().toISOString(),
    managerId: null,
  };
}
