/**
 * Safety brakes before archiving (after Entra's accidental-deletion threshold, Okta's import
 * safeguards, Google Cloud Directory Sync's deletion limits): a truncated or empty export
 * must never archive the company. A tripped brake stops the archive; nobody is archived.
 */
export type BrakeName =
  'empty_snapshot' | 'max_percentage' | 'max_count' | 'snapshot_shrunk' | 'rows_without_id';

export interface BrakeResult {
  brake: BrakeName;
  tripped: boolean;
  message: string;
  limit: number;
  actual: number;
  /** Set when the brake would have tripped and the admin's one-time approval let it pass. */
  approved?: boolean;
}

export interface BrakeOptions {
  /**
   * Most archives and deletes allowed in one run, together, as a percentage of the sync's
   * active users on the platform (default 10).
   */
  maxPercentage: number;
  /** Most archives and deletes allowed in one run, together, as a count; 0 or undefined: none. */
  maxCount?: number;
  /** A snapshot this many percent smaller than the last successful one stops (default 20). */
  maxShrinkPercentage: number;
  /**
   * The admin's approval of one plan, by the code the brake's message printed (see
   * approvalCode): the brakes let it pass only when this run's plan has that very code, that
   * is, archives and deletes exactly the people the admin was shown. An empty snapshot is
   * never approved. The caller passes a code only once: a spent code is not passed again.
   */
  approvedPlanCode?: string;
}

export const DEFAULT_BRAKES: BrakeOptions = { maxPercentage: 10, maxShrinkPercentage: 20 };

export interface BrakeFacts {
  snapshotSize: number;
  lastSnapshotSize?: number;
  /**
   * The sync's active users on the platform: what the percentage is of. Deletes (of users
   * already archived) count in the numerator too, which only makes the brake stricter.
   */
  managedActive: number;
  archives: number;
  deletes?: number;
  /** The plan's approval code (see approvalCode). */
  planCode: string;
  /** Rows without an external ID that match no platform user: they may be anyone. */
  unmatchedRowsWithoutId?: number;
}

export function checkBrakes(facts: BrakeFacts, options: BrakeOptions): BrakeResult[] {
  const results: BrakeResult[] = [];
  const deletes = facts.deletes ?? 0;
  const removals = facts.archives + deletes;
  const what =
    deletes === 0
      ? `${facts.archives} users`
      : `${facts.archives} archives and ${deletes} deletes (${removals} users)`;
  const howToAllow = `To allow exactly this plan once, set "Approve Plan" to ${facts.planCode} and run again.`;
  results.push({
    brake: 'empty_snapshot',
    tripped: facts.snapshotSize === 0,
    limit: 1,
    actual: facts.snapshotSize,
    message:
      facts.snapshotSize === 0
        ? 'The source has no employees at all: an empty export archives nobody. Check the HR export.'
        : `The source has ${facts.snapshotSize} employees.`,
  });
  const percentage = facts.managedActive === 0 ? 0 : (removals / facts.managedActive) * 100;
  const verb = deletes === 0 ? 'archived' : 'archived or deleted';
  // Whole numbers: 7 of 100 at a 7% limit must pass, which floating point would not say.
  const overPercentage =
    removals > 0 && removals * 100 > options.maxPercentage * facts.managedActive;
  const ofManaged =
    deletes === 0
      ? `${facts.archives} of ${facts.managedActive} users`
      : `${what} of ${facts.managedActive} users`;
  results.push({
    brake: 'max_percentage',
    tripped: overPercentage,
    limit: options.maxPercentage,
    actual: round(percentage),
    message: overPercentage
      ? `${ofManaged} (${round(percentage)}%) would be ${verb}, more than the ${options.maxPercentage}% allowed. ${howToAllow}`
      : `${ofManaged} (${round(percentage)}%) to be ${verb}, within ${options.maxPercentage}%.`,
  });
  if (options.maxCount) {
    const overCount = removals > options.maxCount;
    results.push({
      brake: 'max_count',
      tripped: overCount,
      limit: options.maxCount,
      actual: removals,
      message: overCount
        ? `${what} would be ${verb}, more than the ${options.maxCount} allowed. ${howToAllow}`
        : `${what} to be ${verb}, within ${options.maxCount}.`,
    });
  }
  const unmatched = facts.unmatchedRowsWithoutId ?? 0;
  if (unmatched > 0) {
    // A row whose ID was blanked still names a person: with nothing to tell who, any of the
    // users about to be archived may be that person.
    const tripped = facts.archives > 0;
    results.push({
      brake: 'rows_without_id',
      tripped,
      limit: 0,
      actual: unmatched,
      message: tripped
        ? `${unmatched} rows of the source have no external ID and match no user by e-mail, so any of the ${facts.archives} users to archive may be one of them. Fix the rows' IDs in the export. ${howToAllow}`
        : `${unmatched} rows of the source have no external ID; nobody is to be archived.`,
    });
  }
  if (facts.lastSnapshotSize && facts.lastSnapshotSize > 0) {
    const shrink = ((facts.lastSnapshotSize - facts.snapshotSize) / facts.lastSnapshotSize) * 100;
    // Only a shrink that would archive people stops: it exists to protect them, and a smaller
    // export that archives nobody must be able to become the new normal.
    const lost = facts.lastSnapshotSize - facts.snapshotSize;
    const shrunk =
      removals > 0 && lost * 100 > options.maxShrinkPercentage * facts.lastSnapshotSize;
    results.push({
      brake: 'snapshot_shrunk',
      tripped: shrunk,
      limit: options.maxShrinkPercentage,
      actual: round(Math.max(0, shrink)),
      message: shrunk
        ? `The source has ${facts.snapshotSize} employees, ${round(shrink)}% fewer than the ${facts.lastSnapshotSize} of the last successful run (at most ${options.maxShrinkPercentage}% allowed): the export may be truncated. ${howToAllow}`
        : `The source has ${facts.snapshotSize} employees; the last successful run had ${facts.lastSnapshotSize}.`,
    });
  }
  const approved =
    options.approvedPlanCode !== undefined &&
    options.approvedPlanCode === facts.planCode &&
    facts.snapshotSize > 0;
  return approved
    ? results.map((result) =>
        result.tripped && result.brake !== 'empty_snapshot'
          ? {
              ...result,
              tripped: false,
              approved: true,
              message: `${result.message} Approved once by the admin (plan ${facts.planCode}).`,
            }
          : result,
      )
    : results;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
