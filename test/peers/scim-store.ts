import { randomUUID } from 'node:crypto';

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimMultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface ScimAddress {
  type?: string;
  primary?: boolean;
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface ScimEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; displayName?: string; $ref?: string };
}

/** A user as the SCIM server stores it: the RFC 7643 core User plus the enterprise extension. */
export interface ScimUserRecord {
  id: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  displayName?: string;
  name?: { givenName?: string; familyName?: string; middleName?: string; formatted?: string };
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  title?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  userType?: string;
  addresses?: ScimAddress[];
  [ENTERPRISE_USER]?: ScimEnterpriseUser;
  meta: { created: string; lastModified: string };
}

/** A SCIM-shaped failure; the server turns it into a SCIMMY error with the same fields. */
export class ScimStoreError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The in-memory user table behind one SCIM server; insertion order is list order. */
export class ScimStore {
  private readonly users = new Map<string, ScimUserRecord>();

  /** `uniqueUserNames: false` is a server that lets two users share a userName (some do). */
  constructor(private readonly options: { uniqueUserNames?: boolean } = {}) {}

  all(): ScimUserRecord[] {
    return [...this.users.values()];
  }

  get(id: string): ScimUserRecord | undefined {
    return this.users.get(id);
  }

  /** Creates (id undefined) or replaces the user's attributes, keeping id and meta.created. */
  save(id: string | undefined, attributes: Record<string, unknown>): ScimUserRecord {
    const previous = id === undefined ? undefined : this.users.get(id);
    if (id !== undefined && !previous) {
      throw new ScimStoreError(404, null, `Resource ${id} not found`);
    }
    const userName = attributes.userName;
    if (typeof userName !== 'string' || userName === '') {
      throw new ScimStoreError(400, 'invalidValue', 'Required attribute userName is missing');
    }
    if (this.options.uniqueUserNames !== false) this.assertUniqueUserName(userName, id);
    const now = new Date().toISOString();
    const record = {
      ...withoutServerAttributes(attributes),
      userName,
      id: id ?? randomUUID(),
      meta: { created: previous?.meta.created ?? now, lastModified: now },
    } as ScimUserRecord;
    this.users.set(record.id, record);
    return record;
  }

  /** Puts a hand-made user in the table as-is (no uniqueness check: tests may want clashes). */
  seed(user: Partial<ScimUserRecord>): ScimUserRecord {
    if (typeof user.userName !== 'string') throw new Error('seed() needs a userName');
    const now = new Date().toISOString();
    const record = {
      ...structuredClone(user),
      userName: user.userName,
      id: user.id ?? randomUUID(),
      meta: user.meta ?? { created: now, lastModified: now },
    } as ScimUserRecord;
    this.users.set(record.id, record);
    return record;
  }

  remove(id: string): void {
    if (!this.users.delete(id)) throw new ScimStoreError(404, null, `Resource ${id} not found`);
  }

  clear(): void {
    this.users.clear();
  }

  /** RFC 7643 declares userName caseExact=false, so uniqueness ignores case. */
  private assertUniqueUserName(userName: string, ownId: string | undefined): void {
    const wanted = userName.toLowerCase();
    for (const user of this.users.values()) {
      if (user.id !== ownId && user.userName.toLowerCase() === wanted) {
        throw new ScimStoreError(409, 'uniqueness', `userName "${userName}" is already taken`);
      }
    }
  }
}

/** id and meta belong to the server; schemas is message framing, not an attribute. */
function withoutServerAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(attributes));
  delete copy.id;
  delete copy.meta;
  delete copy.schemas;
  return copy;
}
