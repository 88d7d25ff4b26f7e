import type { CheckReport } from '../check/check-report';

const SHOWN_ISSUES = 20;

/** The short summary for people: what was read, how much is valid, the first problems. */
export function formatSummary(file: string, report: CheckReport): string {
  const { source } = report;
  const delimiter = source.delimiter === '\t' ? 'tab' : `"${source.delimiter}"`;
  const lines = [
    `${file}: ${report.rows} rows (${source.encoding}${source.bom ? ' with BOM' : ''}, delimiter ${delimiter}, ${source.header ? 'header row' : 'no header row'})`,
    `  valid: ${report.valid}${report.withWarnings ? ` (${report.withWarnings} with warnings)` : ''}`,
    `  rejected: ${report.invalid}`,
  ];
  if (report.blankRows) lines.push(`  blank rows skipped: ${report.blankRows}`);
  const unknown = report.columns.filter((column) => column.custom).map((column) => column.column);
  if (unknown.length) lines.push(`  kept as custom fields: ${unknown.join(', ')}`);
  if (report.issues.length) {
    lines.push('', 'Issues:');
    for (const issue of report.issues.slice(0, SHOWN_ISSUES)) {
      const id = issue.externalId ? ` ${issue.externalId}` : '';
      lines.push(
        `  line ${issue.line}${id} ${issue.severity} ${issue.field} [${issue.code}]: ${issue.message}`,
      );
    }
    const more = report.issues.length - SHOWN_ISSUES;
    if (more > 0) lines.push(`  … and ${more} more (see --json or --errors-out)`);
  }
  return lines.join('\n');
}
