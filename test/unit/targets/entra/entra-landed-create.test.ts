import { applyPlan } from '../../../../src/apply/apply-plan';
import type { SyncPlan } from '../../../../src/plan/sync-plan';
import { EntraDirectory } from '../../../../src/targets/entra/entra-directory';
import { NAME_TAKEN, StubGraph, type StubAnswer } from './stub-graph';

type Json = Record<string, unknown>;

/**
 * A Graph whose first create lands but answers 503 (the work was done, the answer lost), and
 * whose employeeId filter, being eventual, does not see the new user yet.
 */
function landedButLost(): { graph: StubGraph; made: Json[] } {
  const made: Json[] = [];
  let first = true;
  const answer = (request: { method: string; path: string; body?: unknown }): StubAnswer => {
    if (request.method === 'POST') {
      const body = request.body as Json;
      if (made.some((user) => user.userPrincipalName === body.userPrincipalName)) return NAME_TAKEN;
      made.push({ id: `id${made.length + 1}`, ...body });
      if (first) {
        first = false;
        return {
          status: 503,
          headers: { 'retry-after': '2' },
          body: { error: { code: 'serviceNotAvailable' } },
        };
      }
      return { status: 201, body: { id: `id${made.length}` } };
    }
    const upn = decodeURIComponent(request.path.replace('/users/', ''));
    const owner = made.find((user) => user.userPrincipalName === upn);
    return owner
      ? { status: 200, body: { id: owner.id, employeeId: owner.employeeId } }
      : { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } };
  };
  return { graph: new StubGraph(answer, [], () => ({ value: [] })), made };
}

const plan = (...externalIds: string[]): SyncPlan => ({
  actions: externalIds.map((externalId) => ({
    kind: 'create' as const,
    externalId,
    attributes: { employeeId: externalId },
    record: { externalId, firstName: 'Anna', lastName: externalId, custom: {} },
  })),
});

describe('a create that landed although its answer was lost', () => {
  for (const useBulk of [true, false]) {
    it(`is found by its own sign-in name, not made twice (${useBulk ? 'in a batch' : 'one by one'})`, async () => {
      const { graph, made } = landedButLost();
      const directory = new EntraDirectory(graph, {
        attributes: [],
        userPrincipalNameTemplate: '{firstName}.{lastName}@contoso.com',
      });
      const sleeps: number[] = [];
      const outcomes = await applyPlan(plan('e1', 'e2'), directory, {
        useBulk,
        concurrency: 1,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      });
      expect(outcomes.map(({ status, userId }) => ({ status, userId }))).toEqual([
        { status: 'succeeded', userId: 'id1' },
        { status: 'succeeded', userId: 'id2' },
      ]);
      expect(made.map((user) => user.userPrincipalName)).toEqual([
        'anna.e1@contoso.com',
        'anna.e2@contoso.com',
      ]);
      // The apply stage looked first (the eventual filter missed it), then the resend met its name.
      expect(graph.getJsonCalls).toHaveLength(1);
      expect(sleeps).toContain(2000);
    });
  }
});
