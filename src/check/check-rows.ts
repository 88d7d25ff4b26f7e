import type { Readable } from 'node:stream';
import {
  readCsvRowBatches,
  type CsvDialect,
  type CsvReadOptions,
  type SourceRow,
} from '../file/csv-rows';
import { FileError } from '../file/file-error';
import { planColumns, type ColumnPlan } from '../mapping/column-plan';
import { DEFAULT_REQUIRED, type MappingConfig } from '../mapping/mapping-config';
import { ValueRules } from '../mapping/to-record';
import type { EmployeeRecord } from '../record/fields';
import { CrossRowIndex } from '../validate/cross-row-index';
import { PhoneThread } from '../validate/phone-thread';
import { IssueList, hasErrors, type RowIssue, type SeverityOverrides } from '../validate/row-issue';
import { CheckTally, type CheckReport } from './check-report';
import { FirstPass, type CheckedRow } from './first-pass';
import { ReportOnlyRows } from './report-only-rows';
import { RowSpool } from './row-spool';
import { spoolRow, unspoolRow, type SpooledRow } from './spooled-row';

export interface CheckOptions extends CsvReadOptions {
  /** Whether the first record is a header row (default true). */
  header?: boolean;
  /** Column names for a file without a header row. */
  columns?: string[];
  mapping?: MappingConfig;
  /** Overrides the mapping's defaultCountry. */
  defaultCountry?: string;
  /** Overrides the mapping's required fields. */
  required?: string[];
  /** Where rows wait between the two passes when there are many (default: the OS temp dir). */
  spoolDirectory?: string;
  /** How much row text is held in memory between the passes before it goes to disk. */
  spoolMemoryChars?: number;
  /**
   * Whether a big file's phone numbers may be normalised on a second thread while its rows
   * are parsed (default true; the results are the same either way).
   */
  phoneThread?: boolean;
  /**
   * The input's size in bytes, when known. A thread costs about as much to start as it
   * saves on ten to fifteen thousand rows, so it starts early only in a file known to be
   * large; otherwise only once that many rows have been read.
   */
  sizeBytes?: number;
}

/** About 25,000 rows of a typical export: a file this big starts the phone thread early. */
const LARGE_INPUT_BYTES = 4 * 2 ** 20;

export interface ValidRow {
  line: number;
  record: EmployeeRecord;
  warnings: RowIssue[];
}

export interface RejectedRow {
  line: number;
  /** The row's fields exactly as they were in the file. */
  fields: string[];
  record: EmployeeRecord;
  issues: RowIssue[];
}

/** Where checked rows go, in file order, as soon as the whole file has been seen. */
export interface CheckSink {
  /** Called once, before any row, when the columns and the file's dialect are known. */
  start?(source: CheckSource): void | Promise<void>;
  valid?(row: ValidRow): void | Promise<void>;
  rejected?(row: RejectedRow): void | Promise<void>;
}

export interface CheckSource {
  encoding: string;
  bom: boolean;
  delimiter: string;
  /** Whether the file had a header row. */
  header: boolean;
  /** Column names: the header row's, or the ones given for a file without one. */
  columns: string[];
}

/** Reads, maps and validates a CSV byte stream; rows go to `sink`, the summary is returned. */
export async function checkCsv(
  bytes: Readable,
  options: CheckOptions,
  sink: CheckSink = {},
): Promise<CheckReport> {
  const dialect: Partial<CsvDialect> = {};
  const batches = readCsvRowBatches(bytes, options, dialect);
  const first = await batches.next();
  if (first.done) throw new FileError('empty', 'The file is empty: it has no header and no rows.');
  const header = options.header === false ? undefined : first.value[0];
  const names = header?.fields ?? options.columns;
  if (!names || names.length === 0) {
    throw new FileError(
      'no_header',
      'The file has no header row, so its columns must be named (--columns a,b,c).',
    );
  }
  const plan = planColumns(names, options.mapping);
  const source: CheckSource = {
    encoding: dialect.encoding ?? 'utf-8',
    bom: dialect.bom ?? false,
    delimiter: dialect.delimiter ?? ',',
    header: header !== undefined,
    columns: plan.header,
  };
  async function* dataRows(): AsyncGenerator<SourceRow[]> {
    yield header ? first.value.slice(1) : first.value;
    yield* batches;
    // The encoding may have been decided only after the first row (see readCsvRows).
    source.encoding = dialect.encoding ?? source.encoding;
  }
  return checkRowBatches(dataRows(), plan, source, options, sink);
}

/**
 * The two passes over any source of rows: first each row on its own (mapping, row rules)
 * while the cross-row index fills, then each row again with the whole-file issues added.
 */
export async function checkSourceRows(
  rows: AsyncIterable<SourceRow>,
  plan: ColumnPlan,
  source: CheckSource,
  options: CheckOptions,
  sink: CheckSink,
): Promise<CheckReport> {
  async function* oneByOne(): AsyncGenerator<SourceRow[]> {
    for await (const row of rows) yield [row];
  }
  return checkRowBatches(oneByOne(), plan, source, options, sink);
}

/** checkSourceRows over rows that come a batch at a time, as readCsvRowBatches gives them. */
async function checkRowBatches(
  batches: AsyncIterable<readonly SourceRow[]>,
  plan: ColumnPlan,
  source: CheckSource,
  options: CheckOptions,
  sink: CheckSink,
): Promise<CheckReport> {
  const mapping = options.mapping ?? {};
  const severity: SeverityOverrides = mapping.severity ?? {};
  const index = new CrossRowIndex();
  const tally = new CheckTally(plan, source);
  // A check that only reports (hr-sync check without outputs) keeps no row contents for the
  // second pass: just where each row is, its ID, and what was already wrong with it.
  const keepRows = Boolean(sink.valid || sink.rejected);
  const spool = keepRows
    ? new RowSpool<CheckedRow, SpooledRow>({
        memoryBudgetChars: options.spoolMemoryChars,
        parentDirectory: options.spoolDirectory,
        codec: {
          encode: (row) => spoolRow(row, plan, rules),
          decode: (stored) => unspoolRow(stored, plan, rules),
        },
      })
    : undefined;
  const reportOnly = keepRows ? undefined : new ReportOnlyRows();
  const rules = new ValueRules(mapping.values);
  const firstPass = new FirstPass(
    {
      plan,
      rules,
      severity,
      ruleOptions: {
        required: options.required ?? mapping.required ?? DEFAULT_REQUIRED,
        defaultCountry: (options.defaultCountry ?? mapping.defaultCountry)?.toUpperCase(),
      },
      startPhoneThread: options.phoneThread === false ? undefined : () => PhoneThread.start(),
      threadAfterRows: (options.sizeBytes ?? 0) >= LARGE_INPUT_BYTES ? 1_024 : 16_384,
    },
    (row) => {
      const { externalId, managerExternalId } = row.record;
      // An e-mail that is not one (already invalid_email) matches no account: not compared.
      const email = row.issues.some(
        (issue) => issue.code === 'invalid_email' && issue.field === 'email',
      )
        ? undefined
        : row.record.email;
      const id =
        externalId === undefined
          ? undefined
          : index.add(externalId, managerExternalId, row.line, email);
      if (spool) return spool.push(row, textLength(row.fields));
      reportOnly?.add(row, id);
      return undefined;
    },
  );

  try {
    for await (const rows of batches) {
      for (const { line, fields } of rows) {
        if (isBlank(fields)) {
          tally.blankRows++;
          continue;
        }
        // Awaited only when a batch of rows had to wait: a promise a row adds up.
        const waiting = firstPass.add(line, fields);
        if (waiting) await waiting;
      }
    }
    await firstPass.end();
  } catch (error) {
    await Promise.all([firstPass.dispose(), spool?.dispose()]);
    throw error;
  }

  index.finish();
  await sink.start?.(source);
  if (reportOnly) {
    reportOnly.tally(index, severity, tally);
    return tally.report();
  }
  for await (const row of spool!.drain()) {
    const { line, fields, record } = row;
    const issues = new IssueList(line, record.externalId ?? '', severity, row.issues);
    if (record.externalId !== undefined) index.addIssues(record.externalId, line, issues);
    tally.count(issues.issues);
    const handed = hasErrors(issues.issues)
      ? sink.rejected?.({ line, fields, record, issues: issues.issues })
      : sink.valid?.({ line, record, warnings: issues.issues });
    // Awaited only when the sink is asynchronous: a promise a row adds up.
    if (handed) await handed;
  }
  return tally.report();
}

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

function textLength(fields: readonly string[]): number {
  let length = 0;
  for (const field of fields) length += field.length;
  return length;
}
