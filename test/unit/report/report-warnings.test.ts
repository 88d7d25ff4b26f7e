import { renderReportHtml } from '../../../src/report/render-report-html';
import { buildSyncReport, type SyncReportInput } from '../../../src/report/sync-report';
import { EVIL, outcome } from './report-fixtures';

/** An HR source's warnings (a field the API user cannot read) reach the report as they are. */
const input: SyncReportInput = {
  source: { rows: 1, valid: 1, rejected: 0 },
  outcomes: [outcome('1', 'update', 'succeeded')],
  warnings: [
    {
      node: 'HR Source',
      message: 'BambooHR refused to return "jobInformationDepartment" (department)',
    },
  ],
};

describe('the report warnings', () => {
  it('keeps them in the model without changing the status the writes decide', () => {
    const report = buildSyncReport(input);
    expect(report.warnings).toEqual(input.warnings);
    expect(report.status).toBe('success');
    expect(buildSyncReport({ ...input, warnings: undefined }).warnings).toEqual([]);
  });

  it('shows them in a Warnings section naming the node and the field, escaped', () => {
    const html = renderReportHtml(buildSyncReport(input));
    expect(html).toContain('>Warnings</h2>');
    expect(html).toContain('HR Source');
    expect(html).toContain('&quot;jobInformationDepartment&quot; (department)');
    const evil = renderReportHtml(
      buildSyncReport({ ...input, warnings: [{ node: 'HR Source', message: EVIL }] }),
    );
    expect(evil).not.toContain(EVIL);
  });

  it('has no Warnings section when there are none', () => {
    expect(renderReportHtml(buildSyncReport({ ...input, warnings: [] }))).not.toContain('Warnings');
  });
});
