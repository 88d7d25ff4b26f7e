import { applyPlan } from '../../../src/apply/apply-plan';
import type { RetryPolicy } from '../../../src/apply/retry';
import { GraphClient } from '../../../src/graph/graph-client';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { planUpsert, type UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import type { DirectoryUser } from '../../../src/targets/directory';
import { ENTRA_DEFAULT_MAPPINGS, EntraDirectory } from '../../../src/targets/entra';
import { startGraphServer, type GraphPeer } from '../../peers/graph/graph-server';

const RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 60_000,
};
const MAPPINGS = ENTRA_DEFAULT_MAPPINGS;

const PLAN: UpsertPlanOptions = {
  mappings: MAPPINGS,
  emptySourceValue: 'leave',
  matchByEmail: true,
  externalIdAttribute: 'employeeId',
  today: '2026-01-15',
  reactivate: { archivedBySync: new Set(), hrStatusWins: true },
};

let peer: GraphPeer;
/** A clock the client and the apply stage wait on, so no test waits for real. */
let clock: number;
let sleeps: number[];
const sleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
  clock += ms;
};

beforeAll(async () => {
  peer = await startGraphServer();
});
afterAll(async () => {
  await peer.close();
});
beforeEach(() => {
  peer.reset();
  clock = Date.now();
  sleeps = [];
});

function entra(options: { readManagers?: boolean } = {}): EntraDirectory {
  const graph = new GraphClient(nodeHttpClient(), peer.credentials, {
    sleep,
    now: () => clock,
    retry: RETRY,
  });
  return new EntraDirectory(graph, {
    attributes: MAPPINGS.map((mapping) => mapping.attribute),
    userPrincipalNameTemplate: '{firstName}.{lastName}@contoso.com',
    matchFallback: 'mail',
    ...options,
  });
}

function employee(n: number, overrides: Partial<EmployeeRecord> = {}): EmployeeRecord {
  return {
    externalId: `E${n}`,
    firstName: `First${n}`,
    lastName: `Léveque${n}`,
    department: 'Sales',
    jobTitle: 'Clerk',
    country: 'NL',
    businessPhone: `+31 20 555 ${String(n).padStart(4, '0')}`,
    startDate: '2025-09-01',
    custom: {},
    ...overrides,
  };
}

async function sync(directory: EntraDirectory, records: readonly EmployeeRecord[]) {
  const users = await directory.readUsers([]);
  const plan = planUpsert(records, users, PLAN);
  const outcomes = await applyPlan(plan, directory, { retry: RETRY, sleep });
  return { users, plan, outcomes };
}

function byEmployeeId(): Map<string, ReturnType<GraphPeer['users']>[number]> {
  return new Map(peer.users().map((user) => [user.employeeId ?? '', user]));
}

const batchCalls = () => peer.calls.filter((call) => call.path === '/$batch');

describe('EntraDirectory against the fake Graph', () => {
  it('creates 45 users in three batches, and a second read finds them unchanged', async () => {
    const records = Array.from({ length: 45 }, (_, index) => employee(index + 1));
    const first = await sync(entra(), records);
    expect(first.outcomes.map((outcome) => `${outcome.action} ${outcome.status}`)).toEqual(
      records.map(() => 'create succeeded'),
    );
    expect(batchCalls()).toHaveLength(3);
    expect(peer.batchedCalls.filter((call) => call.method === 'POST')).toHaveLength(45);

    const stored = byEmployeeId().get('E7');
    expect(stored).toMatchObject({
      userPrincipalName: 'first7.leveque7@contoso.com',
      mailNickname: 'first7.leveque7',
      displayName: 'First7 Léveque7',
      accountEnabled: true,
      usageLocation: 'NL',
      businessPhones: ['+31 20 555 0007'],
      employeeHireDate: '2025-09-01T00:00:00Z',
      passwordProfile: { forceChangePasswordNextSignIn: true },
    });
    expect(first.outcomes.find((outcome) => outcome.externalId === 'E7')?.userId).toBe(stored?.id);

    const second = await sync(entra(), records);
    expect(second.users).toHaveLength(45);
    expect(second.plan.actions.every((action) => action.kind === 'unchanged')).toBe(true);
  });

  it('PATCHes only what changed', async () => {
    await sync(entra(), [employee(1), employee(2)]);
    const mark = peer.writeCalls().length;
    const { outcomes } = await sync(entra(), [employee(1, { department: 'Finance' }), employee(2)]);
    expect(outcomes.map((outcome) => outcome.action)).toEqual(['update', 'unchanged']);
    const writes = peer.writeCalls().slice(mark);
    expect(writes.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: 'PATCH',
        path: `/users/${byEmployeeId().get('E1')?.id}`,
        body: { department: 'Finance' },
      },
    ]);
    expect(byEmployeeId().get('E1')?.department).toBe('Finance');
  });

  it('adopts a user found by e-mail, setting its employeeId', async () => {
    const [seeded] = peer.seed([
      {
        userPrincipalName: 'anna@contoso.com',
        mail: 'anna@contoso.com',
        givenName: 'Anna',
        surname: 'Smit',
      },
    ]);
    const { outcomes } = await sync(entra(), [
      employee(5, { firstName: 'Anna', lastName: 'Smit', email: 'anna@contoso.com' }),
    ]);
    expect(outcomes[0]).toMatchObject({
      action: 'update',
      status: 'succeeded',
      userId: seeded?.id,
    });
    expect(byEmployeeId().get('E5')?.id).toBe(seeded?.id);
    expect(peer.users()).toHaveLength(1);
  });

  it('archives, reactivates and deletes; a user already gone is deleted all the same', async () => {
    const directory = entra();
    await sync(directory, [employee(1)]);
    const read = async (): Promise<DirectoryUser> => (await entra().readUsers([]))[0]!;
    const user = await read();
    await directory.write({ kind: 'archive', externalId: 'E1', user });
    expect(byEmployeeId().get('E1')?.accountEnabled).toBe(false);

    const { plan, outcomes } = await sync(entra(), [employee(1)]);
    expect(plan.actions[0]?.kind).toBe('reactivate');
    expect(outcomes[0]?.status).toBe('succeeded');
    expect(byEmployeeId().get('E1')?.accountEnabled).toBe(true);

    await expect(directory.write({ kind: 'delete', externalId: 'E1', user })).resolves.toBe(
      user.id,
    );
    expect(peer.users()).toEqual([]);
    await expect(directory.write({ kind: 'delete', externalId: 'E1', user })).resolves.toBe(
      user.id,
    );
  });

  it('links and unlinks managers, in a batch, and reads them back', async () => {
    await sync(entra(), [employee(1), employee(2), employee(3)]);
    const directory = entra({ readManagers: true });
    const users = await directory.readUsers([]);
    const id = (externalId: string) => users.find((user) => user.externalId === externalId)!;
    expect(users.every((user) => user.managerId === null)).toBe(true);
    const linked = await directory.writeBulk([
      { kind: 'manager', externalId: 'E2', user: id('E2'), managerId: id('E1').id },
      { kind: 'manager', externalId: 'E3', user: id('E3'), managerId: id('E1').id },
    ]);
    expect(linked.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    const again = await entra({ readManagers: true }).readUsers([]);
    expect(again.find((user) => user.externalId === 'E2')?.managerId).toBe(id('E1').id);

    await directory.write({ kind: 'manager', externalId: 'E2', user: id('E2'), managerId: null });
    // No manager left to remove: Graph's 404 means what the write wants.
    await expect(
      directory.write({ kind: 'manager', externalId: 'E2', user: id('E2'), managerId: null }),
    ).resolves.toBe(id('E2').id);
    const after = await entra({ readManagers: true }).readUsers([]);
    expect(after.find((user) => user.externalId === 'E2')?.managerId).toBeNull();
    expect(after.find((user) => user.externalId === 'E3')?.managerId).toBe(id('E1').id);
  });

  it('numbers the sign-in names of namesakes, read or made meanwhile', async () => {
    peer.seed([{ userPrincipalName: 'anna.smit@contoso.com', mailNickname: 'anna.smit' }]);
    const directory = entra();
    const users = await directory.readUsers([]);
    // Someone makes anna.smit2 after the read: Graph refuses it, the next number is taken.
    peer.seed([{ userPrincipalName: 'anna.smit2@contoso.com', mailNickname: 'anna.smit2' }]);
    const anna = (n: number) => employee(n, { firstName: 'Anna', lastName: 'Smit' });
    const plan = planUpsert([anna(1), anna(2)], users, PLAN);
    const outcomes = await applyPlan(plan, directory, { retry: RETRY, sleep });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded']);
    // E2 got anna.smit3 in the batch; E1's anna.smit2 was refused, so it moved on to 4.
    expect(byEmployeeId().get('E1')?.userPrincipalName).toBe('anna.smit4@contoso.com');
    expect(byEmployeeId().get('E2')?.userPrincipalName).toBe('anna.smit3@contoso.com');
    expect(peer.users()).toHaveLength(4);
  });

  it('sends again only the creates Graph throttled inside a batch, after the wait, none twice', async () => {
    peer.failNext({
      status: 429,
      times: 3,
      retryAfterSeconds: 7,
      method: 'POST',
      path: '/users',
      inBatch: true,
    });
    const records = Array.from({ length: 10 }, (_, index) => employee(index + 1));
    const { outcomes } = await sync(entra(), records);
    expect(outcomes.every((outcome) => outcome.status === 'succeeded')).toBe(true);
    expect(outcomes.filter((outcome) => outcome.attempts === 2)).toHaveLength(3);
    expect(sleeps).toContain(7000);
    const posts = peer.batchedCalls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.status).filter((status) => status === 429)).toHaveLength(3);
    expect(posts.filter((call) => call.status === 201)).toHaveLength(10);
    expect(
      batchCalls().map((call) => (call.body as { requests: unknown[] }).requests.length),
    ).toEqual([10, 3]);
    const employeeIds = peer.users().map((user) => user.employeeId);
    expect(new Set(employeeIds).size).toBe(10);
    expect(employeeIds).toHaveLength(10);
  });

  it('finds a create that landed by its employeeId', async () => {
    await sync(entra(), [employee(1, { externalId: "O'B-1" })]);
    await expect(entra().findUserIdByExternalId("O'B-1")).resolves.toBe(
      byEmployeeId().get("O'B-1")?.id,
    );
    await expect(entra().findUserIdByExternalId('nobody')).resolves.toBeUndefined();
  });

  it('never shows the first password in what the run returns', async () => {
    const { outcomes } = await sync(entra(), [employee(1), employee(2)]);
    const passwords = peer.users().map((user) => user.passwordProfile?.password ?? '');
    expect(passwords.every((password) => password.length >= 16)).toBe(true);
    const said = JSON.stringify(outcomes);
    for (const password of passwords) expect(said).not.toContain(password);
  });
});
