/**
 * Safety brakes before archiving (after Entra's accidental-deletion threshold, Okta's import
 * safeguards, Google Cloud Directory Sync's deletion limits): a truncated or empty export
 * must never archive the company. A tripped brake stops the archive; nobody is archived.
 */
export type BrakeName = 'empty_snapshot' | 'max_percentage' | 'max_count' | 'snapshot_shrunk';

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
  /** Most archives allowed in one run, as a percentage of the managed active users (default 10). */
  maxPercentage: number;
  /** Most archives allowed in one run, as a count; 0 or undefined: no count limit. */
  maxCount?: number;
  /** A snapshot this many percent smaller than the last successful one stops (default 20). */
  maxShrinkPercentage: number;
  /**
   * The admin's approval of exactly this many archives, for one run: the brakes let it pass
   * only when the plan archives that very number, so a stale approval never lets a bigger
   * mistake through. An empty snapshot is never approved.
   */
  approvedArchiveCount?: number;
}

export const DEFAULT_BRAKES: BrakeOptions = { maxPercentage: 10, maxShrinkPercentage: 20 };

export interface BrakeFacts {
  snapshotSize: number;
  lastSnapshotSize?: number;
  managedActive: number;
  archives: number;
}

export function checkBrakes(facts: BrakeFacts, options: BrakeOptions): BrakeResult[] {
  const results: BrakeResult[] = [];
  const howToAllow = `To allow exactly these ${facts.archives} archives once, set "Approve Archive Count" to ${facts.archives} and run again.`;
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
  const percentage = facts.managedActive === 0 ? 0 : (facts.archives / facts.managedActive) * 100;
  // Whole numbers: 7 of 100 at a 7% limit must pass, which floating point would not say.
  const overPercentage =
    facts.archives > 0 && facts.archives * 100 > options.maxPercentage * facts.managedActive;
  results.push({
    brake: 'max_percentage',
    tripped: overPercentage,
    limit: options.maxPercentage,
    actual: round(percentage),
    message: overPercentage
      ? `${facts.archives} of ${facts.managedActive} users (${round(percentage)}%) would be archived, more than the ${options.maxPercentage}% allowed. ${howToAllow}`
      : `${facts.archives} of ${facts.managedActive} users (${round(percentage)}%) to archive, within ${options.maxPercentage}%.`,
  });
  if (options.maxCount) {
    const overCount = facts.archives > options.maxCount;
    results.push({
      brake: 'max_count',
      tripped: overCount,
      limit: options.maxCount,
      actual: facts.archives,
      message: overCount
        ? `${facts.archives} users would be archived, more than the ${options.maxCount} allowed. ${howToAllow}`
        : `${facts.archives} users to archive, within ${options.maxCount}.`,
    });
  }
  if (facts.lastSnapshotSize && facts.lastSnapshotSize > 0) {
    const shrink = ((facts.lastSnapshotSize - facts.snapshotSize) / facts.lastSnapshotSize) * 100;
    // Only a shrink that would archive people stops: it exists to protect them, and a smaller
    // export that archives nobody must be able to become the new normal.
    const lost = facts.lastSnapshotSize - facts.snapshotSize;
    const shrunk =
      facts.archives > 0 && lost * 100 > options.maxShrinkPercentage * facts.lastSnapshotSize;
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
    options.approvedArchiveCount !== undefined &&
    options.approvedArchiveCount === facts.archives &&
    facts.snapshotSize > 0;
  return approved
    ? results.map((result) =>
        result.tripped && result.brake !== 'empty_snapshot'
          ? {
              ...result,
              tripped: false,
              approved: true,
              message: `${result.message} Approved once by the admin.`,
            }
          : result,
      )
    : results;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
