import { parse } from 'csv-parse/sync';
import { neutraliseCell } from '../../../src/report/errors-csv';
import { REPORT_CSV_COLUMNS, renderReportCsv } from '../../../src/report/render-report-csv';
import {
  buildSyncReport,
  type SyncReport,
  type SyncReportInput,
} from '../../../src/report/sync-report';
import { EVIL, outcome, rowIssue } from './report-fixtures';

const FORMULAS = ['=cmd|/C calc!A0', '+31612345678', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];

function sampleReport(): SyncReport {
  return buildSyncReport(sampleInput());
}

function sampleInput(): SyncReportInput {
  return {
    source: { rows: 4, valid: 3, rejected: 1 },
    outcomes: [
      outcome('1001', 'update', 'succeeded', {
        userId: 'u-1',
        attempts: 1,
        changes: [
          { attribute: 'department', field: 'department', from: 'Sales', to: 'Supply Chain' },
          { attribute: 'title', field: 'jobTitle', from: null, to: 'Picker, "senior"' },
        ],
      }),
      outcome('1002', 'create', 'failed', {
        reason: 'The server said: 409 Conflict\nuserName taken',
        httpStatus: 409,
        attempts: 3,
      }),
      outcome('1003', 'archive', 'succeeded'),
    ],
    issues: [
      rowIssue(5, { externalId: '1004', field: 'email', message: 'is not an e-mail address' }),
      rowIssue(6, {
        externalId: '1005',
        field: 'managerExternalId',
        code: 'manager_not_found',
        severity: 'warning',
        message: 'manager 77 is not in the file',
      }),
    ],
  };
}

const parseCsv = (text: string, delimiter = ','): string[][] =>
  parse(text, { bom: true, delimiter, relax_quotes: false }) as string[][];

describe('renderReportCsv', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    const csv = renderReportCsv(sampleReport());
    expect(csv.startsWith('\uFEFFkind,externalId,action,status,changes,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // The only bare LF is the one inside the quoted reason.
    const records = csv.slice(1).split('\r\n');
    expect(records.filter((record) => record.startsWith('outcome,'))).toHaveLength(3);
    expect(records.filter((record) => record.startsWith('issue,'))).toHaveLength(2);
    expect(csv.replace(/\r\n/g, '').match(/\n/g)).toHaveLength(1);
  });

  it('writes one row per outcome, then one per issue, under the shared header', () => {
    const rows = parseCsv(renderReportCsv(sampleReport()));
    expect(rows[0]).toEqual([...REPORT_CSV_COLUMNS]);
    const byColumn = rows
      .slice(1)
      .map((row) => Object.fromEntries(REPORT_CSV_COLUMNS.map((column, i) => [column, row[i]])));
    expect(byColumn.map((row) => row.kind)).toEqual([
      'outcome',
      'outcome',
      'outcome',
      'issue',
      'issue',
    ]);
    expect(byColumn[0]).toMatchObject({
      externalId: '1001',
      action: 'update',
      status: 'succeeded',
      changes: 'department: Sales → Supply Chain; jobTitle: (empty) → Picker, "senior"',
      attempts: '1',
      line: '',
    });
    expect(byColumn[1]).toMatchObject({
      action: 'create',
      status: 'failed',
      reason: 'The server said: 409 Conflict\nuserName taken',
      httpStatus: '409',
      attempts: '3',
    });
    expect(byColumn[2]).toMatchObject({ action: 'archive', status: 'succeeded', changes: '' });
    expect(byColumn[4]).toMatchObject({
      externalId: '1005',
      line: '6',
      field: 'managerExternalId',
      code: 'manager_not_found',
      severity: 'warning',
      message: 'manager 77 is not in the file',
      action: '',
    });
    expect(rows.every((row) => row.length === REPORT_CSV_COLUMNS.length)).toBe(true);
  });

  it.each(FORMULAS)('neutralises %j wherever it appears', (formula) => {
    const report = buildSyncReport({
      source: { rows: 1, valid: 1, rejected: 0 },
      outcomes: [outcome(formula, 'create', 'failed', { reason: formula })],
      issues: [rowIssue(2, { externalId: formula, field: formula, message: formula })],
    });
    const [, outcomeRow, issueRow] = parseCsv(renderReportCsv(report));
    const cells = (row: string[] | undefined, columns: string[]) =>
      columns.map((column) => row?.[REPORT_CSV_COLUMNS.indexOf(column as never)]);
    for (const cell of [
      ...cells(outcomeRow, ['externalId', 'reason']),
      ...cells(issueRow, ['externalId', 'field', 'message']),
    ]) {
      expect(cell).toBe(`'${formula}`);
    }
  });

  it('round-trips through csv-parse to the same values, minus the neutralising apostrophe', () => {
    const awkward = [...FORMULAS, EVIL, 'de Vries, Sanne', ' padded ', 'two\nlines', 'Zoë 🙂', ''];
    const report = buildSyncReport({
      source: { rows: awkward.length, valid: awkward.length, rejected: 0 },
      outcomes: awkward.map((value, i) =>
        outcome(`id-${i}`, 'update', 'failed', {
          reason: value,
          changes: [{ attribute: 'a', field: 'department', from: value, to: 'x' }],
        }),
      ),
      issues: awkward.map((value, i) => rowIssue(i + 2, { externalId: value, message: value })),
    });
    for (const delimiter of [',', ';', '\t']) {
      const rows = parseCsv(renderReportCsv(report, { delimiter }), delimiter).slice(1);
      awkward.forEach((value, i) => {
        const outcomeRow = rows[i]!;
        const issueRow = rows[awkward.length + i]!;
        const reason = outcomeRow[REPORT_CSV_COLUMNS.indexOf('reason')]!;
        const message = issueRow[REPORT_CSV_COLUMNS.indexOf('message')]!;
        const externalId = issueRow[REPORT_CSV_COLUMNS.indexOf('externalId')]!;
        for (const cell of [reason, message, externalId]) {
          expect(cell).toBe(neutraliseCell(value));
          expect(cell === value ? cell : cell.slice(1)).toBe(value);
        }
        expect(outcomeRow[REPORT_CSV_COLUMNS.indexOf('changes')]).toBe(
          `department: ${value === '' ? '(empty)' : value} → x`,
        );
      });
    }
  });

  it("writes the run's warnings (an HR source's unreadable field) first, one row each, with the node", () => {
    const report = buildSyncReport({
      ...sampleInput(),
      warnings: [
        {
          node: 'HR Source',
          message:
            'BambooHR returned no value for "jobInformationDepartment" (department) for any of the 20 employees: check the API user\'s field permissions in BambooHR; until then department is not cleared on the platform.',
        },
        { node: 'HR Source', message: 'BambooHR needed retries (429 2×); the read completed.' },
      ],
    });
    const rows = parseCsv(renderReportCsv(report));
    expect(rows[0]).toEqual([...REPORT_CSV_COLUMNS]);
    expect(rows[0]!.at(-1)).toBe('node');
    const byColumn = rows
      .slice(1)
      .map((row) => Object.fromEntries(REPORT_CSV_COLUMNS.map((column, i) => [column, row[i]])));
    expect(byColumn.map((row) => row.kind)).toEqual([
      'warning',
      'warning',
      'outcome',
      'outcome',
      'outcome',
      'issue',
      'issue',
    ]);
    expect(byColumn[0]).toEqual({
      ...Object.fromEntries(REPORT_CSV_COLUMNS.map((column) => [column, ''])),
      kind: 'warning',
      severity: 'warning',
      message: report.warnings[0]!.message,
      node: 'HR Source',
    });
    expect(byColumn[1]?.message).toBe('BambooHR needed retries (429 2×); the read completed.');
    expect(rows.every((row) => row.length === REPORT_CSV_COLUMNS.length)).toBe(true);
  });

  it.each(FORMULAS)("neutralises %j in a warning's message and node", (formula) => {
    const report = buildSyncReport({ warnings: [{ node: formula, message: formula }] });
    const [, warningRow] = parseCsv(renderReportCsv(report));
    expect(warningRow?.[REPORT_CSV_COLUMNS.indexOf('message')]).toBe(`'${formula}`);
    expect(warningRow?.[REPORT_CSV_COLUMNS.indexOf('node')]).toBe(`'${formula}`);
  });

  it('writes just the BOM and header for an empty report', () => {
    expect(renderReportCsv(buildSyncReport({}))).toBe(`\uFEFF${REPORT_CSV_COLUMNS.join(',')}\r\n`);
  });

  it.each(['', ',,', '"', '\n'])('refuses the delimiter %j', (delimiter) => {
    expect(() => renderReportCsv(buildSyncReport({}), { delimiter })).toThrow(RangeError);
  });
});
