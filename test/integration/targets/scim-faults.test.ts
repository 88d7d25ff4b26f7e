/**
 * The apply stage against the real SCIM peer when things go wrong in the middle of a run:
 * a create that lands but whose answer is lost (past the client's timeout, or a 5xx after
 * the work), a 409 to a create the read did not see, a token revoked after some writes, and
 * one protected account.
 */
import { upsertUsers, type UpsertResult } from '../../../src/apply/upsert-users';
import type { ApplyOptions } from '../../../src/apply/apply-plan';
import type { RetryPolicy } from '../../../src/apply/retry';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import type { HttpClient } from '../../../src/http/http-client';
import type { UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import type { DirectoryUser } from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import { startScimServer, type ScimPeer, type ScimServerOptions } from '../../peers/scim-server';

jest.setTimeout(30_000);

const RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 50,
  maxRetryAfterMs: 5000,
};
/** The client gives up after this; the peer holds a lost answer back well past it. */
const CLIENT_TIMEOUT_MS = 300;
const HELD_BACK_MS = 1_500;

const PLAN: UpsertPlanOptions = {
  mappings: SCIM_DEFAULT_MAPPINGS,
  emptySourceValue: 'leave',
  matchByEmail: true,
  externalIdAttribute: 'externalId',
  today: '2024-06-15',
  reactivate: { archivedBySync: new Set(), hrStatusWins: true },
};

function employee(n: number, overrides: Partial<EmployeeRecord> = {}): EmployeeRecord {
  return {
    externalId: `E${n}`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    email: `employee${n}@example.com`,
    country: 'NL',
    language: 'nl',
    jobTitle: `Job ${n}`,
    custom: {},
    ...overrides,
  };
}
const employees = (count: number) => Array.from({ length: count }, (_, i) => employee(i + 1));

function directoryFor(peer: ScimPeer): ScimDirectory {
  const http = nodeHttpClient({
    headers: { authorization: `Bearer ${peer.token}` },
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  return new ScimDirectory(http, {
    baseUrl: peer.url,
    attributes: SCIM_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
  });
}

/** A directory whose read misses the users another process created since (a stale read). */
class StaleReadDirectory extends ScimDirectory {
  override async readUsers(): Promise<DirectoryUser[]> {
    return [];
  }
}

function sync(
  peer: ScimPeer,
  records: readonly EmployeeRecord[],
  options: ApplyOptions & { directory?: ScimDirectory } = {},
): Promise<UpsertResult> {
  return upsertUsers({
    records,
    directory: options.directory ?? directoryFor(peer),
    dryRun: false,
    plan: PLAN,
    retry: RETRY,
    ...options,
  });
}

const withExternalId = (peer: ScimPeer, externalId: string) =>
  peer.users().filter((user) => user.externalId === externalId);
const callsOf = (peer: ScimPeer) =>
  peer.calls.map(
    (call) => `${call.method} ${call.path}${call.query.filter ? ` ${call.query.filter}` : ''}`,
  );

describe.each<[string, ScimServerOptions]>([
  ['a server that enforces unique userNames', {}],
  ['a server that does not', { uniqueUserNames: false }],
])('a create whose answer is lost, on %s', (_kind, serverOptions) => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer(serverOptions);
  });
  afterAll(() => peer.close());
  beforeEach(() => peer.reset());

  it.each([
    ['held back past the client timeout', { delayMs: HELD_BACK_MS }],
    ['replaced by a 502 after the user was saved', { status: 502 as const }],
  ])('%s: is looked up, not sent again; created once, and in usersAfter', async (_how, fault) => {
    peer.landThenLose({ externalId: 'E1', method: 'POST', ...fault });

    const result = await sync(peer, [employee(1)]);

    expect(withExternalId(peer, 'E1')).toHaveLength(1);
    const stored = withExternalId(peer, 'E1')[0]!;
    expect(result.outcomes[0]).toMatchObject({
      externalId: 'E1',
      action: 'create',
      status: 'succeeded',
      userId: stored.id,
    });
    expect(result.usersAfter.map((user) => [user.id, user.externalId])).toEqual([
      [stored.id, 'E1'],
    ]);
    expect(callsOf(peer).filter((call) => call.startsWith('POST'))).toEqual(['POST /Users']);
    expect(callsOf(peer)).toContain('GET /Users externalId eq "E1"');
  });

  it('in a bulk request held back past the timeout: each create is looked up, none sent again', async () => {
    peer.landThenLose({ externalId: 'E2', method: 'POST', delayMs: HELD_BACK_MS });

    const result = await sync(peer, employees(3));

    for (const externalId of ['E1', 'E2', 'E3']) {
      expect(withExternalId(peer, externalId)).toHaveLength(1);
    }
    expect(result.outcomes.map((outcome) => [outcome.action, outcome.status])).toEqual(
      Array(3).fill(['create', 'succeeded']),
    );
    expect(result.outcomes.map((outcome) => outcome.userId)).toEqual(
      ['E1', 'E2', 'E3'].map((externalId) => withExternalId(peer, externalId)[0]!.id),
    );
    expect(callsOf(peer).filter((call) => call.startsWith('POST'))).toEqual(['POST /Bulk']);
  });
});

describe('a create answered 409 because the user exists already', () => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterAll(() => peer.close());

  it('is looked up by external ID: done, with the existing user, and in usersAfter', async () => {
    const [existing] = peer.seed([
      { userName: 'employee1@example.com', externalId: 'E1', active: true },
    ]);
    const directory = new StaleReadDirectory(
      nodeHttpClient({ headers: { authorization: `Bearer ${peer.token}` } }),
      { baseUrl: peer.url, attributes: SCIM_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute) },
    );

    const result = await sync(peer, [employee(1)], { directory });

    expect(peer.calls.find((call) => call.method === 'POST')?.status).toBe(409);
    expect(result.outcomes[0]).toMatchObject({
      action: 'create',
      status: 'succeeded',
      userId: existing!.id,
    });
    expect(result.usersAfter.map((user) => user.id)).toEqual([existing!.id]);
    expect(withExternalId(peer, 'E1')).toHaveLength(1);
  });
});

describe('a token revoked in the middle of a run', () => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer({ bulkMaxOperations: 3 });
  });
  afterAll(() => peer.close());
  beforeEach(() => peer.reset());

  it('one write at a time: the writes made are reported, the rest not attempted', async () => {
    peer.revokeTokenAfter(3);

    const result = await sync(peer, employees(10), { useBulk: false, concurrency: 1 });

    expect(peer.users()).toHaveLength(3);
    const statuses = result.outcomes.map((outcome) => outcome.status);
    expect(statuses).toEqual([...Array(3).fill('succeeded'), ...Array(7).fill('failed')]);
    expect(result.outcomes[3]).toMatchObject({ httpStatus: 401 });
    for (const outcome of result.outcomes.slice(4)) {
      expect(outcome.reason).toBe(
        'not attempted: the platform refused the credential (401) after 3 writes',
      );
    }
    expect(result.stopped).toMatchObject({ writesMade: 3, notAttempted: 6 });
    expect(result.stopped?.message).toContain('after 3 writes');
    expect(result.stopped?.message).not.toMatch(/nothing was written/i);
    expect(result.usersAfter.map((user) => user.externalId)).toEqual(['E1', 'E2', 'E3']);
  });

  it('in bulk requests: the requests that got through are reported', async () => {
    peer.revokeTokenAfter(2);

    const result = await sync(peer, employees(8));

    expect(peer.users()).toHaveLength(6);
    expect(result.stopped).toMatchObject({ writesMade: 6, notAttempted: 2 });
    expect(result.outcomes.slice(6).map((outcome) => outcome.reason)).toEqual(
      Array(2).fill('not attempted: the platform refused the credential (401) after 6 writes'),
    );
  });

  it('before any write: rejects, and nothing was written', async () => {
    peer.revokeTokenAfter(0);
    await expect(sync(peer, employees(3), { useBulk: false })).rejects.toMatchObject({
      status: 401,
    });
    expect(peer.users()).toEqual([]);
  });
});

describe('a protected account (403)', () => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterAll(() => peer.close());

  it('fails that user only; the run goes on', async () => {
    peer.seed(
      [1, 2, 3].map((n) => ({
        userName: `employee${n}@example.com`,
        externalId: `E${n}`,
        active: true,
        title: 'Old title',
      })),
    );
    peer.protect({ externalId: 'E2' });

    const result = await sync(peer, employees(3), { useBulk: false });

    expect(result.stopped).toBeUndefined();
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['E1', 'succeeded'],
      ['E2', 'failed'],
      ['E3', 'succeeded'],
    ]);
    expect(result.outcomes[1]).toMatchObject({ httpStatus: 403 });
    expect(result.outcomes[1]?.reason).toMatch(/^forbidden: the platform protects this account \(/);
    expect(withExternalId(peer, 'E3')[0]?.title).toBe('Job 3');
    expect(withExternalId(peer, 'E2')[0]?.title).toBe('Old title');
  });
});

describe('the SCIM base URL in labels and messages', () => {
  const secretUrl =
    'https://sync:p4ssw0rd@scim.example.com:8443/tenant/scim/v2/?key=k3y-secret#frag';
  const failing: HttpClient = async () => ({ status: 500, headers: {}, body: { detail: 'down' } });

  it('shows scheme, host, port and path only', () => {
    const directory = new ScimDirectory(failing, { baseUrl: secretUrl, attributes: [] });
    expect(directory.label).toBe(
      'The SCIM platform at https://scim.example.com:8443/tenant/scim/v2',
    );
  });

  it('keeps the user name, password and query out of an error', async () => {
    const directory = new ScimDirectory(failing, { baseUrl: secretUrl, attributes: [] });
    const error = await directory.readUsers().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(RemoteError);
    const text = `${(error as RemoteError).message} ${(error as RemoteError).stack}`;
    expect(text).toContain('https://scim.example.com:8443/tenant/scim/v2');
    for (const secret of ['sync:', 'p4ssw0rd', 'k3y-secret', 'key=', 'frag']) {
      expect(text).not.toContain(secret);
    }
  });
});
