import type { IssueList } from './row-issue';

const ON_CYCLE = 1;

/**
 * What the whole file must be seen for: duplicate external IDs and the manager graph.
 * Built in one streaming pass and kept compact (one map entry per ID, typed arrays for the
 * rest) so that a million rows fit in a few tens of megabytes; rows themselves are not kept.
 */
export class CrossRowIndex {
  private readonly indexOf = new Map<string, number>();
  private readonly names: string[] = [];
  private rowCount = new Uint8Array(1024);
  private firstLine = new Int32Array(1024);
  private managerOf = new Int32Array(1024).fill(-1);
  private flags = new Uint8Array(1024);
  /** Lines of every row of an ID that occurs more than once; rare, so a plain map. */
  private readonly duplicateLines = new Map<number, number[]>();
  private readonly cycles = new Map<number, string>();
  private finished = false;

  /** Records that a row with this ID (and manager) stands on `line`. */
  add(externalId: string, managerExternalId: string | undefined, line: number): void {
    const id = this.intern(externalId);
    const count = this.rowCount[id]!;
    if (count === 0) {
      this.firstLine[id] = line;
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
  }

  /** Call once every row has been added: finds the manager cycles. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.markCycles();
  }

  /** Adds the whole-file issues of the row with this ID on this line. */
  addIssues(
    externalId: string,
    managerExternalId: string | undefined,
    line: number,
    issues: IssueList,
  ): void {
    const id = this.indexOf.get(externalId);
    if (id === undefined) return;
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
    if (managerExternalId === undefined) return;
    if (managerExternalId === externalId) {
      issues.add(
        'managerExternalId',
        'manager_self',
        `employee ${externalId} is set as their own manager`,
      );
      return;
    }
    const manager = this.indexOf.get(managerExternalId);
    if (manager === undefined || this.rowCount[manager] === 0) {
      issues.add(
        'managerExternalId',
        'manager_not_found',
        `manager ${managerExternalId} is not in the file`,
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
    let id = this.indexOf.get(externalId);
    if (id !== undefined) return id;
    id = this.names.length;
    this.names.push(externalId);
    this.indexOf.set(externalId, id);
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
    const managers = new Int32Array(size).fill(-1);
    managers.set(this.managerOf);
    this.managerOf = managers;
  }

  /**
   * Walks each chain of managers once (every node is visited a bounded number of times),
   * marking the nodes that lie on a loop. Only unique IDs take part: a duplicated ID has
   * no single manager.
   */
  private markCycles(): void {
    const count = this.names.length;
    const state = new Uint8Array(count); // 0 unvisited, 1 on the current walk, 2 done
    const managerOf = (id: number): number => (this.rowCount[id] === 1 ? this.managerOf[id]! : -1);
    for (let start = 0; start < count; start++) {
      if (state[start] !== 0) continue;
      const walk: number[] = [];
      let node = start;
      while (node !== -1 && state[node] === 0) {
        state[node] = 1;
        walk.push(node);
        const next = managerOf(node);
        node = next === node ? -1 : next; // a self-reference is reported on its own
      }
      if (node !== -1 && state[node] === 1) {
        const loop = walk.slice(walk.indexOf(node));
        const description = describeLoop([...loop, node].map((id) => this.names[id] ?? ''));
        for (const member of loop) {
          this.flags[member]! |= ON_CYCLE;
          this.cycles.set(member, description);
        }
      }
      for (const visited of walk) state[visited] = 2;
    }
  }
}

/** A loop as "A → B → A"; a long one is shortened so every member's message stays small. */
function describeLoop(ids: string[]): string {
  const shown = 8;
  if (ids.length <= shown + 1) return ids.join(' → ');
  return `${ids.slice(0, shown).join(' → ')} → … (${ids.length - 1} employees) → ${ids[0]}`;
}
