import { CrossRowIndex } from '../../../src/validate/cross-row-index';
import { IssueList, type RowIssue, type SeverityOverrides } from '../../../src/validate/row-issue';

/** [externalId, managerExternalId] per row, on lines 2, 3, … as in a file with a header. */
type Row = [string, string?];

/** The whole-file issues of each row, keyed by line. */
function crossRowIssues(rows: Row[], severity: SeverityOverrides = {}): Map<number, RowIssue[]> {
  const index = new CrossRowIndex();
  rows.forEach(([id, manager], i) => index.add(id, manager, i + 2));
  index.finish();
  const result = new Map<number, RowIssue[]>();
  rows.forEach(([id], i) => {
    const issues = new IssueList(i + 2, id, severity);
    index.addIssues(id, i + 2, issues);
    result.set(i + 2, issues.issues);
  });
  return result;
}

const codesByLine = (issues: Map<number, RowIssue[]>) =>
  Object.fromEntries([...issues].map(([line, list]) => [line, list.map((issue) => issue.code)]));

describe('CrossRowIndex: duplicate external IDs', () => {
  it('rejects every row that shares an ID, not only the later ones', () => {
    const issues = crossRowIssues([['1'], ['2'], ['1'], ['3']]);
    expect(codesByLine(issues)).toEqual({
      2: ['duplicate_external_id'],
      3: [],
      4: ['duplicate_external_id'],
      5: [],
    });
    expect(issues.get(2)?.[0]).toEqual(
      expect.objectContaining({ field: 'externalId', severity: 'error', externalId: '1' }),
    );
  });

  it('names the other lines on each row', () => {
    const issues = crossRowIssues([['7'], ['7'], ['8'], ['7']]);
    expect(issues.get(2)?.[0]?.message).toContain('external ID 7 is also on lines 3, 5');
    expect(issues.get(3)?.[0]?.message).toContain('is also on lines 2, 5');
    expect(issues.get(5)?.[0]?.message).toContain('is also on lines 2, 3');
  });

  it('says "line" for a single other row', () => {
    const issues = crossRowIssues([['7'], ['7']]);
    expect(issues.get(2)?.[0]?.message).toMatch(/^external ID 7 is also on line 3: /);
  });

  it('compares IDs exactly: E1 and e1 are different employees', () => {
    const issues = crossRowIssues([['E1'], ['e1']]);
    expect(codesByLine(issues)).toEqual({ 2: [], 3: [] });
  });

  it('still rejects every copy when an ID occurs more than 255 times', () => {
    const rows: Row[] = Array.from({ length: 300 }, () => ['X']);
    const issues = crossRowIssues(rows);
    expect([...issues.values()].every((list) => list[0]?.code === 'duplicate_external_id')).toBe(
      true,
    );
  });
});

describe('CrossRowIndex: managers', () => {
  it('warns when the manager is not in the file', () => {
    const issues = crossRowIssues([['1', '9']]);
    expect(issues.get(2)).toEqual([
      expect.objectContaining({
        field: 'managerExternalId',
        code: 'manager_not_found',
        severity: 'warning',
        message: 'manager 9 is not in the file',
      }),
    ]);
  });

  it('finds a manager who appears later in the file', () => {
    expect(codesByLine(crossRowIssues([['2', '1'], ['1']]))).toEqual({ 2: [], 3: [] });
  });

  it('makes a missing manager an error when configured', () => {
    const issues = crossRowIssues([['1', '9']], { manager_not_found: 'error' });
    expect(issues.get(2)?.[0]?.severity).toBe('error');
  });

  it('rejects an employee who is their own manager', () => {
    const issues = crossRowIssues([
      ['1', '1'],
      ['2', '1'],
    ]);
    expect(issues.get(2)).toEqual([
      expect.objectContaining({
        code: 'manager_self',
        severity: 'error',
        message: 'employee 1 is set as their own manager',
      }),
    ]);
    expect(issues.get(3)).toEqual([]);
  });

  it('flags both members of a loop of two, describing the loop', () => {
    const issues = crossRowIssues([
      ['1', '2'],
      ['2', '1'],
    ]);
    expect(codesByLine(issues)).toEqual({ 2: ['manager_cycle'], 3: ['manager_cycle'] });
    expect(issues.get(2)?.[0]).toEqual(
      expect.objectContaining({
        field: 'managerExternalId',
        severity: 'error',
        message: 'managers form a loop: 1 → 2 → 1',
      }),
    );
    expect(issues.get(3)?.[0]?.message).toBe('managers form a loop: 1 → 2 → 1');
  });

  it('flags every member of a loop of three', () => {
    const issues = crossRowIssues([['A', 'B'], ['B', 'C'], ['C', 'A'], ['D']]);
    expect(codesByLine(issues)).toEqual({
      2: ['manager_cycle'],
      3: ['manager_cycle'],
      4: ['manager_cycle'],
      5: [],
    });
    expect(issues.get(4)?.[0]?.message).toBe('managers form a loop: A → B → C → A');
  });

  it('does not flag employees whose chain of managers runs into a loop', () => {
    // X → A → B → C → A: X reports into the loop but is not part of it.
    const issues = crossRowIssues([
      ['X', 'A'],
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'A'],
      ['Y', 'X'],
    ]);
    expect(codesByLine(issues)).toEqual({
      2: [],
      3: ['manager_cycle'],
      4: ['manager_cycle'],
      5: ['manager_cycle'],
      6: [],
    });
    expect(issues.get(3)?.[0]?.message).toBe('managers form a loop: A → B → C → A');
  });

  it('finds the loop whichever member the file lists first', () => {
    const issues = crossRowIssues([
      ['C', 'A'],
      ['X', 'A'],
      ['A', 'B'],
      ['B', 'C'],
    ]);
    expect(codesByLine(issues)).toEqual({
      2: ['manager_cycle'],
      3: [],
      4: ['manager_cycle'],
      5: ['manager_cycle'],
    });
  });

  it('reports only the duplicate on a duplicated row, and lets a chain stop there', () => {
    // 1 is in the file twice, so it has no single manager: 2 → 1 ⇢ ? is no loop.
    const issues = crossRowIssues([
      ['1', '2'],
      ['2', '1'],
      ['1', '3'],
    ]);
    expect(codesByLine(issues)).toEqual({
      2: ['duplicate_external_id'],
      3: [],
      4: ['duplicate_external_id'],
    });
  });

  it('finds a loop whose manager was first seen just as the index had to grow', () => {
    // 1,023 employees fill the first 1,023 slots; A takes the last one and its manager B
    // the first slot past the initial capacity of 1,024.
    const fillers: Row[] = Array.from({ length: 1023 }, (_, i) => [`F${i}`]);
    const issues = crossRowIssues([...fillers, ['A', 'B'], ['B', 'A']]);
    expect(issues.get(1025)?.[0]?.message).toBe('managers form a loop: A → B → A');
    expect(issues.get(1026)?.[0]?.code).toBe('manager_cycle');
  });

  it('handles a chain of 200,000 managers without overflowing the stack', () => {
    const length = 200_000;
    const rows: Row[] = Array.from({ length }, (_, i) => [
      `E${i}`,
      i > 0 ? `E${i - 1}` : undefined,
    ]);
    const issues = crossRowIssues(rows);
    expect([...issues.values()].every((list) => list.length === 0)).toBe(true);
  });

  it('flags every member of a loop of 200,000 managers', () => {
    const length = 200_000;
    const rows: Row[] = Array.from({ length }, (_, i) => [`E${i}`, `E${(i + 1) % length}`]);
    const index = new CrossRowIndex();
    rows.forEach(([id, manager], i) => index.add(id, manager, i + 2));
    index.finish();
    let flagged = 0;
    rows.forEach(([id], i) => {
      const issues = new IssueList(i + 2, id);
      index.addIssues(id, i + 2, issues);
      if (issues.issues[0]?.code === 'manager_cycle') flagged++;
    });
    expect(flagged).toBe(length);
  });

  it('shortens the description of a long loop so each message stays small', () => {
    const length = 50;
    const index = new CrossRowIndex();
    for (let i = 0; i < length; i++) index.add(`E${i}`, `E${(i + 1) % length}`, i + 2);
    index.finish();
    const issues = new IssueList(2, 'E0');
    index.addIssues('E0', 2, issues);
    expect(issues.issues[0]?.message).toBe(
      'managers form a loop: E0 → E1 → E2 → E3 → E4 → E5 → E6 → E7 → … (50 employees) → E0',
    );
  });

  it('adds nothing for an ID it never saw', () => {
    const index = new CrossRowIndex();
    index.finish();
    const issues = new IssueList(2, 'Z');
    index.addIssues('Z', 2, issues);
    expect(issues.issues).toEqual([]);
  });
});

describe('CrossRowIndex: every ID in one hash bucket', () => {
  /** The whole-file issue codes by line, with a hash that makes every ID collide. */
  function collidingCodes(rows: Row[]): Record<number, string[]> {
    const index = new CrossRowIndex(() => 42);
    rows.forEach(([id, manager], i) => index.add(id, manager, i + 2));
    index.finish();
    return Object.fromEntries(
      rows.map(([id], i) => {
        const issues = new IssueList(i + 2, id);
        index.addIssues(id, i + 2, issues);
        return [i + 2, issues.issues.map((issue) => issue.code)];
      }),
    );
  }

  it('reports a duplicate only for equal IDs, never for a shared hash', () => {
    expect(collidingCodes([['E1'], ['E10'], ['E1'], ['e1']])).toEqual({
      2: ['duplicate_external_id'],
      3: [],
      4: ['duplicate_external_id'],
      5: [],
    });
  });

  it('finds managers, missing managers, self-managers and loops', () => {
    expect(
      collidingCodes([
        ['A', 'B'],
        ['B', 'A'],
        ['C', 'A'],
        ['D', 'Z'],
        ['E', 'E'],
        ['F', 'C'],
      ]),
    ).toEqual({
      2: ['manager_cycle'],
      3: ['manager_cycle'],
      4: [],
      5: ['manager_not_found'],
      6: ['manager_self'],
      7: [],
    });
  });

  it('grows past its initial capacity with every ID colliding', () => {
    const rows: Row[] = Array.from({ length: 3_000 }, (_, i) => [`E${i}`, `E${i + 1}`]);
    const codes = collidingCodes(rows);
    expect(codes[2]).toEqual([]);
    expect(codes[3_001]).toEqual(['manager_not_found']);
  });
});

describe('CrossRowIndex: by ID number', () => {
  it('numbers IDs as they are added and gives their text back', () => {
    const index = new CrossRowIndex();
    const first = index.add('E1', 'E9', 2);
    const second = index.add('E2', undefined, 3);
    expect(index.add('E1', undefined, 4)).toBe(first);
    expect([index.externalId(first), index.externalId(second)]).toEqual(['E1', 'E2']);
  });

  it('tells which IDs have whole-file issues, as addIssues would add them', () => {
    const rows: Row[] = [['1'], ['2', '1'], ['3', '9'], ['1'], ['4', '4'], ['5', '6'], ['6', '5']];
    const index = new CrossRowIndex();
    const ids = rows.map(([id, manager], i) => index.add(id, manager, i + 2));
    index.finish();
    const flagged = rows.map((_, i) => index.hasIssues(ids[i]!));
    const withIssues = rows.map(([id], i) => {
      const issues = new IssueList(i + 2, id);
      index.addIssuesOf(ids[i]!, id, i + 2, issues);
      return issues.issues.length > 0;
    });
    expect(flagged).toEqual([true, false, true, true, true, true, true]);
    expect(withIssues).toEqual(flagged);
  });
});
