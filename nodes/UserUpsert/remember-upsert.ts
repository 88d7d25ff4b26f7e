import type { SyncMemoryState, UserOutcome } from '../../src';

/**
 * The sync's memory after an upsert: every user it created, adopted or matched by external
 * ID is its own from today on (the ownership ledger the archive keeps to), and a user it
 * reactivated is no longer one it archived. A failed or skipped write changes nothing.
 */
export function rememberUpsert(
  memory: SyncMemoryState,
  outcomes: readonly UserOutcome[],
  today: string,
): SyncMemoryState {
  const owned = { ...memory.owned };
  const archivedBySync = { ...memory.archivedBySync };
  for (const outcome of outcomes) {
    if (outcome.status !== 'succeeded' && outcome.status !== 'unchanged') continue;
    if (outcome.action === 'skip') continue;
    owned[outcome.externalId] ??= today;
    if (outcome.action === 'reactivate') Reflect.deleteProperty(archivedBySync, outcome.externalId);
  }
  return { ...memory, owned, archivedBySync };
}
