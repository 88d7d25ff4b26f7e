import type { Readable } from 'node:stream';
import {
  readCsvRows,
  type CsvDialect,
  type CsvReadOptions,
  type SourceRow,
} from '../file/csv-rows';
import { FileError } from '../file/file-error';
import { planColumns, type ColumnPlan } from '../mapping/column-plan';
import { DEFAULT_REQUIRED, type MappingConfig } from '../mapping/mapping-config';
import { ValueRules, toRecord } from '../mapping/to-record';
import type { EmployeeRecord } from '../record/fields';
import { CrossRowIndex } from '../validate/cross-row-index';
import { applyRowRules, type RowRuleOptions } from '../validate/row-rules';
import { IssueList, hasErrors, type RowIssue, type SeverityOverrides } from '../validate/row-issue';
import { RowSpool } from './row-spool';
import { CheckTally, type CheckReport } from './check-report';

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
}

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

interface SpooledRow {
  line: number;
  fields: string[];
  record: EmployeeRecord;
  issues: RowIssue[];
}

/** Reads, maps and validates a CSV byte stream; rows go to `sink`, the summary is returned. */
export async function checkCsv(
  bytes: Readable,
  options: CheckOptions,
  sink: CheckSink = {},
): Promise<CheckReport> {
  const dialect: Partial<CsvDialect> = {};
  const rows = readCsvRows(bytes, options, dialect);
  const first = await rows.next();
  if (first.done) throw new FileError('empty', 'The file is empty: it has no header and no rows.');
  const header = options.header === false ? undefined : first.value;
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
  async function* dataRows(): AsyncGenerator<SourceRow> {
    if (!header) yield first.value;
    yield* rows;
    // The encoding may have been decided only after the first row (see readCsvRows).
    source.encoding = dialect.encoding ?? source.encoding;
  }
  return checkSourceRows(dataRows(), plan, source, options, sink);
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
  const mapping = options.mapping ?? {};
  const rules = new ValueRules(mapping.values);
  const severity: SeverityOverrides = mapping.severity ?? {};
  const ruleOptions: RowRuleOptions = {
    required: options.required ?? mapping.required ?? DEFAULT_REQUIRED,
    defaultCountry: (options.defaultCountry ?? mapping.defaultCountry)?.toUpperCase(),
  };
  const index = new CrossRowIndex();
  const spool = new RowSpool<SpooledRow>(options.spoolMemoryChars, options.spoolDirectory);
  // A check that only reports (hr-sync check without outputs) needs no row contents in the
  // second pass: just where each row is, whom it names, and what was already wrong.
  const keepRows = Boolean(sink.valid || sink.rejected);
  const tally = new CheckTally(plan, source);

  try {
    for await (const { line, fields } of rows) {
      if (fields.every((field) => field.trim() === '')) {
        tally.blankRows++;
        continue;
      }
      const record = toRecord(fields, plan, rules);
      const issues = new IssueList(line, record.externalId ?? '', severity);
      checkColumnCount(fields, plan, issues);
      applyRowRules(record, ruleOptions, issues);
      if (record.externalId !== undefined)
        index.add(record.externalId, record.managerExternalId, line);
      if (keepRows)
        await spool.push({ line, fields, record, issues: issues.issues }, textLength(fields));
      else await spool.push(reportOnly(line, record, issues.issues), REPORT_ONLY_ROW_CHARS);
    }
  } catch (error) {
    await spool.dispose();
    throw error;
  }

  index.finish();
  await sink.start?.(source);
  for await (const row of spool.drain()) {
    const { line, fields, record } = row;
    const issues = new IssueList(line, record.externalId ?? '', severity, row.issues);
    if (record.externalId !== undefined)
      index.addIssues(record.externalId, record.managerExternalId, line, issues);
    tally.count(issues.issues);
    if (hasErrors(issues.issues)) {
      await sink.rejected?.({ line, fields, record, issues: issues.issues });
    } else {
      await sink.valid?.({ line, record, warnings: issues.issues });
    }
  }
  return tally.report();
}

/** What a report-only row weighs against the spool's budget, in characters of row text. */
const REPORT_ONLY_ROW_CHARS = 24;

function reportOnly(line: number, record: EmployeeRecord, issues: RowIssue[]): SpooledRow {
  const { externalId, managerExternalId } = record;
  return { line, fields: [], record: { externalId, managerExternalId, custom: {} }, issues };
}

function textLength(fields: readonly string[]): number {
  let length = 0;
  for (const field of fields) length += field.length;
  return length;
}

function checkColumnCount(fields: string[], plan: ColumnPlan, issues: IssueList): void {
  const expected = plan.header.length;
  if (fields.length === expected) return;
  // Trailing empty fields (an Excel export's dangling ";") lose nothing.
  if (fields.length > expected && fields.slice(expected).every((field) => field.trim() === ''))
    return;
  issues.add(
    '(row)',
    'column_count',
    `the row has ${fields.length} fields but the header has ${expected}: a delimiter inside an unquoted value, or a missing one`,
  );
}
