import type { EmployeeRecord } from '../../../src/record/fields';
import { GOOGLE_WORKSPACE_DEFAULT_MAPPINGS } from '../../../src/targets/google-workspace/default-mappings';
import type { DirectoryWrite } from '../../../src/targets/directory';
import { startGoogleSetup, type GoogleSetup } from './google-setup';

const ATTRIBUTES = [
  ...GOOGLE_WORKSPACE_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
  'orgUnitPath',
];

function record(
  externalId: string,
  firstName: string,
  lastName: string,
  extra: Partial<EmployeeRecord> = {},
): EmployeeRecord {
  return { externalId, firstName, lastName, custom: {}, ...extra } as EmployeeRecord;
}

function create(r: EmployeeRecord, active?: false): DirectoryWrite {
  return {
    kind: 'create',
    externalId: r.externalId as string,
    attributes: { 'name.givenName': r.firstName ?? null, 'name.familyName': r.lastName ?? null },
    record: r,
    ...(active === false ? { active } : {}),
  };
}

describe('GoogleWorkspaceDirectory against the fake Directory API', () => {
  let setup: GoogleSetup;

  beforeAll(async () => {
    setup = await startGoogleSetup({ directory: { orgUnits: ['/Staff/Sales', '/Staff'] } });
  });
  beforeEach(() => setup.peer.directory.reset());
  afterAll(() => setup.peer.close());

  it('reads every user page by page, flattened, with external IDs and managers as ids', async () => {
    const [boss] = setup.peer.directory.seed([
      { primaryEmail: 'boss@example.com', externalIds: [{ type: 'organization', value: 'E1' }] },
    ]);
    setup.peer.directory.seed(
      Array.from({ length: 6 }, (_, index) => ({
        primaryEmail: `u${index}@example.com`,
        name: { givenName: `U${index}`, familyName: 'Test' },
        suspended: index === 0,
        externalIds: [
          { type: 'custom', customType: 'badge', value: `B${index}` },
          { type: 'organization', value: `E${index + 10}` },
        ],
        relations: [{ type: 'manager', value: 'BOSS@example.com' }],
        phones: [{ type: 'mobile', value: `+3161234567${index}` }],
      })),
    );
    const directory = setup.directory({ attributes: ATTRIBUTES, pageSize: 2 });
    const users = await directory.readUsers([]);
    expect(users).toHaveLength(7);
    expect(users[1]).toMatchObject({
      email: 'u0@example.com',
      externalId: 'E10',
      active: false,
      managerId: boss!.id,
      attributes: { 'name.givenName': 'U0', 'phones[type eq "mobile"].value': '+31612345670' },
    });
    expect(users[0]!.managerId).toBeNull();
    const lists = setup.peer.directory.calls.filter((call) => call.method === 'GET');
    expect(lists).toHaveLength(4);
    expect(lists[0]!.query).toMatchObject({
      customer: 'my_customer',
      maxResults: '2',
      projection: 'basic',
    });
  });

  it('creates from the template with a suffix past the taken addresses, a password to change, the OU, and the external ID', async () => {
    setup.peer.directory.seed([
      { primaryEmail: 'jane.doe@example.com' },
      { primaryEmail: 'x@example.com', aliases: ['jane.doe2@example.com'] },
    ]);
    const directory = setup.directory({
      attributes: ATTRIBUTES,
      orgUnits: { field: 'department', paths: { Sales: '/Staff/Sales' } },
    });
    await directory.readUsers([]);
    const id = await directory.write(create(record('E7', 'Jäne', 'Doe', { department: 'sales' })));
    const made = setup.peer.directory.users().find((user) => user.id === id)!;
    expect(made).toMatchObject({
      primaryEmail: 'jane.doe3@example.com',
      name: { givenName: 'Jäne', familyName: 'Doe' },
      orgUnitPath: '/Staff/Sales',
      suspended: false,
      changePasswordAtNextLogin: true,
      externalIds: [{ type: 'organization', value: 'E7' }],
    });
    expect(setup.peer.directory.store.passwords.get(id)).toHaveLength(24);
  });

  it('takes the next suffix on 409 when the address is taken by someone it did not read', async () => {
    const directory = setup.directory({});
    await directory.readUsers([]);
    setup.peer.directory.seed([{ primaryEmail: 'ann.lee@example.com' }]);
    const id = await directory.write(create(record('E8', 'Ann', 'Lee')));
    expect(setup.peer.directory.users().find((user) => user.id === id)!.primaryEmail).toBe(
      'ann.lee2@example.com',
    );
    const posts = setup.peer.directory.calls
      .filter((call) => call.method === 'POST')
      .map((call) => call.status);
    expect(posts).toEqual([409, 200]);
  });

  it('gives two people of one name two addresses when created in parallel', async () => {
    const directory = setup.directory({});
    await directory.readUsers([]);
    await Promise.all([
      directory.write(create(record('A', 'Sam', 'Lee'))),
      directory.write(create(record('B', 'Sam', 'Lee'))),
    ]);
    expect(
      setup.peer.directory
        .users()
        .map((user) => user.primaryEmail)
        .sort(),
    ).toEqual(['sam.lee2@example.com', 'sam.lee@example.com']);
  });

  it('creates a pre-hire suspended', async () => {
    const directory = setup.directory({});
    const id = await directory.write(create(record('E9', 'Pre', 'Hire'), false));
    expect(setup.peer.directory.users().find((user) => user.id === id)!.suspended).toBe(true);
  });

  it('patches only what changed, keeping hand-added entries of other types', async () => {
    setup.peer.directory.seed([
      {
        primaryEmail: 'p@example.com',
        name: { givenName: 'P', familyName: 'Q' },
        externalIds: [
          { type: 'organization', value: 'E1' },
          { type: 'custom', customType: 'badge', value: 'B1' },
        ],
        phones: [
          { type: 'home', value: '+31201111111' },
          { type: 'mobile', value: '+31611111111' },
        ],
        organizations: [
          { type: 'work', title: 'Clerk', department: 'Ops', primary: true },
          { type: 'school', name: 'Uni' },
        ],
      },
    ]);
    const directory = setup.directory({ attributes: ATTRIBUTES });
    const [user] = await directory.readUsers([]);
    await directory.write({
      kind: 'update',
      externalId: 'E1',
      user: user!,
      changes: [
        {
          attribute: 'phones[type eq "mobile"].value',
          field: 'mobilePhone',
          from: '+31611111111',
          to: '+31622222222',
        },
        {
          attribute: 'organizations[type eq "work"].title',
          field: 'jobTitle',
          from: 'Clerk',
          to: 'Lead',
        },
      ],
    });
    const patch = setup.peer.directory.calls.find((call) => call.method === 'PATCH')!;
    expect(Object.keys(patch.body as object).sort()).toEqual(['organizations', 'phones']);
    expect(setup.peer.directory.users()[0]).toMatchObject({
      name: { givenName: 'P', familyName: 'Q' },
      externalIds: [
        { type: 'organization', value: 'E1' },
        { type: 'custom', customType: 'badge', value: 'B1' },
      ],
      phones: [
        { type: 'home', value: '+31201111111' },
        { type: 'mobile', value: '+31622222222' },
      ],
      organizations: [
        { type: 'work', title: 'Lead', department: 'Ops', primary: true },
        { type: 'school', name: 'Uni' },
      ],
    });
  });

  it('archives by suspending, reactivates, deletes, and takes a 404 on delete as done', async () => {
    const [seeded] = setup.peer.directory.seed([
      { primaryEmail: 'a@example.com', externalIds: [{ type: 'organization', value: 'E1' }] },
    ]);
    const directory = setup.directory({});
    const [user] = await directory.readUsers([]);
    await directory.write({ kind: 'archive', externalId: 'E1', user: user! });
    expect(setup.peer.directory.users()[0]!.suspended).toBe(true);
    await directory.write({ kind: 'reactivate', externalId: 'E1', user: user!, changes: [] });
    expect(setup.peer.directory.users()[0]!.suspended).toBe(false);
    expect(await directory.write({ kind: 'delete', externalId: 'E1', user: user! })).toBe(
      seeded!.id,
    );
    expect(setup.peer.directory.users()).toHaveLength(0);
    expect(await directory.write({ kind: 'delete', externalId: 'E1', user: user! })).toBe(
      seeded!.id,
    );
  });

  it('links and unlinks managers through relations of type manager, keeping other relations', async () => {
    const [boss, worker] = setup.peer.directory.seed([
      { primaryEmail: 'boss@example.com' },
      {
        primaryEmail: 'w@example.com',
        relations: [{ type: 'assistant', value: 'asst@example.com' }],
      },
    ]);
    const directory = setup.directory({});
    const users = await directory.readUsers([]);
    const user = users.find((candidate) => candidate.id === worker!.id)!;
    await directory.write({ kind: 'manager', externalId: 'W', user, managerId: boss!.id });
    expect(setup.peer.directory.users()[1]!.relations).toEqual([
      { type: 'assistant', value: 'asst@example.com' },
      { type: 'manager', value: 'boss@example.com' },
    ]);
    const [, again] = await directory.readUsers([]);
    expect(again!.managerId).toBe(boss!.id);
    await directory.write({ kind: 'manager', externalId: 'W', user: again!, managerId: null });
    expect(setup.peer.directory.users()[1]!.relations).toEqual([
      { type: 'assistant', value: 'asst@example.com' },
    ]);
  });

  it('resolves a manager it did not read with one users.get', async () => {
    const [boss, worker] = setup.peer.directory.seed([
      { primaryEmail: 'boss@example.com' },
      { primaryEmail: 'w@example.com' },
    ]);
    const directory = setup.directory({});
    await directory.write({
      kind: 'manager',
      externalId: 'W',
      user: { id: worker!.id, active: true, attributes: {} },
      managerId: boss!.id,
    });
    expect(setup.peer.directory.users()[1]!.relations).toEqual([
      { type: 'manager', value: 'boss@example.com' },
    ]);
  });

  it('finds a user by external ID with a search, exactly, and by a custom attribute', async () => {
    const [a] = setup.peer.directory.seed([
      { primaryEmail: 'a@example.com', externalIds: [{ type: 'organization', value: "E'1" }] },
      { primaryEmail: 'b@example.com', externalIds: [{ type: 'organization', value: "e'1" }] },
      { primaryEmail: 'c@example.com', customSchemas: { HR: { employeeId: 'H-9' } } },
    ]);
    const directory = setup.directory({});
    expect(await directory.findUserIdByExternalId("E'1")).toBe(a!.id);
    expect(await directory.findUserIdByExternalId('E404')).toBeUndefined();
    const custom = setup.directory({ externalIdField: { schema: 'HR', field: 'employeeId' } });
    expect(custom.externalIdAttribute).toBe('customSchemas.HR.employeeId');
    expect(await custom.findUserIdByExternalId('H-9')).toBe(setup.peer.directory.users()[2]!.id);
    const search = setup.peer.directory.calls.at(-1)!;
    expect(search.query).toMatchObject({
      query: "HR.employeeId='H-9'",
      projection: 'custom',
      customFieldMask: 'HR',
    });
  });

  it('matches and creates on a custom attribute the admin names', async () => {
    const directory = setup.directory({ externalIdField: { schema: 'HR', field: 'employeeId' } });
    const id = await directory.write(create(record('H1', 'Cus', 'Tom')));
    expect(setup.peer.directory.users().find((user) => user.id === id)!.customSchemas).toEqual({
      HR: { employeeId: 'H1' },
    });
    const users = await directory.readUsers([]);
    expect(users[0]!.externalId).toBe('H1');
  });

  it('fetches a new token once when the API refuses the old one (401), and goes on', async () => {
    setup.peer.directory.seed([{ primaryEmail: 'a@example.com' }]);
    const directory = setup.directory({});
    await directory.readUsers([]);
    const before = setup.peer.tokens.requests.length;
    setup.peer.tokens.revokeAll();
    expect(await directory.readUsers([])).toHaveLength(1);
    expect(setup.peer.tokens.requests.length).toBe(before + 1);
    expect(setup.peer.directory.calls.slice(-2).map((call) => call.status)).toEqual([401, 200]);
  });

  it('says what is wrong when the template gives no address', async () => {
    const directory = setup.directory({});
    await expect(directory.write(create(record('E1', 'Only', '')))).rejects.toThrow(
      /template .* gives no address for E1/,
    );
  });
});
