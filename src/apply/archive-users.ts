import {
  planArchive,
  type ArchivePlan,
  type ArchivePlanOptions,
  type SourceSnapshot,
} from '../plan/plan-archive';
import type { Directory, DirectoryUser } from '../targets/directory';
import {
  applyWritesReport,
  type ApplyOptions,
  type ApplyStop,
  type WriteEntry,
} from './apply-plan';
import type { UserOutcome } from './outcome';
import { readUsersWithRetry } from './read-users';

export interface ArchiveRequest extends ApplyOptions {
  directory: Directory;
  /**
   * The target's users as already known in this run (an upsert's usersAfter), so they are
   * not read again; read from the target when absent.
   */
  current?: readonly DirectoryUser[];
  snapshot: SourceSnapshot;
  plan: ArchivePlanOptions;
  dryRun: boolean;
}

export interface ArchiveResult {
  plan: ArchivePlan;
  outcomes: UserOutcome[];
  /** What to remember for the next run; unchanged when a brake stopped this one or in a dry run. */
  archivedSince: Record<string, string>;
  timings: { readMs: number; writeMs: number };
  /** Set when the platform refused the credential after some archives or deletes were made. */
  stopped?: ApplyStop;
}

/**
 * Reads the target's users, plans the archive behind the brakes, and, unless a brake
 * tripped or this is a dry run, archives and deletes. A failed archive is not remembered
 * as archived; a failed delete keeps its original archive date, so it is tried again.
 */
export async function archiveUsers(request: ArchiveRequest): Promise<ArchiveResult> {
  const { directory } = request;
  const started = Date.now();
  const capabilities = await directory.capabilities();
  if (capabilities.readsOnlyAskedUsers) throw new ArchiveUnsupportedError(directory.label);
  const current = request.current ?? (await readUsersWithRetry(directory, [], request));
  const read = Date.now();
  const plan = planArchive(current, request.snapshot, request.plan);
  const entries: WriteEntry[] = plan.actions.map((action) => {
    const outcome: UserOutcome = {
      externalId: action.externalId,
      action: action.kind,
      status: 'planned',
      userId: action.user.id,
      reason: action.reason,
    };
    if (action.kind === 'delete' && !capabilities.canDelete) {
      return {
        outcome: {
          ...outcome,
          status: 'skipped',
          reason: `${directory.label} cannot delete users; they stay archived.`,
        },
      };
    }
    return request.dryRun ? { outcome } : { outcome, write: action };
  });
  if (plan.stopped || request.dryRun) {
    return {
      plan,
      outcomes: entries.map((entry) => entry.outcome),
      archivedSince: { ...request.plan.archivedSince },
      timings: { readMs: read - started, writeMs: 0 },
    };
  }
  const { outcomes, stopped } = await applyWritesReport(entries, directory, request);
  const archivedSince = { ...plan.archivedSince };
  for (const outcome of outcomes) {
    // A delete the target cannot make leaves the user archived, since the same day.
    const kept = outcome.action === 'delete' && outcome.status === 'skipped';
    const since = request.plan.archivedSince[outcome.externalId];
    if (kept && since) archivedSince[outcome.externalId] = since;
    if (outcome.status !== 'failed') continue;
    if (outcome.action === 'archive') Reflect.deleteProperty(archivedSince, outcome.externalId);
    if (outcome.action === 'delete' && since) archivedSince[outcome.externalId] = since;
  }
  return {
    plan,
    outcomes,
    archivedSince,
    timings: { readMs: read - started, writeMs: Date.now() - read },
    ...(stopped ? { stopped } : {}),
  };
}

/** A target whose API cannot list its users: who is missing cannot be known. */
export class ArchiveUnsupportedError extends Error {
  constructor(label: string) {
    super(
      `${label} is read one user at a time, so nobody missing from the export can be found: archiving needs the platform's list of users.`,
    );
    this.name = 'ArchiveUnsupportedError';
  }
}
