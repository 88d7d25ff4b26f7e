import type { SyncPlan } from '../plan/sync-plan';
import type { DirectoryUser } from '../targets/directory';
import type { UserOutcome } from './outcome';

/**
 * The target's users as an upsert left them: the read it started from with its own
 * successful writes applied, which is what a read right after it would give (short of
 * anybody else's changes in those seconds). The archive stage of the same run can plan on
 * this instead of reading every user again. A write that failed, or was only planned in a
 * dry run, changes nothing here, as it changed nothing in the target.
 */
export function usersAfterUpsert(
  read: readonly DirectoryUser[],
  plan: SyncPlan,
  outcomes: readonly UserOutcome[],
): DirectoryUser[] {
  const changed = new Map<string, DirectoryUser>();
  const created: DirectoryUser[] = [];
  plan.actions.forEach((action, index) => {
    const outcome = outcomes[index];
    if (outcome?.status !== 'succeeded') return;
    if (action.kind === 'create') {
      created.push({
        id: outcome.userId ?? '',
        externalId: action.externalId,
        active: true,
        attributes: { ...action.attributes },
      });
    } else if (action.kind === 'update' || action.kind === 'reactivate') {
      const attributes = { ...action.user.attributes };
      for (const change of action.changes) attributes[change.attribute] = change.to;
      changed.set(action.user.id, {
        ...action.user,
        // An account adopted by e-mail carries the external ID from now on.
        externalId: action.externalId,
        active: action.kind === 'reactivate' ? true : action.user.active,
        attributes,
      });
    }
  });
  return [...read.map((user) => changed.get(user.id) ?? user), ...created];
}
