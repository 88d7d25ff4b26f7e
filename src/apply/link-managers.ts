import { planManagerLinks, type ManagerLinkDecision } from '../plan/plan-manager-links';
import type { EmployeeRecord } from '../record/fields';
import type { AttributeChange, Directory } from '../targets/directory';
import { RemoteError, describeError } from '../targets/remote-error';
import {
  applyWritesReport,
  type ApplyOptions,
  type ApplyStop,
  type WriteEntry,
} from './apply-plan';
import type { UserOutcome } from './outcome';

export interface LinkManagersRequest extends ApplyOptions {
  records: readonly EmployeeRecord[];
  /** The users as the first phase left them: every create of the run has its id. */
  users: Parameters<typeof planManagerLinks>[1];
  /** The first phase's outcomes, one per record, in the records' order. */
  outcomes: readonly UserOutcome[];
  directory: Directory;
  dryRun: boolean;
}

/**
 * The second phase: links each employee to the manager HR names, once everyone exists,
 * through the same writes, batching and retries as the first. The result merges into the
 * first phase's outcomes: an employee up to date but for the manager becomes an update of
 * its `manager`; a create or update carries its link in `manager`. A refused credential
 * stops the links and says so, as in the first phase.
 */
export async function linkManagers(
  request: LinkManagersRequest,
): Promise<{ outcomes: UserOutcome[]; stopped?: ApplyStop }> {
  const decisions = planManagerLinks(request.records, request.users);
  const links = decisions.filter(
    (decision): decision is Extract<ManagerLinkDecision, { kind: 'link' }> =>
      decision.kind === 'link',
  );
  const entries: WriteEntry[] = links.map((link) => ({
    outcome: {
      externalId: link.write.externalId,
      action: 'update',
      status: 'planned',
      userId: link.write.user.id,
    },
    ...(request.dryRun ? {} : { write: link.write }),
  }));
  let linked: UserOutcome[] = entries.map((entry) => entry.outcome);
  let stopped: ApplyStop | undefined;
  if (!request.dryRun && entries.length > 0) {
    try {
      const report = await applyWritesReport(entries, request.directory, request);
      linked = report.outcomes;
      stopped = report.stopped;
    } catch (error) {
      if (!(error instanceof RemoteError && error.refusesCredential)) throw error;
      // Refused before any link: the first phase's writes stand; no link was made.
      const reason = `not attempted: ${describeError(error)}`;
      linked = entries.map((entry) => ({ ...entry.outcome, status: 'failed', reason }));
      stopped = {
        error,
        writesMade: 0,
        notAttempted: entries.length,
        message: `${request.directory.label} refused the credential (${error.status ?? 401}) before any manager was linked; check the credential, then run again.`,
      };
    }
  }
  const outcomes = [...request.outcomes];
  links.forEach((link, position) => {
    outcomes[link.index] = merged(outcomes[link.index]!, link, linked[position]!);
  });
  for (const decision of decisions) {
    if (decision.kind !== 'skip') continue;
    const outcome = outcomes[decision.index]!;
    outcomes[decision.index] = {
      ...outcome,
      manager: { to: decision.to, status: 'skipped', reason: decision.reason },
    };
  }
  return stopped ? { outcomes, stopped } : { outcomes };
}

function merged(
  first: UserOutcome,
  link: Extract<ManagerLinkDecision, { kind: 'link' }>,
  result: UserOutcome,
): UserOutcome {
  const status = result.status as 'succeeded' | 'failed' | 'planned';
  const change: AttributeChange = {
    attribute: 'manager',
    field: 'managerExternalId',
    from: link.from,
    to: link.to,
  };
  const manager = { to: link.to, status, ...(result.reason ? { reason: result.reason } : {}) };
  if (first.status === 'unchanged') {
    // Up to date but for the manager: the link is this user's write.
    const { reason, httpStatus, attempts } = result;
    return {
      ...first,
      action: 'update',
      status,
      changes: [change],
      manager,
      ...(reason ? { reason } : {}),
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
    };
  }
  const changes = status === 'failed' ? first.changes : [...(first.changes ?? []), change];
  return { ...first, ...(changes ? { changes } : {}), manager };
}
