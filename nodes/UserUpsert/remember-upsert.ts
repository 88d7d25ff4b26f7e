import type { PlannedAction, SyncMemoryState, UserOutcome } from '../../src';

/**
 * The sync's memory after an upsert: every user it created, adopted or matched by external
 * ID is its own from today on (the ownership ledger the archive keeps to), and a user it
 * reactivated is no longer one it archived. A pre-hire it created deactivated counts as
 * deactivated by this sync, so that it may activate them on their day. A failed or skipped
 * write changes nothing. `actions` are the plan's, in the outcomes' order.
 */
export function rememberUpsert(
  memory: SyncMemoryState,
  outcomes: readonly UserOutcome[],
  actions: readonly PlannedAction[],
  today: string,
): SyncMemoryState {
  const owned = { ...memory.owned };
  const archivedBySync = { ...memory.archivedBySync };
  outcomes.forEach((outcome, index) => {
    if (outcome.status !== 'succeeded' && outcome.status !== 'unchanged') return;
    if (outcome.action === 'skip') return;
    owned[outcome.externalId] ??= today;
    if (outcome.action === 'reactivate') Reflect.deleteProperty(archivedBySync, outcome.externalId);
    const action = actions[index];
    if (action?.kind === 'create' && action.active === false) {
      archivedBySync[outcome.externalId] = today;
    }
  });
  return { ...memory, owned, archivedBySync };
}
