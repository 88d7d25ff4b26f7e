import type { EmployeeRecord } from '../record/fields';
import type { DirectoryUser, DirectoryWrite } from '../targets/directory';

/**
 * One employee's manager link, decided after the first phase (creates and updates) has
 * left every user of the run in the target: only then has a new manager an id to link to.
 */
export type ManagerLinkDecision =
  | {
      kind: 'link';
      /** Index of the employee's record, which is also its outcome's index. */
      index: number;
      write: Extract<DirectoryWrite, { kind: 'manager' }>;
      /** The manager's external ID as HR gives it; `null` to unlink. */
      to: string | null;
      /** The current manager's external ID, `null` for none (for the change shown). */
      from: string | null;
    }
  | { kind: 'skip'; index: number; to: string | null; reason: string };

/**
 * Which users need their manager linked or unlinked, from the HR records and the users as
 * the first phase left them (usersAfterUpsert). What HR says decides:
 * - no manager column at all (the field is absent on the record): the link is left as it is,
 *   so that a source without managers never unlinks the managers set by hand;
 * - an empty manager: the user is unlinked, when the target says it has a manager;
 * - a manager's external ID: linked to that user's id in the target, unless it already is.
 * A manager who is not in the target (rejected, not created, or failed) is a skip with its
 * reason, and so is a user who would manage itself. Users the first phase did not leave in
 * the target are not linked. Only targets that read `managerId` can be compared; for a
 * user whose manager was not read, only a link (never an unlink) is planned.
 */
export function planManagerLinks(
  records: readonly EmployeeRecord[],
  users: readonly DirectoryUser[],
): ManagerLinkDecision[] {
  const byExternalId = new Map<string, DirectoryUser>();
  for (const user of users) {
    if (user.externalId && user.id) byExternalId.set(user.externalId, user);
  }
  const externalIdOf = new Map<string, string>();
  for (const [externalId, user] of byExternalId) externalIdOf.set(user.id, externalId);

  const decisions: ManagerLinkDecision[] = [];
  records.forEach((record, index) => {
    if (record.managerExternalId === undefined) return;
    const externalId = record.externalId?.trim() ?? '';
    const user = byExternalId.get(externalId);
    if (!externalId || !user) return;
    const wanted = record.managerExternalId.trim();
    const from = currentManager(user, externalIdOf);
    if (wanted === '') {
      if (typeof user.managerId !== 'string') return;
      decisions.push(linkTo(index, externalId, user, null, null, from));
      return;
    }
    if (wanted === externalId) {
      decisions.push({
        kind: 'skip',
        index,
        to: wanted,
        reason: 'an employee cannot manage itself',
      });
      return;
    }
    const manager = byExternalId.get(wanted);
    if (!manager) {
      decisions.push({
        kind: 'skip',
        index,
        to: wanted,
        reason: `manager ${wanted} is not in the platform, so the link waits for a run in which they are`,
      });
      return;
    }
    if (user.managerId === manager.id) return;
    decisions.push(linkTo(index, externalId, user, manager.id, wanted, from));
  });
  return decisions;
}

function linkTo(
  index: number,
  externalId: string,
  user: DirectoryUser,
  managerId: string | null,
  to: string | null,
  from: string | null,
): ManagerLinkDecision {
  return { kind: 'link', index, write: { kind: 'manager', externalId, user, managerId }, to, from };
}

/** The current manager's external ID; an id the run does not know stays shown as the id. */
function currentManager(user: DirectoryUser, externalIdOf: Map<string, string>): string | null {
  if (typeof user.managerId !== 'string') return null;
  return externalIdOf.get(user.managerId) ?? user.managerId;
}
