import { Readable } from 'node:stream';
import {
  checkCsv,
  type CheckOptions,
  type CheckSink,
  type RejectedRow,
  type ValidRow,
} from '../../../src/check/check-rows';
import type { CheckReport } from '../../../src/check/check-report';

/** Everything one check produced: the report, and the rows each sink saw, in call order. */
export interface CheckRun {
  report: CheckReport;
  valid: ValidRow[];
  rejected: RejectedRow[];
  /** Lines of the rows as they reached either sink, tagged by sink. */
  order: string[];
}

/** Bytes as a stream, the way the CLI and the n8n node hand a file to the engine. */
export function csvStream(csv: string | Buffer): Readable {
  return Readable.from([typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv]);
}

/** A sink that keeps the rows it is given, and the order they came in, tagged by sink. */
export function collectingSink(): {
  sink: Required<Pick<CheckSink, 'valid' | 'rejected'>>;
  valid: ValidRow[];
  rejected: RejectedRow[];
  order: string[];
} {
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const order: string[] = [];
  const sink = {
    valid: (row: ValidRow) => {
      valid.push(row);
      order.push(`valid ${row.line}`);
    },
    rejected: (row: RejectedRow) => {
      rejected.push(row);
      order.push(`rejected ${row.line}`);
    },
  };
  return { sink, valid, rejected, order };
}

/** Runs checkCsv over an in-memory file and collects what reaches the sinks. */
export async function runCheck(
  csv: string | Buffer,
  options: CheckOptions = {},
): Promise<CheckRun> {
  const { sink, valid, rejected, order } = collectingSink();
  const report = await checkCsv(csvStream(csv), options, sink);
  return { report, valid, rejected, order };
}

/** A header and rows joined as CSV lines (no quoting: the tests write what they mean). */
export function csvLines(lines: readonly string[], eol = '\n'): string {
  return lines.map((line) => `${line}${eol}`).join('');
}

/** The issue codes of a row, for assertions that do not care about the wording. */
export function codesOf(issues: readonly { code: string }[]): string[] {
  return issues.map((issue) => issue.code);
}
