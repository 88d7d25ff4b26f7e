import { rememberUpsert } from '../../../nodes/UserUpsert/remember-upsert';
import { emptyMemory } from '../../../src/memory/sync-memory';
import type { PlannedAction } from '../../../src/plan/sync-plan';
import type { UserOutcome } from '../../../src/apply/outcome';

const user = { id: 'u', active: true, attributes: {} };

describe('rememberUpsert: the ledger after a User Upsert', () => {
  it('owns whom it created, updated, left unchanged or reactivated; not the failed, skipped or held', () => {
    const outcomes: UserOutcome[] = [
      { externalId: 'C', action: 'create', status: 'succeeded' },
      { externalId: 'U', action: 'update', status: 'succeeded' },
      { externalId: 'N', action: 'unchanged', status: 'unchanged' },
      { externalId: 'R', action: 'reactivate', status: 'succeeded' },
      { externalId: 'F', action: 'create', status: 'failed' },
      { externalId: 'H', action: 'skip', status: 'skipped', held: true },
    ];
    const memory = {
      ...emptyMemory(),
      owned: { N: '2024-01-01' },
      archivedBySync: { R: '2024-03-01', X: '2024-03-01' },
    };
    const next = rememberUpsert(memory, outcomes, [], '2024-06-15');
    expect(next.owned).toEqual({
      C: '2024-06-15',
      U: '2024-06-15',
      N: '2024-01-01',
      R: '2024-06-15',
    });
    // R is active again; X, still archived, stays remembered.
    expect(next.archivedBySync).toEqual({ X: '2024-03-01' });
    expect(memory.owned).toEqual({ N: '2024-01-01' });
  });

  it('remembers a pre-hire created deactivated as deactivated by this sync, so it may activate them', () => {
    const actions: PlannedAction[] = [
      { kind: 'create', externalId: 'P', attributes: {}, active: false },
      { kind: 'create', externalId: 'A', attributes: {} },
      { kind: 'unchanged', externalId: 'N', user },
    ];
    const outcomes: UserOutcome[] = [
      { externalId: 'P', action: 'create', status: 'succeeded' },
      { externalId: 'A', action: 'create', status: 'succeeded' },
      { externalId: 'N', action: 'unchanged', status: 'unchanged' },
    ];
    const next = rememberUpsert(emptyMemory(), outcomes, actions, '2024-06-15');
    expect(next.archivedBySync).toEqual({ P: '2024-06-15' });
  });
});
