import { checkCsv, type CheckOptions, type CheckSource } from '../../../src/check/check-rows';
import type { RejectedRow, ValidRow } from '../../../src/check/check-rows';
import type { CheckReport } from '../../../src/check/check-report';
import { chunkedReadable, type Chunking } from './byte-streams';

export interface CheckResult {
  report: CheckReport;
  source: CheckSource | undefined;
  valid: ValidRow[];
  rejected: RejectedRow[];
  /** Valid and rejected rows together, in file order. */
  rows: (ValidRow | RejectedRow)[];
}

/** Runs checkCsv over bytes and keeps everything its sink is handed. */
export async function collectCheck(
  bytes: Buffer | string,
  options: CheckOptions = {},
  chunking: Chunking = 'whole',
): Promise<CheckResult> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const rows: (ValidRow | RejectedRow)[] = [];
  let source: CheckSource | undefined;
  const report = await checkCsv(chunkedReadable(buffer, chunking), options, {
    start: (given) => {
      source = given;
    },
    valid: (row) => {
      valid.push(row);
      rows.push(row);
    },
    rejected: (row) => {
      rejected.push(row);
      rows.push(row);
    },
  });
  return { report, source, valid, rejected, rows };
}
