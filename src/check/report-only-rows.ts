import type { CrossRowIndex } from '../validate/cross-row-index';
import { IssueList, type RowIssue, type SeverityOverrides } from '../validate/row-issue';
import type { CheckTally } from './check-report';
import type { CheckedRow } from './first-pass';

/** A row's ID number in the cross-row index, for a row without an external ID. */
const NO_ID = -1;
const INITIAL_ROWS = 4096;
const NO_ISSUES: RowIssue[] = [];

interface RowWithIssues {
  line: number;
  externalId: string;
  issues: RowIssue[];
}

/**
 * What a check that only reports keeps between its passes: the line and ID number of every
 * row (8 bytes a row, outside the garbage-collected heap) and the rows that already have
 * issues of their own. A row with neither kind of issue is only counted; every other row's
 * whole-file issues come from the cross-row index, so no row's contents are kept.
 */
export class ReportOnlyRows {
  private lines = new Int32Array(INITIAL_ROWS);
  private ids = new Int32Array(INITIAL_ROWS);
  private count = 0;
  /** Rows with issues of their own, in file order. */
  private readonly withIssues: RowWithIssues[] = [];

  add(row: CheckedRow, id: number | undefined): void {
    if (this.count === this.lines.length) this.grow();
    this.lines[this.count] = row.line;
    this.ids[this.count] = id ?? NO_ID;
    this.count++;
    if (row.issues.length === 0) return;
    const { line, record, issues } = row;
    this.withIssues.push({ line, externalId: record.externalId ?? '', issues });
  }

  /** Counts every row, in file order, with its own and its whole-file issues. */
  tally(index: CrossRowIndex, severity: SeverityOverrides, tally: CheckTally): void {
    let next = 0;
    for (let row = 0; row < this.count; row++) {
      const line = this.lines[row]!;
      const id = this.ids[row]!;
      const own = this.withIssues[next]?.line === line ? this.withIssues[next++] : undefined;
      const crossRow = id !== NO_ID && index.hasIssues(id);
      if (!own && !crossRow) {
        tally.count(NO_ISSUES);
        continue;
      }
      const externalId = own ? own.externalId : index.externalId(id);
      const issues = new IssueList(line, externalId, severity, own?.issues);
      if (crossRow) index.addIssuesOf(id, externalId, line, issues);
      tally.count(issues.issues);
    }
  }

  private grow(): void {
    const lines = new Int32Array(this.lines.length * 2);
    lines.set(this.lines);
    this.lines = lines;
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
