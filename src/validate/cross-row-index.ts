import { IdTable, type StringHash } from './id-table';
import { FingerprintTable } from './fingerprint-table';
import type { IssueList } from './row-issue';

const ON_CYCLE = 1;
const NO_MANAGER = -1;
const NO_EMAIL = -1;
const INITIAL_IDS = 1024;

/**
 * What the whole file must be seen for: duplicate external IDs, duplicate e-mails and the
 * manager graph.
 * Built in one streaming pass and kept compact (IDs interned in an IdTable, typed arrays for
 * the rest, no object per ID) so that a million rows fit in a few tens of megabytes outside
 * the garbage-collected heap; rows themselves are not kept.
 */
export class CrossRowIndex {
  private readonly ids: IdTable;
  private rowCount = new Uint8Array(INITIAL_IDS);
  private firstLine = new Int32Array(INITIAL_IDS);
  private managerOf = new Int32Array(INITIAL_IDS).fill(NO_MANAGER);
  private flags = new Uint8Array(INITIAL_IDS);
  /** Lines of every row of an ID that occurs more than once; rare, so a plain map. */
  private readonly duplicateLines = new Map<number, number[]>();
  private readonly cycles = new Map<number, string>();
  /**
   * E-mails (trimmed, lower-cased) numbered by a 64-bit fingerprint, without their text (a
   * million addresses as text took about 160 MB at peak); each ID's first row's e-mail.
   */
  private readonly emails: FingerprintTable;
  /** The text of the e-mails seen more than once, for the message; rare, so a plain map. */
  private readonly duplicateEmailText = new Map<number, string>();
  private emailRows = new Uint8Array(INITIAL_IDS);
  private emailFirstLine = new Int32Array(INITIAL_IDS);
  private emailOf = new Int32Array(INITIAL_IDS).fill(NO_EMAIL);
  /** Lines of every row of an e-mail that occurs more than once. */
  private readonly duplicateEmailLines = new Map<number, number[]>();
  private finished = false;

  /** @param hash replaceable so that tests can force every ID into one hash bucket. */
  constructor(hash?: StringHash) {
    this.ids = new IdTable(hash);
    this.emails = new FingerprintTable(hash);
  }

  /**
   * Records that a row with this ID (and manager, and e-mail) stands on `line`; returns the
   * ID's number. E-mails are compared trimmed and without case.
   */
  add(
    externalId: string,
    managerExternalId: string | undefined,
    line: number,
    email?: string,
  ): number {
    const id = this.intern(externalId);
    const count = this.rowCount[id]!;
    const emailNumber = this.addEmail(email, line);
    if (count === 0) {
      this.firstLine[id] = line;
      this.emailOf[id] = emailNumber;
      if (managerExternalId !== undefined) {
        // Interned before `this.managerOf` is read: interning may grow, i.e. replace, the
        // arrays, and a write to the old one would lose the link.
        const manager = this.intern(managerExternalId);
        this.managerOf[id] = manager;
      }
    } else {
      const lines = this.duplicateLines.get(id) ?? [this.firstLine[id]!];
      lines.push(line);
      this.duplicateLines.set(id, lines);
    }
    if (count < 255) this.rowCount[id] = count + 1;
    return id;
  }

  private addEmail(email: string | undefined, line: number): number {
    const key = email?.trim().toLowerCase();
    if (!key) return NO_EMAIL;
    const number = this.emails.intern(key);
    if (number >= this.emailRows.length) this.growEmails();
    const count = this.emailRows[number]!;
    if (count === 0) this.emailFirstLine[number] = line;
    else {
      this.duplicateEmailText.set(number, key);
      const lines = this.duplicateEmailLines.get(number) ?? [this.emailFirstLine[number]!];
      lines.push(line);
      this.duplicateEmailLines.set(number, lines);
    }
    if (count < 255) this.emailRows[number] = count + 1;
    return number;
  }

  /** Call once every row has been added: finds the manager cycles. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.markCycles();
  }

  /** Adds the whole-file issues of the row with this ID on this line. */
  addIssues(externalId: string, line: number, issues: IssueList): void {
    const id = this.ids.find(externalId);
    if (id !== -1) this.addIssuesOf(id, externalId, line, issues);
  }

  /**
   * Whether a row with the ID numbered `id` gets any whole-file issue, so that a check which
   * only reports can pass over every row that does not without looking it up by text.
   */
  hasIssues(id: number): boolean {
    if (this.rowCount[id]! > 1) return true;
    const email = this.emailOf[id]!;
    if (email !== NO_EMAIL && this.emailRows[email]! > 1) return true;
    const manager = this.managerOf[id]!;
    if (manager === NO_MANAGER) return false;
    return manager === id || this.rowCount[manager] === 0 || (this.flags[id]! & ON_CYCLE) !== 0;
  }

  /** The external ID numbered `id` (as returned by `add`). */
  externalId(id: number): string {
    return this.ids.text(id);
  }

  /**
   * The issues of the row with the ID numbered `id` on this line. A unique ID's manager is
   * the one its row named; a duplicated ID is reported as such and nothing more, as it has
   * no single manager.
   */
  addIssuesOf(id: number, externalId: string, line: number, issues: IssueList): void {
    const lines = this.duplicateLines.get(id);
    if (lines) {
      const others = lines.filter((other) => other !== line);
      issues.add(
        'externalId',
        'duplicate_external_id',
        `external ID ${externalId} is also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}: every row with it is rejected until only one is left`,
      );
      return;
    }
    const email = this.emailOf[id]!;
    const emailLines = email === NO_EMAIL ? undefined : this.duplicateEmailLines.get(email);
    if (emailLines) {
      const others = emailLines.filter((other) => other !== line);
      issues.add(
        'email',
        'duplicate_email',
        `e-mail ${this.duplicateEmailText.get(email) ?? ''} is also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}: every row with it is rejected until only one is left, since a platform that matches on e-mail would give one employee the other's account`,
      );
    }
    const manager = this.managerOf[id]!;
    if (manager === NO_MANAGER) return;
    if (manager === id) {
      issues.add(
        'managerExternalId',
        'manager_self',
        `employee ${externalId} is set as their own manager`,
      );
      return;
    }
    if (this.rowCount[manager] === 0) {
      issues.add(
        'managerExternalId',
        'manager_not_found',
        `manager ${this.ids.text(manager)} is not in the file`,
      );
      return;
    }
    if (this.flags[id]! & ON_CYCLE) {
      issues.add(
        'managerExternalId',
        'manager_cycle',
        `managers form a loop: ${this.cycles.get(id)}`,
      );
    }
  }

  private intern(externalId: string): number {
    const id = this.ids.intern(externalId);
    if (id >= this.rowCount.length) this.grow();
    return id;
  }

  private grow(): void {
    const size = this.rowCount.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.rowCount = grown(this.rowCount, (n) => new Uint8Array(n));
    this.firstLine = grown(this.firstLine, (n) => new Int32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.managerOf = grown(this.managerOf, (n) => new Int32Array(n).fill(NO_MANAGER));
    this.emailOf = grown(this.emailOf, (n) => new Int32Array(n).fill(NO_EMAIL));
  }

  private growEmails(): void {
    const size = this.emailRows.length * 2;
    const rows = new Uint8Array(size);
    rows.set(this.emailRows);
    this.emailRows = rows;
    const first = new Int32Array(size);
    first.set(this.emailFirstLine);
    this.emailFirstLine = first;
  }

  /**
   * Walks each chain of managers once (every node is visited a bounded number of times),
   * marking the nodes that lie on a loop. Only unique IDs take part: a duplicated ID has
   * no single manager.
   */
  private markCycles(): void {
    const count = this.ids.size;
    const state = new Uint8Array(count); // 0 unvisited, 1 on the current walk, 2 done
    const managerOf = (id: number): number =>
      this.rowCount[id] === 1 ? this.managerOf[id]! : NO_MANAGER;
    // One stack for every walk, so a million walks make no garbage.
    let walk: Int32Array = new Int32Array(64);
    for (let start = 0; start < count; start++) {
      if (state[start] !== 0) continue;
      let length = 0;
      let node = start;
      while (node !== NO_MANAGER && state[node] === 0) {
        state[node] = 1;
        if (length === walk.length) walk = grownCopy(walk);
        walk[length++] = node;
        const next = managerOf(node);
        node = next === node ? NO_MANAGER : next; // a self-reference is reported on its own
      }
      const path = walk.subarray(0, length);
      if (node !== NO_MANAGER && state[node] === 1) {
        const loop = [...path.subarray(path.indexOf(node))];
        const description = describeLoop([...loop, node].map((id) => this.ids.text(id)));
        for (const member of loop) {
          this.flags[member]! |= ON_CYCLE;
          this.cycles.set(member, description);
        }
      }
      for (const visited of path) state[visited] = 2;
    }
  }
}

function grownCopy(stack: Int32Array): Int32Array {
  const grown = new Int32Array(stack.length * 2);
  grown.set(stack);
  return grown;
}

/** A loop as "A → B → A"; a long one is shortened so every member's message stays small. */
function describeLoop(ids: string[]): string {
  const shown = 8;
  if (ids.length <= shown + 1) return ids.join(' → ');
  return `${ids.slice(0, shown).join(' → ')} → … (${ids.length - 1} employees) → ${ids[0]}`;
}
