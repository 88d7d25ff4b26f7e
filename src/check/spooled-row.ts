import type { ColumnPlan } from '../mapping/column-plan';
import { toRecord, type ValueRules } from '../mapping/to-record';
import { TEXT_FIELDS, type TextField } from '../record/fields';
import type { RowIssue } from '../validate/row-issue';
import type { CheckedRow } from './first-pass';

/**
 * A checked row as it waits between the passes, in memory or on disk: its line, its fields
 * as read, the record values the row rules changed (a phone number in E.164, a country in
 * capitals), and its issues. The rest of the record is mapped again from the fields: that
 * costs less than carrying the record through JSON and back, as it repeats the fields.
 */
export type SpooledRow = [
  line: number,
  fields: string[],
  /** Each value that differs from the mapped one; null for one the rules removed. */
  changed: Partial<Record<TextField, string | null>>,
  issues: RowIssue[],
];

export function spoolRow(row: CheckedRow, plan: ColumnPlan, rules: ValueRules): SpooledRow {
  const mapped = toRecord(row.fields, plan, rules);
  const changed: SpooledRow[2] = {};
  // Every text field is compared, not only the ones the rules are known to normalise today.
  // Tags and custom fields are never changed by the rules; they come back as mapped.
  for (const field of TEXT_FIELDS) {
    const value = row.record[field];
    if (value !== mapped[field]) changed[field] = value ?? null;
  }
  return [row.line, row.fields, changed, row.issues];
}

/** The row `spoolRow` was given, record and all. */
export function unspoolRow(
  [line, fields, changed, issues]: SpooledRow,
  plan: ColumnPlan,
  rules: ValueRules,
): CheckedRow {
  const record = toRecord(fields, plan, rules);
  // Replacing a value keeps the record's keys in the order the columns gave them.
  for (const [field, value] of Object.entries(changed) as [TextField, string | null][]) {
    if (value === null) Reflect.deleteProperty(record, field);
    else record[field] = value;
  }
  return { line, fields, record, issues };
}
