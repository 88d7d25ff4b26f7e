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

/** Markup this module wrote itself; anything else put into `html` is escaped. */
class Html {
  constructor(readonly text: string) {}
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

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

/** A template whose every interpolated value is HTML-escaped, unless it is itself `html`. */
function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
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

  const body = html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body
        style="margin:0;padding:16px;background:#f5f6f8;color:#1f2933;font-size:14px;line-height:1.4;${FONT}"
      >
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          border="0"
          style="max-width:800px;margin:0 auto;background:#ffffff;border:1px solid #d9dde3;border-collapse:collapse"
        >
          <tr>
            <td style="padding:20px;${FONT}">
              <h1 style="font-size:20px;margin:0 0 12px 0;${FONT}">${title}</h1>
              <p style="margin:0 0 12px 0">
                <span
                  style="display:inline-block;padding:4px 12px;border-radius:4px;background:${colour};color:#ffffff;font-weight:bold;font-size:16px"
                  >${STATUS_LABEL[report.status] ?? report.status}</span
                >${report.dryRun ? html` <span style="display:inline-block;padding:4px 12px;border-radius:4px;background:#e0e7ff;color:#1e3a8a;font-weight:bold;font-size:16px">Dry run: nothing was written</span>` : ''}
              </p>
              <p style="margin:0 0 8px 0;color:${colour};font-weight:bold">
                ${summaryLine(report)}
              </p>
              ${when(report)} ${countsTable(report)} ${brakesSection(report)}
              ${failuresSection(report)} ${usersSection(report, maxRows)}
              ${issuesSection(report, maxRows)} ${timingsSection(report)}
            </td>
          </tr>
        </table>
      </body>
    </html> `;
  return body.text;
}

function when(report: SyncReport): Html {
  const facts: string[] = [];
  if (report.fileName) facts.push(`File: ${report.fileName}`);
  if (report.startedAt) facts.push(`Started: ${report.startedAt}`);
  if (report.finishedAt) facts.push(`Finished: ${report.finishedAt}`);
  return facts.length ? html`<p style="${NOTE}">${facts.join(' · ')}</p>` : html``;
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
    ['Failed', counts.failed],
  );
  return html`<h2 style="${H2}">Counts</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}max-width:320px">
      ${rows.map(
        ([label, value]) =>
          html`<tr>
            <td style="${TD}">${label}</td>
            <td
              style="${TD_NUMBER}${label === 'Failed' && value > 0 ? 'color:#b91c1c;font-weight:bold;' : ''}"
            >
              ${value}
            </td>
          </tr> `,
      )}
    </table>`;
}

function brakesSection(report: SyncReport): Html {
  const tripped = report.brakes.filter((brake) => brake.tripped);
  if (!tripped.length) return html``;
  return html`<h2 style="${H2}color:#b91c1c">Safety brakes tripped</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}">
      <tr>
        <th style="${TH}">Brake</th>
        <th style="${TH}">Limit</th>
        <th style="${TH}">Actual</th>
        <th style="${TH}">Message</th>
      </tr>
      ${tripped.map(
        (brake) =>
          html`<tr>
            <td style="${TD}">${brake.brake}</td>
            <td style="${TD_NUMBER}">${brake.limit}</td>
            <td style="${TD_NUMBER}">${brake.actual}</td>
            <td style="${TD}">${brake.message}</td>
          </tr> `,
      )}
    </table>`;
}

function failuresSection(report: SyncReport): Html {
  if (!report.failures.length) return html``;
  return html`<h2 style="${H2}color:#b91c1c">Failures</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}">
      <tr>
        <th style="${TH}">Node</th>
        <th style="${TH}">Message</th>
      </tr>
      ${report.failures.map(
        (failure) =>
          html`<tr>
            <td style="${TD}">${failure.node}</td>
            <td style="${TD}">${failure.message}</td>
          </tr> `,
      )}
    </table>`;
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
  if (!users.length) return html``;
  const names = present.map(([name]) => name);
  const heading = `Users ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
  return html`<h2 style="${H2}">${heading}</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}">
      <tr>
        <th style="${TH}">External ID</th>
        <th style="${TH}">Action</th>
        <th style="${TH}">Status</th>
        <th style="${TH}">Changes or reason</th>
        <th style="${TH}">HTTP</th>
        <th style="${TH}">Attempts</th>
      </tr>
      ${users.slice(0, maxRows).map(userRow)}${more(users.length - maxRows, 6)}
    </table>`;
}

function userRow(outcome: ReportOutcome): Html {
  const failed = outcome.status === 'failed';
  const detail = [formatChanges(outcome.changes), outcome.reason ?? '']
    .filter((text) => text !== '')
    .join(' | ');
  return html`<tr>
    <td style="${TD}">${outcome.externalId}</td>
    <td style="${TD}">${outcome.action}</td>
    <td style="${TD}${failed ? 'color:#b91c1c;font-weight:bold;' : ''}">${outcome.status}</td>
    <td style="${TD}">${detail}</td>
    <td style="${TD_NUMBER}">${outcome.httpStatus ?? ''}</td>
    <td style="${TD_NUMBER}">${outcome.attempts ?? ''}</td>
  </tr> `;
}

function issuesSection(report: SyncReport, maxRows: number): Html {
  const errors = report.issues.filter((issue) => issue.severity === 'error');
  const warnings = report.issues.length - errors.length;
  const warningNote = warnings
    ? html`<p style="${NOTE}">
        ${warnings === 1 ? '1 warning' : `${warnings} warnings`} on rows that were kept: see the CSV
        report.
      </p>`
    : html``;
  if (!errors.length) return warningNote;
  return html`<h2 style="${H2}">Rejected rows</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}">
      <tr>
        <th style="${TH}">Line</th>
        <th style="${TH}">External ID</th>
        <th style="${TH}">Field</th>
        <th style="${TH}">Code</th>
        <th style="${TH}">Message</th>
      </tr>
      ${errors.slice(0, maxRows).map(issueRow)}${more(errors.length - maxRows, 5)}
    </table>
    ${warningNote}`;
}

function issueRow(issue: RowIssue): Html {
  return html`<tr>
    <td style="${TD_NUMBER}">${issue.line}</td>
    <td style="${TD}">${issue.externalId}</td>
    <td style="${TD}">${issue.field}</td>
    <td style="${TD}">${issue.code}</td>
    <td style="${TD}">${issue.message}</td>
  </tr> `;
}

function more(hidden: number, columns: number): Html {
  if (hidden <= 0) return html``;
  return html`<tr>
    <td colspan="${columns}" style="${TD}font-style:italic">… and ${hidden} more</td>
  </tr> `;
}

function timingsSection(report: SyncReport): Html {
  const entries = Object.entries(report.timings);
  if (!entries.length) return html``;
  return html`<h2 style="${H2}">Timings</h2>
    <table cellpadding="0" cellspacing="0" style="${TABLE}max-width:320px">
      ${entries.map(
        ([stage, ms]) =>
          html`<tr>
            <td style="${TD}">${stage}</td>
            <td style="${TD_NUMBER}">${ms} ms</td>
          </tr> `,
      )}
    </table>`;
}
