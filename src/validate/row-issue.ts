/** Stable, machine-readable reasons a row is rejected or flagged. */
export const ISSUE_CODES = [
  'required',
  'column_count',
  'invalid_email',
  'invalid_phone',
  'phone_needs_country',
  'phone_not_mobile',
  'invalid_date',
  'invalid_country',
  'invalid_language',
  'end_before_start',
  'duplicate_external_id',
  'duplicate_email',
  'manager_not_found',
  'manager_self',
  'manager_cycle',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = 'error' | 'warning';

/** What is wrong with one row: `error` rejects it, `warning` keeps it. */
export interface RowIssue {
  /** 1-based line of the source file where the row starts. */
  line: number;
  externalId: string;
  field: string;
  code: IssueCode;
  severity: Severity;
  message: string;
}

/**
 * Codes that keep the row unless the admin says otherwise: a manager who already left must
 * not stop the employee from being synced, and a fixed-line number in the mobile column is
 * still a number.
 */
export const DEFAULT_SEVERITY: Record<IssueCode, Severity> = {
  required: 'error',
  column_count: 'error',
  invalid_email: 'error',
  invalid_phone: 'error',
  phone_needs_country: 'error',
  phone_not_mobile: 'warning',
  invalid_date: 'error',
  invalid_country: 'error',
  invalid_language: 'error',
  end_before_start: 'warning',
  duplicate_external_id: 'error',
  // Two employees with one e-mail: a platform that matches on e-mail would give one of them
  // the other's account.
  duplicate_email: 'error',
  manager_not_found: 'warning',
  manager_self: 'error',
  manager_cycle: 'error',
};

export type SeverityOverrides = Partial<Record<IssueCode, Severity>>;

/** Collects the issues of one row, applying the configured severities. */
export class IssueList {
  constructor(
    private readonly line: number,
    private readonly externalId: string,
    private readonly severity: SeverityOverrides = {},
    readonly issues: RowIssue[] = [],
  ) {}

  add(field: string, code: IssueCode, message: string): void {
    const severity = this.severity[code] ?? DEFAULT_SEVERITY[code];
    this.issues.push({
      line: this.line,
      externalId: this.externalId,
      field,
      code,
      severity,
      message,
    });
  }
}

export const hasErrors = (issues: readonly RowIssue[]): boolean =>
  issues.some((issue) => issue.severity === 'error');
