import type { UserOutcome } from '../apply/outcome';
import type { BrakeResult } from '../plan/brakes';
import type { ActionKind } from '../plan/sync-plan';
import type { AttributeChange } from '../targets/directory';
import type { RowIssue } from '../validate/row-issue';

export type { BrakeName, BrakeResult } from '../plan/brakes';

/**
 * `success`: everything read was valid and written. `partial`: something was written, but
 * some users failed, some rows were rejected or a brake held part of the run back. `failed`:
 * nothing was written because the run stopped, or there was nothing to work from.
 */
export type SyncStatus = 'success' | 'partial' | 'failed';

/** A node that failed, or a brake that stopped the run. */
export interface StageFailure {
  node: string;
  message: string;
}

/** The planner's actions plus what the archive stage does. */
export type ReportAction = ActionKind | 'archive' | 'delete';

/** A per-user outcome of the upsert or of the archive stage. */
export type ReportOutcome = Omit<UserOutcome, 'action'> & { action: ReportAction };

export interface SourceSummary {
  rows: number;
  valid: number;
  rejected: number;
  fileName?: string;
}

export interface SyncReportInput {
  startedAt?: string;
  finishedAt?: string;
  /** What was read; absent when no source was read at all. */
  source?: SourceSummary;
  /** Every row issue, errors and warnings. */
  issues?: readonly RowIssue[];
  /** Upsert and archive outcomes. */
  outcomes?: readonly ReportOutcome[];
  /**
   * Users found up to date that come as a count instead of an outcome each (User Upsert's
   * "Changes and a Summary" output); added to counts.unchanged.
   */
  unchangedCount?: number;
  brakes?: readonly BrakeResult[];
  failures?: readonly StageFailure[];
  /**
   * What a stage noticed without failing: an HR source's API user who seems unable to read a
   * field, retries that were needed. Shown in the report; the status stays what the writes say.
   */
  warnings?: readonly StageFailure[];
  /** Milliseconds per stage. */
  timings?: Readonly<Record<string, number>>;
  dryRun?: boolean;
}

export interface SyncCounts {
  rowsRead: number;
  valid: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  reactivated: number;
  archived: number;
  deleted: number;
  /** Outcomes whose write failed after the retries. */
  failed: number;
  skipped: number;
  /** Deactivated accounts HR still lists, left deactivated: someone other than the sync deactivated them. */
  held: number;
  /** Writes a dry run would make. */
  planned: number;
  /** Employees written, or up to date, whose link to their manager failed. */
  managerLinksFailed: number;
}

export interface SyncReport {
  status: SyncStatus;
  dryRun: boolean;
  startedAt?: string;
  finishedAt?: string;
  /** The source file's name, when the source was a file. */
  fileName?: string;
  counts: SyncCounts;
  brakes: BrakeResult[];
  failures: StageFailure[];
  warnings: StageFailure[];
  timings: Record<string, number>;
  outcomes: ReportOutcome[];
  issues: RowIssue[];
}

/** Which count a succeeded outcome adds to. */
const SUCCEEDED_COUNT: Record<ReportAction, keyof SyncCounts> = {
  create: 'created',
  update: 'updated',
  reactivate: 'reactivated',
  unchanged: 'unchanged',
  skip: 'skipped',
  archive: 'archived',
  delete: 'deleted',
};

/** Puts the stages' results together: counts, status and everything to show per user. */
export function buildSyncReport(input: SyncReportInput): SyncReport {
  const outcomes = [...(input.outcomes ?? [])];
  const brakes = [...(input.brakes ?? [])];
  const failures = [...(input.failures ?? [])];
  const counts = countOutcomes(outcomes, input.source);
  counts.unchanged += input.unchangedCount ?? 0;
  const report: SyncReport = {
    status: decideStatus(counts, input.source !== undefined, brakes, failures),
    dryRun: input.dryRun ?? false,
    counts,
    brakes,
    failures,
    warnings: [...(input.warnings ?? [])],
    timings: { ...(input.timings ?? {}) },
    outcomes,
    issues: [...(input.issues ?? [])],
  };
  if (input.startedAt !== undefined) report.startedAt = input.startedAt;
  if (input.finishedAt !== undefined) report.finishedAt = input.finishedAt;
  if (input.source?.fileName !== undefined) report.fileName = input.source.fileName;
  return report;
}

function countOutcomes(
  outcomes: readonly ReportOutcome[],
  source: SourceSummary | undefined,
): SyncCounts {
  const counts: SyncCounts = {
    rowsRead: source?.rows ?? 0,
    valid: source?.valid ?? 0,
    rejected: source?.rejected ?? 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    reactivated: 0,
    archived: 0,
    deleted: 0,
    failed: 0,
    skipped: 0,
    held: 0,
    planned: 0,
    managerLinksFailed: 0,
  };
  for (const outcome of outcomes) {
    // A failed outcome is counted once, as failed; a written one may still lack its manager.
    if (outcome.manager?.status === 'failed' && outcome.status !== 'failed')
      counts.managerLinksFailed += 1;
    switch (outcome.status) {
      case 'succeeded': {
        const key = SUCCEEDED_COUNT[outcome.action] as keyof SyncCounts | undefined;
        if (key) counts[key] += 1;
        break;
      }
      case 'failed':
        counts.failed += 1;
        break;
      case 'skipped':
        if (outcome.held) counts.held += 1;
        else counts.skipped += 1;
        break;
      case 'unchanged':
        counts.unchanged += 1;
        break;
      case 'planned':
        counts.planned += 1;
        break;
    }
  }
  return counts;
}

/** Users written or confirmed up to date: a dry run writes nothing. */
const settled = (counts: SyncCounts): number =>
  counts.created +
  counts.updated +
  counts.reactivated +
  counts.archived +
  counts.deleted +
  counts.unchanged;

function decideStatus(
  counts: SyncCounts,
  sourceRead: boolean,
  brakes: readonly BrakeResult[],
  failures: readonly StageFailure[],
): SyncStatus {
  if (!sourceRead) return 'failed';
  // Every row rejected: nothing of the source could be used.
  if (counts.rowsRead > 0 && counts.valid === 0) return 'failed';
  const trouble =
    failures.length > 0 ||
    brakes.some((brake) => brake.tripped) ||
    counts.failed > 0 ||
    counts.managerLinksFailed > 0;
  if (trouble && settled(counts) === 0) return 'failed';
  if (trouble || counts.rejected > 0) return 'partial';
  return 'success';
}

/** How many writes a dry run plans per action. */
export function plannedByAction(
  report: Pick<SyncReport, 'outcomes'>,
): Record<ReportAction, number> {
  const planned: Record<ReportAction, number> = {
    create: 0,
    update: 0,
    reactivate: 0,
    unchanged: 0,
    skip: 0,
    archive: 0,
    delete: 0,
  };
  for (const outcome of report.outcomes) {
    if (outcome.status === 'planned' && outcome.action in planned) planned[outcome.action] += 1;
  }
  return planned;
}

export const STATUS_LABEL: Record<SyncStatus, string> = {
  success: 'Success',
  partial: 'Partial',
  failed: 'Failed',
};

/** A changed value for people: empty values say so, lists are comma-separated. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(empty)';
  return String(value);
}

/** The changed fields as `field: from → to; …`. */
export function formatChanges(changes: readonly AttributeChange[] | undefined): string {
  return (changes ?? [])
    .map(
      (change) =>
        `${change.field || change.attribute}: ${formatValue(change.from)} → ${formatValue(change.to)}`,
    )
    .join('; ');
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

/**
 * One sentence for an e-mail subject, e.g. "Partial: 120 rows read, 118 valid, 2 rejected;
 * 3 created, 5 updated, 1 reactivated, 2 archived, 1 failed." Always one line: no value
 * from the report can break a mail header.
 */
export function summaryLine(report: SyncReport): string {
  const { counts } = report;
  const label = `${STATUS_LABEL[report.status] ?? report.status}${report.dryRun ? ' (dry run)' : ''}`;
  const read = `${plural(counts.rowsRead, 'row', 'rows')} read, ${counts.valid} valid, ${counts.rejected} rejected`;

  const done: string[] = [];
  if (report.dryRun) {
    const planned = plannedByAction(report);
    const verbs: [ReportAction, string][] = [
      ['create', 'to create'],
      ['update', 'to update'],
      ['reactivate', 'to reactivate'],
      ['archive', 'to archive'],
      ['delete', 'to delete'],
    ];
    for (const [action, verb] of verbs)
      if (planned[action]) done.push(`${planned[action]} ${verb}`);
  } else {
    const shown: [keyof SyncCounts, string][] = [
      ['created', 'created'],
      ['updated', 'updated'],
      ['reactivated', 'reactivated'],
      ['archived', 'archived'],
      ['deleted', 'deleted'],
    ];
    for (const [key, word] of shown) if (counts[key]) done.push(`${counts[key]} ${word}`);
  }
  if (counts.failed) done.push(`${counts.failed} failed`);
  if (counts.held) done.push(`${counts.held} held`);
  if (counts.managerLinksFailed) done.push(`${counts.managerLinksFailed} manager links failed`);
  const parts = [read, done.length ? done.join(', ') : 'no changes'];

  const tripped = report.brakes.filter((brake) => brake.tripped).map((brake) => brake.brake);
  if (tripped.length) parts.push(`safety brake tripped: ${tripped.join(', ')}`);
  const stages = [...new Set(report.failures.map((failure) => failure.node))];
  for (const stage of stages) parts.push(`${stage} failed`);

  return `${label}: ${parts.join('; ')}.`.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}
