import type { ColumnPlan } from '../mapping/column-plan';
import { hasErrors, type IssueCode, type RowIssue } from '../validate/row-issue';
import type { CheckSource } from './check-rows';

export interface CheckReport {
  source: Omit<CheckSource, 'columns'>;
  /** What each column fed: a canonical field, a custom field, or nothing. */
  columns: { column: string; field: string | null; custom: boolean }[];
  /** Data rows read (blank rows not counted). */
  rows: number;
  valid: number;
  invalid: number;
  /** Valid rows that carry at least one warning. */
  withWarnings: number;
  blankRows: number;
  issueCounts: Partial<Record<IssueCode, number>>;
  issues: RowIssue[];
}

/** Counts as rows come out of the second pass. */
export class CheckTally {
  blankRows = 0;
  private rows = 0;
  private invalid = 0;
  private withWarnings = 0;
  private readonly issues: RowIssue[] = [];
  private readonly issueCounts: Partial<Record<IssueCode, number>> = {};

  constructor(
    private readonly plan: ColumnPlan,
    private readonly source: CheckSource,
  ) {}

  count(issues: RowIssue[]): void {
    this.rows++;
    if (hasErrors(issues)) this.invalid++;
    else if (issues.length > 0) this.withWarnings++;
    for (const issue of issues) {
      this.issues.push(issue);
      this.issueCounts[issue.code] = (this.issueCounts[issue.code] ?? 0) + 1;
    }
  }

  report(): CheckReport {
    return {
      source: {
        encoding: this.source.encoding,
        bom: this.source.bom,
        delimiter: this.source.delimiter,
        header: this.source.header,
      },
      columns: this.plan.header.map((column, index) => {
        const target = this.plan.targets[index]!;
        if (target.kind === 'field') return { column, field: target.field, custom: false };
        if (target.kind === 'custom') return { column, field: target.name, custom: true };
        return { column, field: null, custom: false };
      }),
      rows: this.rows,
      valid: this.rows - this.invalid,
      invalid: this.invalid,
      withWarnings: this.withWarnings,
      blankRows: this.blankRows,
      issueCounts: this.issueCounts,
      issues: this.issues,
    };
  }
}
