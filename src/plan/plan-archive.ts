import type { DirectoryUser, DirectoryWrite } from '../targets/directory';
import { approvalCode } from './approval-code';
import { checkBrakes, type BrakeOptions, type BrakeResult } from './brakes';

/** Every employee the source named, valid or not: a row that failed validation is not missing. */
export interface SourceSnapshot {
  externalIds: ReadonlySet<string>;
  /** Employees the source itself says are gone: an `archived_at`, or an end date in the past. */
  leaving: ReadonlyMap<string, string>;
  /**
   * Rows with no external ID (blanked, or never filled), with the e-mail they carry: each is
   * still a person, whom the archive must not take for a leaver.
   */
  withoutId?: ReadonlyArray<{ line?: number; email?: string }>;
}

export interface ArchivePlanOptions {
  brakes: BrakeOptions;
  /** Only users whose external ID starts with this are the sync's own (default: any external ID). */
  externalIdPrefix?: string;
  /**
   * The ownership ledger: the external IDs this sync created, adopted or saw in one of its
   * own earlier snapshots. Only these are ever archived or deleted; a user provisioned into
   * the same platform by another tool, even with an external ID, is never touched.
   */
  owned: ReadonlySet<string>;
  /** Delete archived users this many days after they were archived; undefined: never delete. */
  deleteAfterDays?: number;
  /**
   * When this sync archived each user (YYYY-MM-DD), remembered from earlier runs. Only these
   * can be deleted: a user deactivated by someone else is never deleted.
   */
  archivedSince: Readonly<Record<string, string>>;
  lastSnapshotSize?: number;
  today: string;
}

/** The archive or delete write itself, with the reason people read. */
export type ArchiveAction = Extract<DirectoryWrite, { kind: 'archive' | 'delete' }> & {
  reason: string;
};

/** A managed user the archive leaves alone, and why (for the report). */
export interface ArchiveHold {
  externalId: string;
  reason: string;
}

export interface ArchivePlan {
  actions: ArchiveAction[];
  brakes: BrakeResult[];
  /** True when a brake tripped: `actions` is then empty and nothing may be written. */
  stopped: boolean;
  managedActive: number;
  /** Users the archive would have taken but leaves alone: not owned, protected, held. */
  held: ArchiveHold[];
  /** The code that approves exactly this plan once (see approvalCode). */
  approvalCode: string;
  /** The archive dates to remember after this run (archived now, still archived, gone). */
  archivedSince: Record<string, string>;
}

/**
 * Decides who is archived and who, after the grace period, deleted. Users without an
 * external ID (made by hand in the platform), users outside the prefix and users the sync
 * does not own are never touched. A user who is back in the source is left to the upsert,
 * which reactivates them if this sync archived them.
 */
export function planArchive(
  current: readonly DirectoryUser[],
  snapshot: SourceSnapshot,
  options: ArchivePlanOptions,
): ArchivePlan {
  const prefix = options.externalIdPrefix ?? '';
  const withId = current.filter((user) => user.externalId && user.externalId.startsWith(prefix));
  const { protectedIds, unmatched } = protectRowsWithoutId(withId, snapshot.withoutId ?? []);
  const archives: ArchiveAction[] = [];
  const deletes: ArchiveAction[] = [];
  const held: ArchiveHold[] = [];
  const archivedSince: Record<string, string> = {};
  let managedActive = 0;

  for (const user of withId) {
    const externalId = user.externalId as string;
    const inSource = snapshot.externalIds.has(externalId);
    const leaving = snapshot.leaving.get(externalId);
    const goes = !inSource || leaving !== undefined;
    if (!options.owned.has(externalId)) {
      if (goes && user.active) {
        held.push({
          externalId,
          reason:
            'Not archived: this sync never created, adopted or saw this user in its own exports.',
        });
      }
      continue;
    }
    const since = options.archivedSince[externalId];
    if (user.active) {
      managedActive += 1;
      if (!goes) continue;
      if (!inSource && protectedIds.has(externalId)) {
        held.push({
          externalId,
          reason: 'Not archived: a row without an external ID carries their e-mail.',
        });
        continue;
      }
      archives.push({
        kind: 'archive',
        externalId,
        user,
        reason: leaving ?? 'No longer in the source.',
      });
      continue;
    }
    if (inSource && !leaving) {
      if (since) archivedSince[externalId] = since; // a rehire: the upsert reactivates them
      continue;
    }
    if (!since) {
      // Deactivated by someone else (an admin, another tool): theirs to delete, not ours.
      continue;
    }
    archivedSince[externalId] = since;
    if (
      options.deleteAfterDays !== undefined &&
      daysBetween(since, options.today) >= options.deleteAfterDays
    ) {
      deletes.push({
        kind: 'delete',
        externalId,
        user,
        reason: `Archived by this sync on ${since}, more than ${options.deleteAfterDays} days ago.`,
      });
    }
  }

  const code = approvalCode([...archives, ...deletes]);
  const brakes = checkBrakes(
    {
      snapshotSize: snapshot.externalIds.size,
      ...(options.lastSnapshotSize !== undefined
        ? { lastSnapshotSize: options.lastSnapshotSize }
        : {}),
      managedActive,
      archives: archives.length,
      deletes: deletes.length,
      planCode: code,
      unmatchedRowsWithoutId: unmatched,
    },
    options.brakes,
  );
  const stopped = brakes.some((brake) => brake.tripped);
  const base = { brakes, stopped, managedActive, held, approvalCode: code };
  if (stopped) return { ...base, actions: [], archivedSince: { ...options.archivedSince } };
  for (const action of archives) archivedSince[action.externalId] = options.today;
  for (const action of deletes) Reflect.deleteProperty(archivedSince, action.externalId);
  return { ...base, actions: [...archives, ...deletes], archivedSince };
}

/**
 * The users a row without an external ID may be: matched by e-mail. Rows that match no
 * user are counted, for the brake that stops an archive while they cannot be told apart.
 */
function protectRowsWithoutId(
  users: readonly DirectoryUser[],
  rows: ReadonlyArray<{ email?: string }>,
): { protectedIds: Set<string>; unmatched: number } {
  const byEmail = new Map<string, string>();
  for (const user of users) {
    if (user.email && user.externalId)
      byEmail.set(user.email.trim().toLowerCase(), user.externalId);
  }
  const protectedIds = new Set<string>();
  let unmatched = 0;
  for (const row of rows) {
    const id = row.email ? byEmail.get(row.email.trim().toLowerCase()) : undefined;
    if (id) protectedIds.add(id);
    else unmatched += 1;
  }
  return { protectedIds, unmatched };
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Whether a record's own dates say the employee has left, as of `today` (YYYY-MM-DD). */
export function leavingReason(
  record: { archivedAt?: string; endDate?: string },
  today: string,
): string | undefined {
  if (record.archivedAt && record.archivedAt.slice(0, 10) <= today) {
    return `The source archived them on ${record.archivedAt}.`;
  }
  if (record.endDate && record.endDate < today)
    return `Their end date ${record.endDate} has passed.`;
  return undefined;
}
