/** A Workspace user as the fake keeps it: the Users resource, plus what is never returned. */
export type FakeUser = Record<string, unknown> & { id: string; primaryEmail: string };

/** Google's user ids are 21-digit numbers; a counter keeps them unique in the process. */
let nextId = 0;

/** The users of one customer, in creation order (the order users.list pages through). */
export class DirectoryStore {
  private readonly users = new Map<string, FakeUser>();
  /** Passwords set, by id: the fake checks they were sent, and never returns them. */
  readonly passwords = new Map<string, string>();

  all(): FakeUser[] {
    return [...this.users.values()];
  }

  clear(): void {
    this.users.clear();
    this.passwords.clear();
  }

  /** A user by id, primary e-mail or alias (a `userKey`). */
  find(key: string): FakeUser | undefined {
    const byId = this.users.get(key);
    if (byId) return byId;
    const lower = key.toLowerCase();
    return this.all().find((user) => addressesOf(user).includes(lower));
  }

  /** Whether an address is taken by a user other than `exceptId`. */
  taken(email: string, exceptId?: string): boolean {
    const lower = email.toLowerCase();
    return this.all().some((user) => user.id !== exceptId && addressesOf(user).includes(lower));
  }

  add(user: Partial<FakeUser> & { primaryEmail: string }): FakeUser {
    nextId += 1;
    const made: FakeUser = {
      kind: 'admin#directory#user',
      id: `1${String(nextId).padStart(20, '0')}`,
      name: { givenName: 'Test', familyName: 'User' },
      suspended: false,
      orgUnitPath: '/',
      isAdmin: false,
      creationTime: new Date(0).toISOString(),
      ...structuredClone(user),
    } as FakeUser;
    if (typeof made.name === 'object' && made.name !== null) {
      const name = made.name as Record<string, unknown>;
      name.fullName = `${String(name.givenName ?? '')} ${String(name.familyName ?? '')}`.trim();
    }
    this.users.set(made.id, made);
    return made;
  }

  remove(id: string): void {
    this.users.delete(id);
    this.passwords.delete(id);
  }
}

export function addressesOf(user: FakeUser): string[] {
  return [user.primaryEmail, ...(Array.isArray(user.aliases) ? user.aliases : [])]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.toLowerCase());
}
