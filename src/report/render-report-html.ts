import type { RowIssue } from '../validate/row-issue';
import {
  STATUS_LABEL,
  formatChanges,
  plannedByAction,
  summaryLine,
  type ReportOutcome,
  type SyncReport,
  type SyncStatus,
} from './sync-report';

export interface ReportHtmlOptions {
  /** The document's title and heading (default "HR sync report"). */
  title?: string;
  /** Most users and most rejected rows listed, each (default 200). */
  maxRows?: number;
}

export const DEFAULT_HTML_MAX_ROWS = 200;

/** Markup this module wrote itself; anything else put into `markup` is escaped. */
class Html {
  constructor(readonly text: string) {}
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const MANAGER_LINKS_FAILED = 'Manager links failed';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function renderPart(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  if (part === null || part === undefined) return '';
  return escapeHtml(String(part));
}

/**
 * A template whose every interpolated value is HTML-escaped, unless it is itself `markup`.
 * Not called `html`: prettier would reformat the templates' markup.
 */
function markup(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let text = strings[0] ?? '';
  parts.forEach((part, index) => {
    text += renderPart(part) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

const STATUS_COLOUR: Record<SyncStatus, string> = {
  success: '#1e7b34',
  partial: '#b45309',
  failed: '#b91c1c',
};

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TABLE = 'border-collapse:collapse;width:100%;margin:0 0 16px 0;font-size:13px;' + FONT;
const TH =
  'text-align:left;padding:6px 8px;border:1px solid #d9dde3;background:#f0f2f5;font-weight:bold;';
const TD = 'text-align:left;padding:6px 8px;border:1px solid #d9dde3;vertical-align:top;';
const TD_NUMBER = 'text-align:right;padding:6px 8px;border:1px solid #d9dde3;';
const H2 = 'font-size:16px;margin:20px 0 8px 0;' + FONT;
const NOTE = 'margin:0 0 16px 0;color:#52606d;font-size:12px;';
const RED = 'color:#b91c1c;';
const AMBER = 'color:#b45309;';
const ALERT = 'color:#b91c1c;font-weight:bold;';

/**
 * The sync report as a self-contained HTML document for an e-mail body: inline styles, no
 * external resources, every value from the report escaped.
 */
export function renderReportHtml(report: SyncReport, options: ReportHtmlOptions = {}): string {
  const title = options.title ?? 'HR sync report';
  const maxRows =
    options.maxRows !== undefined && Number.isFinite(options.maxRows) && options.maxRows >= 0
      ? Math.floor(options.maxRows)
      : DEFAULT_HTML_MAX_ROWS;
  const colour = STATUS_COLOUR[report.status] ?? STATUS_COLOUR.failed;
  const badge = (text: string, style: string): Html =>
    markup`<span style="display:inline-block;padding:4px 12px;margin:0 8px 0 0;border-radius:4px;font-weight:bold;font-size:16px;${style}">${text}</span>`;

  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:16px;background:#f5f6f8;color:#1f2933;font-size:14px;line-height:1.4;${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:800px;margin:0 auto;background:#ffffff;border:1px solid #d9dde3;border-collapse:collapse">
<tr><td style="padding:20px;${FONT}">
<h1 style="font-size:20px;margin:0 0 12px 0;${FONT}">${title}</h1>
<p style="margin:0 0 12px 0">${badge(STATUS_LABEL[report.status] ?? report.status, `background:${colour};color:#ffffff;`)}${report.dryRun ? badge('Dry run: nothing was written', 'background:#e0e7ff;color:#1e3a8a;') : ''}</p>
<p style="margin:0 0 8px 0;color:${colour};font-weight:bold">${summaryLine(report)}</p>
${when(report)}${countsTable(report)}${brakesSection(report)}${failuresSection(report)}${warningsSection(report)}${usersSection(report, maxRows)}${issuesSection(report, maxRows)}${timingsSection(report)}</td></tr>
</table>
</body>
</html>
`.text;
}

const EMPTY = markup``;
const td = (value: Part, style = TD): Html => markup`<td style="${style}">${value}</td>`;
const num = (value: Part, extra = ''): Html => td(value, TD_NUMBER + extra);
const tr = (...cells: Html[]): Html => markup`<tr>${cells}</tr>
`;

function section(heading: string, columns: readonly string[], rows: Html[], extra = ''): Html {
  const head = columns.length
    ? markup`<tr>${columns.map((column) => markup`<th style="${TH}">${column}</th>`)}</tr>
`
    : EMPTY;
  return markup`<h2 style="${H2}${extra}">${heading}</h2>
<table cellpadding="0" cellspacing="0" style="${TABLE}">
${head}${rows}</table>
`;
}

function when(report: SyncReport): Html {
  const facts: string[] = [];
  if (report.fileName) facts.push(`File: ${report.fileName}`);
  if (report.startedAt) facts.push(`Started: ${report.startedAt}`);
  if (report.finishedAt) facts.push(`Finished: ${report.finishedAt}`);
  return facts.length
    ? markup`<p style="${NOTE}">${facts.join(' · ')}</p>
`
    : EMPTY;
}

function countsTable(report: SyncReport): Html {
  const { counts } = report;
  const rows: [string, number][] = [
    ['Rows read', counts.rowsRead],
    ['Valid', counts.valid],
    ['Rejected', counts.rejected],
  ];
  if (report.dryRun || counts.planned > 0) {
    const planned = plannedByAction(report);
    rows.push(
      ['To create', planned.create],
      ['To update', planned.update],
      ['To reactivate', planned.reactivate],
      ['To archive', planned.archive],
      ['To delete', planned.delete],
    );
  }
  rows.push(
    ['Created', counts.created],
    ['Updated', counts.updated],
    ['Reactivated', counts.reactivated],
    ['Unchanged', counts.unchanged],
    ['Archived', counts.archived],
    ['Deleted', counts.deleted],
    ['Skipped', counts.skipped],
    ['Held (deactivated by others)', counts.held],
    ['Failed', counts.failed],
  );
  if (counts.managerLinksFailed > 0) rows.push([MANAGER_LINKS_FAILED, counts.managerLinksFailed]);
  return section(
    'Counts',
    [],
    rows.map(([label, value]) =>
      tr(
        td(label),
        num(
          value,
          (label === 'Failed' || label === MANAGER_LINKS_FAILED) && value > 0 ? ALERT : '',
        ),
      ),
    ),
  );
}

function brakesSection(report: SyncReport): Html {
  const tripped = report.brakes.filter((brake) => brake.tripped);
  if (!tripped.length) return EMPTY;
  return section(
    'Safety brakes tripped',
    ['Brake', 'Limit', 'Actual', 'Message'],
    tripped.map((brake) =>
      tr(td(brake.brake), num(brake.limit), num(brake.actual), td(brake.message)),
    ),
    RED,
  );
}

function failuresSection(report: SyncReport): Html {
  if (!report.failures.length) return EMPTY;
  return section(
    'Failures',
    ['Node', 'Message'],
    report.failures.map((failure) => tr(td(failure.node), td(failure.message))),
    RED,
  );
}

function warningsSection(report: SyncReport): Html {
  if (!report.warnings.length) return EMPTY;
  return section(
    'Warnings',
    ['Node', 'Message'],
    report.warnings.map((warning) => tr(td(warning.node), td(warning.message))),
    AMBER,
  );
}

const isChange = (outcome: ReportOutcome): boolean =>
  outcome.status === 'planned' ||
  (outcome.status === 'succeeded' && outcome.action !== 'unchanged' && outcome.action !== 'skip');

/** Failed users first, then the changed (or, in a dry run, to be changed), then the skipped. */
function usersSection(report: SyncReport, maxRows: number): Html {
  const groups: [string, ReportOutcome[]][] = [
    ['failed', report.outcomes.filter((outcome) => outcome.status === 'failed')],
    [report.dryRun ? 'to change' : 'changed', report.outcomes.filter(isChange)],
    ['skipped', report.outcomes.filter((outcome) => outcome.status === 'skipped')],
  ];
  const present = groups.filter(([, outcomes]) => outcomes.length > 0);
  const users = present.flatMap(([, outcomes]) => outcomes);
  if (!users.length) return EMPTY;
  const names = present.map(([name]) => name);
  const last = names.pop();
  const heading = `Users ${names.length ? `${names.join(', ')} and ${last}` : last}`;
  return section(heading, USER_COLUMNS, [
    ...users.slice(0, maxRows).map(userRow),
    more(users.length - maxRows, USER_COLUMNS.length),
  ]);
}

const USER_COLUMNS = ['External ID', 'Action', 'Status', 'Changes or reason', 'HTTP', 'Attempts'];

function userRow(outcome: ReportOutcome): Html {
  const detail = [formatChanges(outcome.changes), outcome.reason ?? '']
    .filter((text) => text !== '')
    .join(' | ');
  return tr(
    td(outcome.externalId),
    td(outcome.action),
    td(outcome.status, outcome.status === 'failed' ? TD + ALERT : TD),
    td(detail),
    num(outcome.httpStatus),
    num(outcome.attempts),
  );
}

const ISSUE_COLUMNS = ['Line', 'External ID', 'Field', 'Code', 'Message'];

function issuesSection(report: SyncReport, maxRows: number): Html {
  const errors = report.issues.filter((issue) => issue.severity === 'error');
  const warnings = report.issues.length - errors.length;
  const note = warnings
    ? markup`<p style="${NOTE}">${warnings === 1 ? '1 warning' : `${warnings} warnings`} on rows that were kept: see the CSV report.</p>
`
    : EMPTY;
  if (!errors.length) return note;
  return markup`${section('Rejected rows', ISSUE_COLUMNS, [
    ...errors.slice(0, maxRows).map(issueRow),
    more(errors.length - maxRows, ISSUE_COLUMNS.length),
  ])}${note}`;
}

function issueRow(issue: RowIssue): Html {
  return tr(
    num(issue.line),
    td(issue.externalId),
    td(issue.field),
    td(issue.code),
    td(issue.message),
  );
}

function more(hidden: number, columns: number): Html {
  if (hidden <= 0) return EMPTY;
  return markup`<tr><td colspan="${columns}" style="${TD}font-style:italic">… and ${hidden} more</td></tr>
`;
}

function timingsSection(report: SyncReport): Html {
  const entries = Object.entries(report.timings);
  if (!entries.length) return EMPTY;
  return section(
    'Timings',
    ['Stage', 'Milliseconds'],
    entries.map(([stage, ms]) => tr(td(stage), num(ms))),
  );
}
