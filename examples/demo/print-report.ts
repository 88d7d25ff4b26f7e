/** Prints a Sync Report item's JSON as a person would read it in the terminal. */
export interface ReportJson {
  subject: string;
  status: string;
  counts: Record<string, number>;
  brakes: Array<{ brake: string; tripped: boolean; message: string }>;
  failures: Array<{ node: string; message: string }>;
  outcomes: Array<{
    externalId: string;
    action: string;
    status: string;
    reason?: string;
    changes?: Array<{ field: string; from: unknown; to: unknown }>;
  }>;
}

export function printReport(report: ReportJson): void {
  console.log(report.subject);
  const counts = Object.entries(report.counts)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  console.log(`  counts: ${counts}`);
  for (const outcome of report.outcomes.filter((item) => item.action !== 'unchanged')) {
    const changes = (outcome.changes ?? [])
      .map((change) => `${change.field}: ${show(change.from)} -> ${show(change.to)}`)
      .join('; ');
    const detail = changes || outcome.reason || '';
    console.log(
      `  ${outcome.externalId.padEnd(6)} ${outcome.action.padEnd(10)} ${outcome.status.padEnd(9)} ${detail}`,
    );
  }
  for (const brake of report.brakes.filter((item) => item.tripped)) {
    console.log(`  BRAKE ${brake.brake}: ${brake.message}`);
  }
  for (const failure of report.failures)
    console.log(`  stopped at ${failure.node}: ${failure.message}`);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return Array.isArray(value) ? value.join(', ') : String(value);
}
