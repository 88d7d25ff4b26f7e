import type { DirectoryUser, DirectoryWrite } from '../targets/directory';
import { checkBrakes, type BrakeOptions, type BrakeResult } from './brakes';

/** Every employee the source named, valid or not: a row that failed validation is not missing. */
export interface SourceSnapshot {
  externalIds: ReadonlySet<string>;
  /** Employees the source itself says are gone: an `archived_at`, or an end date in the past. */
  leaving: ReadonlyMap<string, string>;
}

export interface ArchivePlanOptions {
  brakes: BrakeOptions;
  /** Only users whose external ID starts with this are the sync's own (default: any external ID). */
  externalIdPrefix?: string;
  /** Delete archived users this many days after they were archived; undefined: never delete. */
  deleteAfterDays?: number;
  /** When each user was archived (YYYY-MM-DD), as remembered from earlier runs. */
  archivedSince: Readonly<Record<string, string>>;
  lastSnapshotSize?: number;
  today: string;
}

/** The archive or delete write itself, with the reason people read. */
export type ArchiveAction = Extract<DirectoryWrite, { kind: 'archive' | 'delete' }> & {
  reason: string;
};

export interface ArchivePlan {
  actions: ArchiveAction[];
  brakes: BrakeResult[];
  /** True when a brake tripped: `actions` is then empty and nothing may be written. */
  stopped: boolean;
  managedActive: number;
  /** The archive dates to remember after this run (archived now, still archived, gone). */
  archivedSince: Record<string, string>;
}

/**
 * Decides who is archived and who, after the grace period, deleted. Users without an
 * external ID (made by hand in the platform) and users outside the prefix are never
 * touched. A user who is back in the source is left to the upsert, which reactivates them.
 */
export function planArchive(
  current: readonly DirectoryUser[],
  snapshot: SourceSnapshot,
  options: ArchivePlanOptions,
): ArchivePlan {
  const prefix = options.externalIdPrefix ?? '';
  const managed = current.filter((user) => user.externalId && user.externalId.startsWith(prefix));
  const archives: ArchiveAction[] = [];
  const deletes: ArchiveAction[] = [];
  const archivedSince: Record<string, string> = {};
  let managedActive = 0;

  for (const user of managed) {
    const externalId = user.externalId as string;
    const inSource = snapshot.externalIds.has(externalId);
    const leaving = snapshot.leaving.get(externalId);
    if (user.active) {
      managedActive += 1;
      if (!inSource) {
        archives.push({ kind: 'archive', externalId, user, reason: 'No longer in the source.' });
      } else if (leaving) {
        archives.push({ kind: 'archive', externalId, user, reason: leaving });
      }
      continue;
    }
    if (inSource && !leaving) continue; // a rehire: the upsert reactivates them
    const since = options.archivedSince[externalId] ?? options.today;
    archivedSince[externalId] = since;
    if (
      options.deleteAfterDays !== undefined &&
      daysBetween(since, options.today) >= options.deleteAfterDays
    ) {
      deletes.push({
        kind: 'delete',
        externalId,
        user,
        reason: `Archived since ${since}, more than ${options.deleteAfterDays} days ago.`,
      });
    }
  }

  const brakes = checkBrakes(
    {
      snapshotSize: snapshot.externalIds.size,
      ...(options.lastSnapshotSize !== undefined
        ? { lastSnapshotSize: options.lastSnapshotSize }
        : {}),
      managedActive,
      archives: archives.length,
    },
    options.brakes,
  );
  const stopped = brakes.some((brake) => brake.tripped);
  if (stopped)
    return {
      actions: [],
      brakes,
      stopped,
      managedActive,
      archivedSince: { ...options.archivedSince },
    };
  for (const action of archives) archivedSince[action.externalId] = options.today;
  for (const action of deletes) Reflect.deleteProperty(archivedSince, action.externalId);
  return { actions: [...archives, ...deletes], brakes, stopped, managedActive, archivedSince };
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Today as YYYY-MM-DD, and whether a record's own dates say the employee has left. */
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
