import type { EmployeeRecord } from '../record/fields';
import { planUpsert, type UpsertPlanOptions } from '../plan/plan-upsert';
import type { SyncPlan } from '../plan/sync-plan';
import type { Directory, DirectoryUser } from '../targets/directory';
import { applyPlanReport, planOutcomes, type ApplyOptions, type ApplyStop } from './apply-plan';
import type { UserOutcome } from './outcome';
import { readUsersWithRetry } from './read-users';
import { usersAfterUpsert } from './users-after-upsert';
import { linkManagers } from './link-managers';

export interface UpsertRequest extends ApplyOptions {
  records: readonly EmployeeRecord[];
  directory: Directory;
  /** The external ID's attribute comes from the directory, which knows it. */
  plan: Omit<UpsertPlanOptions, 'externalIdAttribute'>;
  /** Plan only: read the target, decide, write nothing. */
  dryRun: boolean;
  /**
   * Link each employee to the manager HR names, in a second phase once everyone exists
   * (only on a target whose capabilities offer managers).
   */
  linkManagers?: boolean;
}

export interface UpsertResult {
  plan: SyncPlan;
  /** One per record, in the records' order. */
  outcomes: UserOutcome[];
  /** The target's users as this upsert left them (see usersAfterUpsert). */
  usersAfter: DirectoryUser[];
  timings: { readMs: number; planMs: number; writeMs: number };
  /**
   * Set when the platform refused the credential (401) after some writes had succeeded:
   * the outcomes hold every write made, and the users not attempted as `failed`.
   */
  stopped?: ApplyStop;
}

/**
 * The upsert in one call: read the target's users once, plan, then write only what
 * changed. A read that fails after its retries throws before anything is written, and so
 * does a refused credential (401) before any write succeeded; after one, see `stopped`.
 */
export async function upsertUsers(request: UpsertRequest): Promise<UpsertResult> {
  const { directory, records } = request;
  const started = Date.now();
  const keys = records
    .map((record) => ({ externalId: record.externalId?.trim() ?? '', email: record.email?.trim() }))
    .filter((key) => key.externalId !== '')
    .map(({ externalId, email }) => ({ externalId, ...(email ? { email } : {}) }));
  const current = await readUsersWithRetry(directory, keys, request);
  const read = Date.now();
  const { maxExternalIdLength } = await directory.capabilities();
  const plan = planUpsert(records, current, {
    ...request.plan,
    externalIdAttribute: directory.externalIdAttribute,
    ...(maxExternalIdLength !== undefined ? { maxExternalIdLength } : {}),
  });
  const planned = Date.now();
  const first = request.dryRun
    ? { outcomes: planOutcomes(plan), stopped: undefined }
    : await applyPlanReport(plan, directory, request);
  const usersAfter = usersAfterUpsert(current, plan, first.outcomes);
  const { outcomes, stopped } =
    !first.stopped && request.linkManagers && (await directory.capabilities()).managers
      ? await linkManagers({
          ...request,
          // A dry run links to the users it would create as well, under a stand-in id.
          users: request.dryRun
            ? usersAfterUpsert(current, plan, first.outcomes.map(asIfWritten))
            : usersAfter,
          outcomes: first.outcomes,
        })
      : first;
  return {
    plan,
    outcomes,
    usersAfter,
    timings: { readMs: read - started, planMs: planned - read, writeMs: Date.now() - planned },
    ...(stopped ? { stopped } : {}),
  };
}

function asIfWritten(outcome: UserOutcome): UserOutcome {
  if (outcome.status !== 'planned') return outcome;
  return { ...outcome, status: 'succeeded', userId: outcome.userId ?? `new:${outcome.externalId}` };
}
