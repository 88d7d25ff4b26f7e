import { withSuffix, type PrincipalNameBase } from './user-principal-name';

export interface ChosenName {
  userPrincipalName: string;
  mailNickname: string;
  /** 1 for the plain name, 2 for `anna.smit2@…`, and so on. */
  n: number;
  /** Answers "already exists" from Graph for this create so far. */
  conflicts: number;
}

/**
 * Which sign-in names are taken: those the read found, and those this run has given out.
 * A new employee gets the first free name; a second "Anna Smit" in the same run gets
 * `anna.smit2`. A create that is sent again (a retry after a 429 or a timeout) keeps the
 * name it was given, so a try that landed meets its own name, not a fresh one.
 */
export class PrincipalNames {
  private readonly taken = new Set<string>();
  private readonly chosen = new Map<string, { base: PrincipalNameBase; name: ChosenName }>();

  /** Marks a name (a UPN or an address) as in use; case does not matter to Entra. */
  take(name: string | undefined): void {
    if (name) this.taken.add(name.toLowerCase());
  }

  /** The name for this create: the one it was given before, else the first free one. */
  nameFor(externalId: string, base: PrincipalNameBase): ChosenName {
    const earlier = this.chosen.get(externalId);
    if (earlier && sameBase(earlier.base, base)) return earlier.name;
    return this.choose(externalId, base, 1, 0);
  }

  /** Graph answered that the name exists (made meanwhile, or deleted but kept): the next free one. */
  next(externalId: string): ChosenName {
    const earlier = this.chosen.get(externalId);
    if (!earlier) throw new Error(`No sign-in name was given to ${externalId}`);
    this.take(earlier.name.userPrincipalName);
    return this.choose(externalId, earlier.base, earlier.name.n + 1, earlier.name.conflicts + 1);
  }

  private choose(
    externalId: string,
    base: PrincipalNameBase,
    from: number,
    conflicts: number,
  ): ChosenName {
    // The taken set is finite, so a free number is always found.
    for (let n = from; ; n += 1) {
      const local = withSuffix(base.local, n);
      const userPrincipalName = `${local}@${base.domain}`;
      if (this.taken.has(userPrincipalName.toLowerCase())) continue;
      const name = {
        userPrincipalName,
        mailNickname: withSuffix(base.nickname, n),
        n,
        conflicts,
      };
      this.taken.add(userPrincipalName.toLowerCase());
      this.chosen.set(externalId, { base, name });
      return name;
    }
  }
}

function sameBase(a: PrincipalNameBase, b: PrincipalNameBase): boolean {
  return a.local === b.local && a.domain === b.domain && a.nickname === b.nickname;
}
