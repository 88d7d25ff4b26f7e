import { archiveUsers } from '../../../src/apply/archive-users';
import type { RetryPolicy } from '../../../src/apply/retry';
import { upsertUsers, type UpsertResult } from '../../../src/apply/upsert-users';
import { checkCsv } from '../../../src/check/check-rows';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { DEFAULT_BRAKES } from '../../../src/plan/brakes';
import type { UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import { REST_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import {
  RestDirectory,
  SPRINGEST_SHAPE,
  type RestDirectoryOptions,
} from '../../../src/targets/rest/rest-directory';
import { desiredAttributesByExternalId } from '../../../src/targets/rest/sent-fingerprints';
import {
  startRestPlatform,
  type RestPeer,
  type RestPlatformOptions,
} from '../../peers/rest-platform';
import { Readable } from 'node:stream';

const QUICK_RETRY: RetryPolicy = {
  maxAttempts: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 100,
};

const PLAN: Omit<UpsertPlanOptions, 'externalIdAttribute'> = {
  mappings: REST_DEFAULT_MAPPINGS,
  emptySourceValue: 'leave',
  matchByEmail: true,
  today: '2026-06-15',
  reactivate: { archivedBySync: new Set() },
};

const peers: RestPeer[] = [];
async function platform(options: RestPlatformOptions = {}): Promise<RestPeer> {
  const peer = await startRestPlatform(options);
  peers.push(peer);
  return peer;
}
afterAll(() => Promise.all(peers.map((peer) => peer.close())));

function directoryFor(peer: RestPeer, options: Partial<RestDirectoryOptions> = {}): RestDirectory {
  return new RestDirectory(nodeHttpClient(), {
    ...SPRINGEST_SHAPE,
    baseUrl: peer.url,
    attributes: [],
    ...options,
  });
}

/** The peer wants its key in the query: a client that adds it to every request. */
function keyed(peer: RestPeer, options: Partial<RestDirectoryOptions> = {}): RestDirectory {
  const http = nodeHttpClient();
  return new RestDirectory(
    (request) => http({ ...request, query: { ...request.query, api_key: peer.apiKey } }),
    {
      ...SPRINGEST_SHAPE,
      baseUrl: peer.url,
      attributes: REST_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
      ...options,
    },
  );
}

const employee = (
  externalId: string,
  email: string,
  extra: Partial<EmployeeRecord> = {},
): EmployeeRecord => ({
  externalId,
  firstName: `First ${externalId}`,
  lastName: 'Last',
  email,
  country: 'NL',
  language: 'nl',
  jobTitle: 'Engineer',
  managerExternalId: 'M1',
  custom: {},
  ...extra,
});

function sync(
  directory: RestDirectory,
  records: readonly EmployeeRecord[],
  plan: Partial<typeof PLAN> = {},
): Promise<UpsertResult> {
  return upsertUsers({
    records,
    directory,
    dryRun: false,
    retry: QUICK_RETRY,
    plan: { ...PLAN, ...plan },
  });
}

const postedEmails = (peer: RestPeer) =>
  peer
    .writeCalls()
    .map((call) => (call.body as { email?: string }).email?.toLowerCase())
    .filter(Boolean);

describe("REST target: no account is taken over through the platform's e-mail match", () => {
  it.each([true, false])(
    "lookup by e-mail, e-mail matching %s: X keeps external ID A and B's e-mail is never POSTed",
    async (matchByEmail) => {
      const peer = await platform({ lookupByEmail: true });
      peer.seed([{ id: '7', external_id: 'A', email: 'x@example.com', first_name: 'Xandra' }]);
      const result = await sync(
        keyed(peer, { emailLookupParam: 'email' }),
        [employee('B', 'X@example.com')],
        {
          matchByEmail,
        },
      );
      expect(peer.users()).toEqual([
        expect.objectContaining({ id: '7', external_id: 'A', email: 'x@example.com' }),
      ]);
      expect(postedEmails(peer)).toEqual([]);
      expect(result.outcomes[0]).toMatchObject({
        externalId: 'B',
        status: matchByEmail ? 'skipped' : 'failed',
      });
      expect(result.outcomes[0]?.reason).toMatch(/external ID A/);
    },
  );

  it("the seed's API (no lookup by e-mail): X keeps A, the e-mail only ever travels with B's external ID", async () => {
    const peer = await platform();
    peer.seed([{ id: '7', external_id: 'A', email: 'x@example.com' }]);
    const result = await sync(keyed(peer), [employee('B', 'x@example.com')], {
      matchByEmail: false,
    });
    expect(peer.users().find((user) => user.id === '7')).toMatchObject({
      external_id: 'A',
      email: 'x@example.com',
    });
    expect(result.outcomes[0]).toMatchObject({ externalId: 'B', status: 'failed' });
    expect(result.outcomes[0]?.reason).toMatch(/created without its e-mail x@example\.com/);
    // The only POST with the e-mail names B's external ID, which the platform matches first.
    const withEmail = peer.writeCalls().filter((call) => (call.body as { email?: string }).email);
    expect(withEmail.map((call) => call.body)).toEqual([
      { external_id: 'B', email: 'x@example.com' },
    ]);
  });

  it('list mode with e-mail matching off: no create for an e-mail the list holds under another or no external ID', async () => {
    const peer = await platform({ list: true });
    peer.seed([
      { id: '7', external_id: 'A', email: 'x@example.com' },
      { id: '8', external_id: null, email: 'y@example.com' },
    ]);
    const result = await sync(
      keyed(peer, { readMode: 'list' }),
      [
        employee('B', 'x@example.com'),
        employee('C', 'Y@example.com'),
        employee('D', 'd@example.com'),
      ],
      { matchByEmail: false },
    );
    expect(result.outcomes.map((outcome) => [outcome.externalId, outcome.status])).toEqual([
      ['B', 'failed'],
      ['C', 'failed'],
      ['D', 'succeeded'],
    ]);
    expect(result.outcomes[1]?.reason).toMatch(/without an external ID/);
    expect(postedEmails(peer)).toEqual(['d@example.com']);
    expect(peer.users().map((user) => [user.id, user.external_id])).toEqual([
      ['7', 'A'],
      ['8', null],
      [expect.any(String), 'D'],
    ]);
  });

  it('two HR rows with one e-mail are both rejected with duplicate_email, so neither reaches the platform', async () => {
    const csv = [
      'externalId,firstName,lastName,email,country,language',
      'B1,Bart,Smit,x@example.com,NL,nl',
      'B2,Bea,Smit,X@example.com,NL,nl',
    ].join('\n');
    const valid: EmployeeRecord[] = [];
    const rejected: string[][] = [];
    await checkCsv(
      Readable.from([Buffer.from(csv)]),
      {},
      {
        valid: (row) => void valid.push(row.record),
        rejected: (row) => void rejected.push(row.issues.map((issue) => issue.code)),
      },
    );
    expect(rejected).toEqual([['duplicate_email'], ['duplicate_email']]);
    const peer = await platform();
    await sync(keyed(peer), valid);
    expect(peer.writeCalls()).toEqual([]);
  });
});

describe("REST target against the Springest seed's shape", () => {
  it('creates with the default mapping (no field the seed does not list), then sends nothing for an unchanged file', async () => {
    const peer = await platform();
    const records = [
      employee('E1', 'e1@example.com'),
      employee('E2', 'e2@example.com', { tags: ['A'] }),
    ];
    const desired = desiredAttributesByExternalId(
      records,
      PLAN.mappings,
      SPRINGEST_SHAPE.externalIdAttribute,
    );

    const first = keyed(peer, { sentMemory: { lastSent: new Map(), desired } });
    const night1 = await sync(first, records);
    expect(night1.outcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded']);
    expect(peer.writeCalls().every((call) => call.status < 300)).toBe(true);
    expect([...first.sent.keys()]).toEqual(['E1', 'E2']);

    // Night 2, same file: the fingerprints the sync remembered make every user unchanged.
    const before = peer.writeCalls().length;
    const second = keyed(peer, { sentMemory: { lastSent: first.sent, desired } });
    const night2 = await sync(second, records);
    expect(night2.plan.actions.map((action) => action.kind)).toEqual(['unchanged', 'unchanged']);
    expect(peer.writeCalls().length).toBe(before);

    // Night 3, one title changed: that user alone is sent again.
    const changed = [records[0]!, { ...records[1]!, jobTitle: 'Lead' }];
    const tonight = desiredAttributesByExternalId(changed, PLAN.mappings, 'external_id');
    const third = keyed(peer, {
      sentMemory: { lastSent: new Map([...first.sent, ...second.sent]), desired: tonight },
    });
    const night3 = await sync(third, changed);
    expect(night3.plan.actions.map((action) => action.kind)).toEqual(['unchanged', 'update']);
    expect(peer.users().find((user) => user.external_id === 'E2')?.job_title).toBe('Lead');
    expect([...third.sent.keys()]).toEqual(['E2']);
  });

  it('archives a leaver named by an end date without a list, through archiveView', async () => {
    const peer = await platform();
    peer.seed([
      { id: '5', external_id: 'E5', email: 'e5@example.com' },
      { id: '6', external_id: 'E6', email: 'e6@example.com' },
    ]);
    const directory = keyed(peer);
    const result = await archiveUsers({
      directory: directory.archiveView(['E5', 'E6']),
      snapshot: {
        externalIds: new Set(['E5', 'E6']),
        leaving: new Map([['E5', 'Left on 2026-05-31.']]),
      },
      plan: {
        brakes: { ...DEFAULT_BRAKES, maxPercentage: 100 },
        owned: new Set(['E5', 'E6']),
        archivedSince: {},
        today: '2026-06-15',
      },
      dryRun: false,
      retry: QUICK_RETRY,
    });
    expect(
      result.outcomes.map((outcome) => [outcome.externalId, outcome.action, outcome.status]),
    ).toEqual([['E5', 'archive', 'succeeded']]);
    expect(peer.users().map((user) => [user.external_id, user.active])).toEqual([
      ['E5', false],
      ['E6', true],
    ]);
    expect(peer.writeCalls().map((call) => call.body)).toEqual([
      { external_id: 'E5', active: false },
    ]);
  });

  it('stops with a clear error when the list ignores the page parameter and gives no total', async () => {
    const peer = await platform({ list: { ignorePage: true } });
    peer.seed([{ external_id: 'E1' }, { external_id: 'E2' }]);
    await expect(keyed(peer, { readMode: 'list', pageSize: 1 }).readUsers([])).rejects.toThrow(
      /answered page 2 with the same users as page 1: it seems to ignore the "page" parameter/,
    );
  });

  it('names the platform by scheme, host, port and path only', async () => {
    const peer = await platform();
    const directory = directoryFor(peer, {
      baseUrl: `http://user:secret@127.0.0.1:9/v1/?api_key=${peer.apiKey}`,
    });
    expect(directory.label).toBe('The platform API at http://127.0.0.1:9/v1');
    const error = await directory
      .readUsers([{ externalId: 'E1' }])
      .catch((caught: unknown) => caught);
    expect(String((error as Error).message)).not.toMatch(/secret|api_key|user:/);
    expect(String((error as Error).message)).not.toContain(peer.apiKey);
  });
});
