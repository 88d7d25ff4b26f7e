import type { BrakeResult, ReportOutcome } from '../../../src/report/sync-report';
import type { RowIssue } from '../../../src/validate/row-issue';

export const outcome = (
  externalId: string,
  action: ReportOutcome['action'],
  status: ReportOutcome['status'],
  extra: Partial<ReportOutcome> = {},
): ReportOutcome => ({ externalId, action, status, ...extra });

export const rowIssue = (line: number, extra: Partial<RowIssue> = {}): RowIssue => ({
  line,
  externalId: `E${line}`,
  field: 'email',
  code: 'invalid_email',
  severity: 'error',
  message: 'is not an e-mail address',
  ...extra,
});

export const brake = (
  name: BrakeResult['brake'],
  tripped: boolean,
  message = tripped ? `${name} tripped` : `${name} within limits`,
): BrakeResult => ({ brake: name, tripped, message, limit: 10, actual: tripped ? 25 : 2 });

export const repeat = <T>(count: number, make: (index: number) => T): T[] =>
  Array.from({ length: count }, (_, index) => make(index));

/** Text meant to break out of HTML or CSV if it were not escaped. */
export const EVIL = `<script>alert("x")</script> & 'quoted'`;
