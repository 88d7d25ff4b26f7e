import type { RowIssue } from '../validate/row-issue';
import { neutraliseCell, quoteCell } from './errors-csv';
import {
  formatChanges,
  type ReportOutcome,
  type StageFailure,
  type SyncReport,
} from './sync-report';

/**
 * The report CSV's columns: the outcome columns, then the row issue columns, then the node
 * a run warning came from (added last, so the columns before it keep their places).
 */
export const REPORT_CSV_COLUMNS = [
  'kind',
  'externalId',
  'action',
  'status',
  'changes',
  'reason',
  'httpStatus',
  'attempts',
  'line',
  'field',
  'code',
  'severity',
  'message',
  'node',
] as const;

export type ReportCsvColumn = (typeof REPORT_CSV_COLUMNS)[number];

type Cells = Partial<Record<ReportCsvColumn, string | number>>;

export interface ReportCsvOptions {
  /** Cell delimiter (default `,`); `;` suits spreadsheets in comma-decimal locales. */
  delimiter?: string;
}

/**
 * The sync report as a spreadsheet: one line per run warning (an HR source's API user who
 * seems unable to read a field, retries that were needed), then one per user outcome, then
 * one per row issue, told apart by the first column `kind`. UTF-8 with a BOM and CRLF so Excel opens it right;
 * every cell neutralised so nothing in it runs as a formula.
 */
export function renderReportCsv(report: SyncReport, options: ReportCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new RangeError(
      `The CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}.`,
    );
  }
  const line = (cells: readonly string[]): string =>
    `${cells.map((cell) => quoteCell(neutraliseCell(cell), delimiter)).join(delimiter)}\r\n`;
  const inColumns = (cells: Cells): string[] =>
    REPORT_CSV_COLUMNS.map((column) => String(cells[column] ?? ''));

  return [
    '\uFEFF',
    line(REPORT_CSV_COLUMNS),
    ...report.warnings.map((warning) => line(inColumns(warningCells(warning)))),
    ...report.outcomes.map((outcome) => line(inColumns(outcomeCells(outcome)))),
    ...report.issues.map((issue) => line(inColumns(issueCells(issue)))),
  ].join('');
}

function warningCells(warning: StageFailure): Cells {
  return { kind: 'warning', severity: 'warning', message: warning.message, node: warning.node };
}

function outcomeCells(outcome: ReportOutcome): Cells {
  return {
    kind: 'outcome',
    externalId: outcome.externalId,
    action: outcome.action,
    status: outcome.status,
    changes: formatChanges(outcome.changes),
    reason: outcome.reason ?? '',
    httpStatus: outcome.httpStatus ?? '',
    attempts: outcome.attempts ?? '',
  };
}

function issueCells(issue: RowIssue): Cells {
  return {
    kind: 'issue',
    externalId: issue.externalId,
    line: issue.line,
    field: issue.field,
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
  };
}
