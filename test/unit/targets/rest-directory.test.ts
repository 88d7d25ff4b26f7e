import type { HttpRequest } from '../../../src/http/http-client';
import type { DirectoryUser } from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';
import {
  RestDirectory,
  SPRINGEST_SHAPE,
  type RestDirectoryOptions,
} from '../../../src/targets/rest/rest-directory';
import { answersInTurn, fakeHttp, type Answer } from './fake-http';

const BASE = 'https://api.example.com/v1';

const options = (overrides: Partial<RestDirectoryOptions> = {}): RestDirectoryOptions => ({
  ...SPRINGEST_SHAPE,
  readMode: 'list',
  baseUrl: `${BASE}/`,
  attributes: ['email', 'first_name', 'job_title', 'tags'],
  pageSize: 2,
  ...overrides,
});

const apiUser = (n: number, extra: Record<string, unknown> = {}) => ({
  id: n,
  external_id: `E${n}`,
  email: `user${n}@example.com`,
  first_name: `User ${n}`,
  job_title: 'Engineer',
  tags: ['a'],
  active: true,
  ...extra,
});

const users = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => apiUser(from + index));

const dbUser = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: '12',
  externalId: 'E12',
  email: 'jan@example.com',
  active: true,
  attributes: { email: 'jan@example.com', first_name: 'Jan', job_title: 'Intern' },
  ...overrides,
});

const pageOf = (request: HttpRequest) => request.query?.page;

describe('RestDirectory.readUsers in list mode', () => {
  it('asks page after page with the page size and stops once it has total users', async () => {
    const { http, requests } = fakeHttp(
      answersInTurn(
        { body: { users: users(1, 2), total: 4 } },
        { body: { users: users(3, 4), total: 4 } },
        { body: { users: users(5, 6), total: 4 } },
      ),
    );
    const read = await new RestDirectory(http, options()).readUsers([]);
    expect(read.map((user) => user.externalId)).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(requests).toEqual([
      { method: 'GET', url: `${BASE}/users.json`, query: { page: 1, per_page: 2 } },
      { method: 'GET', url: `${BASE}/users.json`, query: { page: 2, per_page: 2 } },
    ]);
  });

  it('stops at a short page when the API gives no total', async () => {
    const { http, requests } = fakeHttp(
      answersInTurn(
        { body: { users: users(1, 2) } },
        { body: { users: users(3, 4) } },
        { body: { users: users(5, 5) } },
        { body: { users: users(6, 7) } },
      ),
    );
    const read = await new RestDirectory(http, options()).readUsers([]);
    expect(read).toHaveLength(5);
    expect(requests.map(pageOf)).toEqual([1, 2, 3]);
  });

  it('stops at an empty page', async () => {
    const { http, requests } = fakeHttp(
      answersInTurn({ body: { users: users(1, 2) } }, { body: { users: [] } }),
    );
    await expect(new RestDirectory(http, options()).readUsers([])).resolves.toHaveLength(2);
    expect(requests.map(pageOf)).toEqual([1, 2]);
  });

  it('reads a page that is a bare array', async () => {
    const { http, requests } = fakeHttp(
      answersInTurn({ body: users(1, 2) }, { body: users(3, 3) }),
    );
    const read = await new RestDirectory(http, options()).readUsers([]);
    expect(read.map((user) => user.id)).toEqual(['1', '2', '3']);
    expect(requests).toHaveLength(2);
  });

  it('uses the configured path, list key and page parameters', async () => {
    const { http, requests } = fakeHttp(() => ({ body: { people: users(1, 1) } }));
    const directory = new RestDirectory(
      http,
      options({ usersPath: 'people', listKey: 'people', pageParam: 'p', pageSizeParam: 'n' }),
    );
    await expect(directory.readUsers([])).resolves.toHaveLength(1);
    expect(requests[0]).toEqual({ method: 'GET', url: `${BASE}/people`, query: { p: 1, n: 2 } });
  });

  it('refuses a page whose list key is not a list', async () => {
    const { http } = fakeHttp(() => ({ body: { users: 'none' } }));
    await expect(new RestDirectory(http, options()).readUsers([])).rejects.toThrow(
      `The platform API at ${BASE} answered a list without "users"`,
    );
  });

  it('throws a RemoteError when a page fails', async () => {
    const { http } = fakeHttp(() => ({ status: 503 }));
    const error = await new RestDirectory(http, options()).readUsers([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).status).toBe(503);
  });

  // Regression test, the bug it caught is fixed: src/targets/rest/rest-directory.ts lines 105-106, readList (`done = items.length < pageSize || …`)
  // stops at the first page shorter than per_page even when the API's `total` says more
  // users follow. An API that caps per_page below ours (asked 2, gives 1) then loses every
  // user after page 1, and the plan would create them again. Fails on src as it is.
  it('keeps reading while total says more users follow, even when pages are short', async () => {
    const { http, requests } = fakeHttp(
      answersInTurn(
        { body: { users: users(1, 1), total: 3 } },
        { body: { users: users(2, 2), total: 3 } },
        { body: { users: users(3, 3), total: 3 } },
      ),
    );
    const read = await new RestDirectory(http, options()).readUsers([]);
    expect(read.map((user) => user.externalId)).toEqual(['E1', 'E2', 'E3']);
    expect(requests.map(pageOf)).toEqual([1, 2, 3]);
  });
});

describe('RestDirectory.readUsers in lookup mode', () => {
  it('GETs each wanted external ID and treats 404 as absent', async () => {
    const { http, requests } = fakeHttp((request): Answer => {
      const externalId = request.query?.external_id;
      return externalId === 'E2'
        ? { status: 404, body: { error: 'not found' } }
        : { body: apiUser(Number(String(externalId).slice(1))) };
    });
    const directory = new RestDirectory(http, options({ readMode: 'lookup' }));
    const read = await directory.readUsers([
      { externalId: 'E1', email: 'user1@example.com' },
      { externalId: 'E2' },
      { externalId: 'E3' },
    ]);
    expect(read.map((user) => user.externalId)).toEqual(['E1', 'E3']);
    expect(requests).toEqual(
      ['E1', 'E2', 'E3'].map((externalId) => ({
        method: 'GET',
        url: `${BASE}/users.json`,
        query: { external_id: externalId },
      })),
    );
  });

  it('makes no call for no wanted users', async () => {
    const { http, requests } = fakeHttp();
    await expect(
      new RestDirectory(http, options({ readMode: 'lookup' })).readUsers([]),
    ).resolves.toEqual([]);
    expect(requests).toEqual([]);
  });

  it('throws on an error other than 404', async () => {
    const { http } = fakeHttp(() => ({ status: 500 }));
    await expect(
      new RestDirectory(http, options({ readMode: 'lookup' })).readUsers([{ externalId: 'E1' }]),
    ).rejects.toBeInstanceOf(RemoteError);
  });
});

describe('RestDirectory user shape', () => {
  const readOne = async (item: Record<string, unknown>) => {
    const { http } = fakeHttp(() => ({ body: { users: [item] } }));
    const [user] = await new RestDirectory(http, options()).readUsers([]);
    return user!;
  };

  it('flattens an API user to id, external ID, e-mail, active and the mapped attributes', async () => {
    expect(await readOne(apiUser(7, { phone_number: '+31' }))).toEqual({
      id: '7',
      externalId: 'E7',
      email: 'user7@example.com',
      active: true,
      attributes: {
        email: 'user7@example.com',
        first_name: 'User 7',
        job_title: 'Engineer',
        tags: ['a'],
      },
    });
  });

  it.each([
    [false, false],
    ['false', false],
    [true, true],
    ['true', true],
    [undefined, true],
  ])('reads active %j as %j', async (active, expected) => {
    expect((await readOne(apiUser(1, { active }))).active).toBe(expected);
  });

  it('leaves attributes the API did not answer absent, and null ones null', async () => {
    const item: Record<string, unknown> = apiUser(1, { job_title: null });
    delete item.first_name;
    delete item.tags;
    const { attributes } = await readOne(item);
    expect(attributes).toEqual({ email: 'user1@example.com', job_title: null });
    expect('first_name' in attributes).toBe(false);
  });

  it('reads numbers as text and list items as text', async () => {
    const { attributes } = await readOne(apiUser(1, { job_title: 12, tags: [1, 'b'] }));
    expect(attributes.job_title).toBe('12');
    expect(attributes.tags).toEqual(['1', 'b']);
  });

  it('has no external ID or e-mail when the API gives none, and falls back to user_email', async () => {
    const user = await readOne({ id: 3, external_id: '', user_email: 'x@example.com' });
    expect(user.externalId).toBeUndefined();
    expect(user.email).toBe('x@example.com');
    const bare = await readOne({ id: 4, external_id: null });
    expect('externalId' in bare).toBe(false);
    expect('email' in bare).toBe(false);
  });
});

describe('RestDirectory.write', () => {
  it('POSTs a create with active=true and every attribute, and returns the new id', async () => {
    const { http, requests } = fakeHttp((request) =>
      request.method === 'GET' ? { body: { users: [] } } : { status: 201, body: { id: 99 } },
    );
    const directory = new RestDirectory(http, options());
    await directory.readUsers([]);
    requests.length = 0;
    const id = await directory.write({
      kind: 'create',
      externalId: 'E9',
      attributes: {
        external_id: 'E9',
        email: 'new@example.com',
        first_name: 'New',
        tags: ['a', 'b'],
      },
    });
    expect(id).toBe('99');
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE}/users.json`,
        body: {
          external_id: 'E9',
          email: 'new@example.com',
          first_name: 'New',
          tags: ['a', 'b'],
          active: true,
        },
      },
    ]);
  });

  it('POSTs an update with the external ID and only the changed attributes', async () => {
    const { http, requests } = fakeHttp(() => ({ body: { id: 12 } }));
    const id = await new RestDirectory(http, options()).write({
      kind: 'update',
      externalId: 'E12',
      user: dbUser(),
      changes: [
        { attribute: 'job_title', field: 'jobTitle', from: 'Intern', to: 'Engineer' },
        { attribute: 'phone_number', field: 'mobilePhone', from: '+31', to: null },
      ],
    });
    expect(id).toBe('12');
    expect(requests[0]?.body).toEqual({
      external_id: 'E12',
      job_title: 'Engineer',
      phone_number: null,
    });
  });

  it('adds active=true to a reactivate', async () => {
    const { http, requests } = fakeHttp(() => ({ body: {} }));
    await new RestDirectory(http, options()).write({
      kind: 'reactivate',
      externalId: 'E12',
      user: dbUser({ active: false }),
      changes: [],
    });
    expect(requests[0]?.body).toEqual({ external_id: 'E12', active: true });
  });

  it('sends the e-mail of a user adopted by e-mail, so the platform finds the account', async () => {
    const { http, requests } = fakeHttp(() => ({ body: { id: 12 } }));
    const orphan = dbUser();
    delete orphan.externalId;
    await new RestDirectory(http, options()).write({
      kind: 'update',
      externalId: 'E12',
      user: orphan,
      changes: [{ attribute: 'external_id', field: 'externalId', from: null, to: 'E12' }],
    });
    expect(requests[0]?.body).toEqual({ external_id: 'E12', email: 'jan@example.com' });
  });

  it('does not send the e-mail of a user matched by external ID', async () => {
    const { http, requests } = fakeHttp(() => ({ body: {} }));
    await new RestDirectory(http, options()).write({
      kind: 'update',
      externalId: 'E12',
      user: dbUser(),
      changes: [{ attribute: 'first_name', field: 'firstName', from: 'Jan', to: 'Johan' }],
    });
    expect(requests[0]?.body).toEqual({ external_id: 'E12', first_name: 'Johan' });
  });

  it("returns the user's own id when the answer has none", async () => {
    const { http } = fakeHttp(() => ({ status: 204 }));
    await expect(
      new RestDirectory(http, options()).write({
        kind: 'update',
        externalId: 'E12',
        user: dbUser(),
        changes: [],
      }),
    ).resolves.toBe('12');
  });

  it('throws a RemoteError naming the platform on a refused write', async () => {
    const { http } = fakeHttp(() => ({ status: 422, body: { errors: { email: ['taken'] } } }));
    const error = await new RestDirectory(http, options())
      .write({ kind: 'create', externalId: 'E9', attributes: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toBe(
      `The platform API at ${BASE} answered 422 to POST /v1/users.json`,
    );
    expect((error as RemoteError).detail).toBe('{"email":["taken"]}');
  });

  it('has no bulk capability', async () => {
    await expect(new RestDirectory(fakeHttp().http, options()).capabilities()).resolves.toEqual({});
    await expect(
      new RestDirectory(fakeHttp().http, { ...options(), ...SPRINGEST_SHAPE }).capabilities(),
    ).resolves.toEqual({ readsOnlyAskedUsers: true });
  });
});
