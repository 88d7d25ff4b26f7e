import { GraphClient } from '../../../src/graph/graph-client';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { readEntraUsers } from '../../../src/sources/microsoft365';
import { SourceError } from '../../../src/sources/source-error';
import { startGraphServer, type GraphPeer } from '../../peers/graph/graph-server';

/** Entra ID users as HR rows, through GraphClient and nodeHttpClient, against the fake Graph. */
let peer: GraphPeer;
let graph: GraphClient;
const STAFF = 250;

beforeAll(async () => {
  peer = await startGraphServer({ permissions: ['User.Read.All'] });
  graph = new GraphClient(nodeHttpClient(), peer.credentials, { sleep: async () => {} });
});

afterAll(() => peer.close());

beforeEach(() => {
  peer.reset();
  peer.setPermissions(['User.Read.All']);
  peer.seed(
    Array.from({ length: STAFF }, (_, i) => ({
      id: `u${i}`,
      mailNickname: `p${i}`,
      employeeId: String(i).padStart(5, '0'),
      givenName: `First${i}`,
      surname: `Last${i}`,
      mail: `p${i}@contoso.com`,
      businessPhones: ['+31 20 123 4567'],
      department: i % 2 ? 'Sales' : 'Engineering',
      country: 'Netherlands',
      usageLocation: 'NL',
      preferredLanguage: 'nl-NL',
      employeeHireDate: '2026-03-01T00:00:00Z',
      employeeLeaveDateTime: i === 7 ? '2026-12-31T23:59:59Z' : null,
      // Ten teams: u0..u9 lead, everyone else reports to the lead of their tens.
      managerId: i < 10 ? null : `u${i % 10}`,
    })),
  );
  // Accounts without an employee ID: a room and a guest.
  peer.seed([
    { id: 'room', mailNickname: 'room1', employeeId: null },
    { id: 'guest', mailNickname: 'guest1', employeeId: null, managerId: 'u1' },
  ]);
});

const userCalls = (): typeof peer.calls => peer.calls.filter((call) => call.path === '/users');

it('reads all users over three pages of 100, managers expanded in the same pages', async () => {
  const rows = await readEntraUsers(graph, { pageSize: 100 });
  expect(rows).toHaveLength(STAFF + 2);
  expect(userCalls()).toHaveLength(3);
  expect(
    userCalls().every(
      (call) =>
        call.query.$expand === 'manager($select=id,employeeId)' && call.query.$count === undefined,
    ),
  ).toBe(true);
  const byId = new Map(rows.map((row) => [row.externalId, row]));
  expect(byId.get('00042')).toEqual({
    line: 43,
    externalId: '00042',
    firstName: 'First42',
    lastName: 'Last42',
    email: 'p42@contoso.com',
    mobilePhone: '',
    businessPhone: '+31 20 123 4567',
    department: 'Engineering',
    jobTitle: '',
    country: 'Netherlands',
    usageLocation: 'NL',
    language: 'nl-NL',
    startDate: '2026-03-01',
    endDate: '',
    managerExternalId: '00002',
    accountEnabled: 'true',
  });
  expect(byId.get('00007')?.endDate).toBe('2026-12-31');
  expect(byId.get('00003')?.managerExternalId).toBe('');
});

it('sends the advanced parameters on every page of an advanced filter, and reads managers in a second pass', async () => {
  const rows = await readEntraUsers(graph, { filter: 'employeeId ne null', pageSize: 100 });
  expect(rows).toHaveLength(STAFF);
  expect(rows.every((row) => row.externalId !== '')).toBe(true);
  const calls = userCalls();
  // Three advanced pages (the fake refuses `ne` without ConsistencyLevel and $count), then three of managers.
  expect(calls).toHaveLength(6);
  expect(
    calls
      .slice(0, 3)
      .every(
        (call) =>
          call.status === 200 && call.query.$count === 'true' && call.query.$expand === undefined,
      ),
  ).toBe(true);
  expect(
    calls.slice(3).every((call) => call.query.$select === 'id' && call.query.$filter === undefined),
  ).toBe(true);
  const manager = (id: string): string | undefined =>
    rows.find((row) => row.externalId === id)?.managerExternalId;
  expect(manager('00042')).toBe('00002');
  expect(manager('00249')).toBe('00009');
  expect(manager('00005')).toBe('');
});

it('keeps extra attributes and filters on the server', async () => {
  const rows = await readEntraUsers(graph, {
    filter: "department eq 'Sales'",
    attributes: ['userPrincipalName', 'employeeType'],
  });
  expect(rows).toHaveLength(STAFF / 2);
  expect(rows[0]).toMatchObject({
    department: 'Sales',
    userPrincipalName: 'p1@contoso.com',
    employeeType: '',
  });
});

it('reports a refused read with the permission it needs, and never the secret or the token', async () => {
  const token = await graph.token();
  peer.setPermissions([]);
  const error = await readEntraUsers(graph).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).code).toBe('auth_failed');
  expect((error as SourceError).message).toContain('User.Read.All');
  expect((error as SourceError).message).not.toContain(token);
  expect((error as SourceError).message).not.toContain(peer.clientSecret);
});

it('reports a filter Graph cannot parse with Graph’s words', async () => {
  const error = await readEntraUsers(graph, { filter: "department eq 'Sales" }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).message).toMatch(
    /answered HTTP 400 when reading the users \(filter department eq 'Sales\)/,
  );
});
