import type { EmployeeRecord } from '../../../src/record/fields';
import { applyRowRules } from '../../../src/validate/row-rules';
import { IssueList, type RowIssue, type SeverityOverrides } from '../../../src/validate/row-issue';

export interface RuleCheck {
  /** The record after the rules ran: repaired values are written back into it. */
  record: EmployeeRecord;
  issues: RowIssue[];
}

export interface RuleOptions {
  /** Required fields; none by default so that a test sees only the rule it is about. */
  required?: readonly string[];
  defaultCountry?: string;
  severity?: SeverityOverrides;
}

/** Runs the single-row rules on a copy of `fields` as line 2 of a file. */
export function checkRecord(
  fields: Omit<EmployeeRecord, 'custom'>,
  options: RuleOptions = {},
): RuleCheck {
  const record: EmployeeRecord = { ...fields, custom: {} };
  const issues = new IssueList(2, record.externalId ?? '', options.severity ?? {});
  applyRowRules(
    record,
    { required: options.required ?? [], defaultCountry: options.defaultCountry },
    issues,
  );
  return { record, issues: issues.issues };
}

/** A record that passes the default required fields and every format rule. */
export const COMPLETE_RECORD = {
  externalId: 'E1001',
  firstName: 'Sanne',
  lastName: 'de Vries',
  email: 'sanne.devries@example.com',
  country: 'NL',
  language: 'nl',
} as const;
