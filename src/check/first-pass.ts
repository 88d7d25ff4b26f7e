import type { ColumnPlan } from '../mapping/column-plan';
import { toRecord, type ValueRules } from '../mapping/to-record';
import { PHONE_FIELDS, type EmployeeRecord } from '../record/fields';
import { normalizePhone, phoneResult } from '../validate/phone';
import { unpackReading, type PackedReadings } from '../validate/phone-readings';
import type { PhoneService } from '../validate/phone-thread';
import { IssueList, type RowIssue, type SeverityOverrides } from '../validate/row-issue';
import {
  applyRowRules,
  phoneCountryOf,
  type PhoneNormalizer,
  type RowRuleOptions,
} from '../validate/row-rules';

/** A row checked on its own: mapped, normalised, with the issues it has by itself. */
export interface CheckedRow {
  line: number;
  fields: string[];
  record: EmployeeRecord;
  issues: RowIssue[];
}

export interface RowChecks {
  plan: ColumnPlan;
  rules: ValueRules;
  ruleOptions: RowRuleOptions;
  severity: SeverityOverrides;
  /** Starts a phone thread when a file turns out to be big enough to want one. */
  startPhoneThread?: () => PhoneService | undefined;
  /** Rows read on this thread alone before the phone thread is started (default 1,024). */
  threadAfterRows?: number;
}

/**
 * Small batches: a row waiting for its numbers outlives a young-generation collection or
 * two, and copying many such rows costs more than the extra messages.
 */
const BATCH_ROWS = 128;
/** A file shorter than this is done before a thread would have started. */
const ROWS_BEFORE_THREAD = 1_024;
/**
 * How many batches may wait on the phone thread; past that, this thread reads a batch's
 * numbers itself rather than wait (as it does while the thread starts). Answers are only
 * seen between chunks of the file, a few hundred rows apart, so this must be well above
 * that, or this thread would end up doing the phone thread's work.
 */
const MAX_AT_THREAD = 16;
/** Batches held before the oldest must be finished, which bounds the rows in memory. */
const MAX_QUEUED = 24;

interface Batch {
  rows: CheckedRow[];
  phoneValues: string[];
  phoneCountries: (string | undefined)[];
  /** The phone thread's readings; without them the numbers are read when finishing. */
  phoneReadings: PackedReadings | undefined;
  /** Set while the phone thread has the batch. */
  answered: Promise<void> | undefined;
  settled: boolean;
}

/**
 * The first pass over the rows: each is mapped and checked on its own, and handed to
 * `checked` in file order. Rows go in batches so that their phone numbers, the costly part,
 * can be read on a second thread while the next rows are parsed; a batch is finished
 * (row rules applied, in order) once its numbers are back. A small file never starts the
 * thread.
 */
export class FirstPass {
  private current = newBatch();
  private readonly queue: Batch[] = [];
  private rowsSent = 0;
  private thread: PhoneService | undefined;
  private threadFailed = false;

  constructor(
    private readonly checks: RowChecks,
    private readonly checked: (row: CheckedRow) => void | Promise<void>,
  ) {}

  /** Takes a row; returns a promise only when rows had to be finished before going on. */
  add(line: number, fields: string[]): Promise<void> | undefined {
    const { plan, rules, ruleOptions } = this.checks;
    const record = toRecord(fields, plan, rules);
    const batch = this.current;
    batch.rows.push({ line, fields, record, issues: [] });
    const country = phoneCountryOf(record, ruleOptions);
    for (const field of PHONE_FIELDS) {
      const value = record[field];
      if (value === undefined) continue;
      batch.phoneValues.push(value);
      batch.phoneCountries.push(country);
    }
    return batch.rows.length >= BATCH_ROWS ? this.send() : undefined;
  }

  /** Finishes every row still held; call once after the last `add`. */
  async end(): Promise<void> {
    if (this.current.rows.length > 0) await this.send();
    while (this.queue.length > 0) await this.finishOldest();
    await this.dispose();
  }

  /** Stops the phone thread, if one was started; safe to call more than once. */
  async dispose(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.close();
  }

  private async send(): Promise<void> {
    const batch = this.current;
    this.current = newBatch();
    this.queue.push(batch);
    this.askThread(batch);
    while (this.queue[0]?.settled) await this.finishOldest();
    if (this.queue.length > MAX_QUEUED) await this.finishOldest();
  }

  private askThread(batch: Batch): void {
    this.rowsSent += batch.rows.length;
    const threadAfter = this.checks.threadAfterRows ?? ROWS_BEFORE_THREAD;
    if (this.rowsSent <= threadAfter || this.threadFailed) return;
    if (batch.phoneValues.length === 0) return;
    this.thread ??= this.checks.startPhoneThread?.();
    if (!this.thread || this.thread.pending >= MAX_AT_THREAD) return;
    batch.settled = false;
    batch.answered = this.thread.readAll(batch.phoneValues, batch.phoneCountries).then(
      (readings) => {
        batch.phoneReadings = readings;
        batch.settled = true;
      },
      () => {
        // The numbers are read here instead, with the same result.
        this.threadFailed = true;
        batch.settled = true;
      },
    );
  }

  private async finishOldest(): Promise<void> {
    const batch = this.queue[0]!;
    await batch.answered;
    this.queue.shift();
    const phone = batch.phoneReadings
      ? answersOf(batch.phoneValues, batch.phoneCountries, batch.phoneReadings)
      : normalizePhone;
    const { plan, ruleOptions, severity } = this.checks;
    for (const row of batch.rows) {
      const issues = new IssueList(row.line, row.record.externalId ?? '', severity, row.issues);
      checkColumnCount(row.fields, plan, issues);
      applyRowRules(row.record, ruleOptions, issues, phone);
      // Awaited only when it is a promise: a microtask a row adds up over a million rows.
      const handed = this.checked(row);
      if (handed) await handed;
    }
  }
}

function newBatch(): Batch {
  return {
    rows: [],
    phoneValues: [],
    phoneCountries: [],
    phoneReadings: undefined,
    answered: undefined,
    settled: true,
  };
}

/**
 * The phone thread's readings handed out in the order they were asked for. A reading is only
 * ever used for exactly the number and region it was made for; anything else is read on the
 * spot.
 */
function answersOf(
  values: readonly string[],
  countries: readonly (string | undefined)[],
  readings: PackedReadings,
): PhoneNormalizer {
  let next = 0;
  return (value, country) => {
    const index = next++;
    const reading =
      values[index] === value && countries[index] === country
        ? unpackReading(readings, index)
        : undefined;
    return reading ? phoneResult(value, country, reading) : normalizePhone(value, country);
  };
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
