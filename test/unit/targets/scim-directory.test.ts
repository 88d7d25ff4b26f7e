import type { HttpRequest } from '../../../src/http/http-client';
import type { DirectoryUser, DirectoryWrite } from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import { fakeHttp } from './fake-http';

const BASE = 'https://scim.example.com/scim/v2';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

const ATTRIBUTES = [
  'userName',
  'name.givenName',
  'emails[type eq "work"].value',
  'title',
  `${ENTERPRISE}:department`,
];

const scimUser = (n: number, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  id: `id-${n}`,
  externalId: `E${n}`,
  userName: `user${n}@example.com`,
  name: { givenName: `User ${n}` },
  emails: [{ type: 'work', value: `user${n}@example.com`, primary: true }],
  active: true,
  ...extra,
});

const listPage = (totalResults: number, from: number, to: number) => ({
  body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults,
    Resources: Array.from({ length: to - from + 1 }, (_, index) => scimUser(from + index)),
  },
});

const directoryWith = (
  respond: Parameters<typeof fakeHttp>[0],
  attributes: readonly string[] = ATTRIBUTES,
  pageSize?: number,
) => {
  const fake = fakeHttp(respond);
  const directory = new ScimDirectory(fake.http, {
    baseUrl: `${BASE}/`,
    attributes,
    ...(pageSize !== undefined ? { pageSize } : {}),
  });
  return { directory, requests: fake.requests };
};

const existing = (raw: Record<string, unknown> = scimUser(5)): DirectoryUser => ({
  id: 'id-5',
  externalId: 'E5',
  email: 'user5@example.com',
  active: true,
  attributes: {},
  raw,
});

const startIndexOf = (request: HttpRequest) => request.query?.startIndex;

/**
 * A SCIM list endpoint over `total()` users, as a server pages them: startIndex is an
 * offset, count is capped at `cap`, and past the end the page is empty.
 */
const listServer =
  (total: () => number, cap = 200) =>
  (request: HttpRequest) => {
    const startIndex = Number(request.query?.startIndex ?? 1);
    const count = Math.min(Number(request.query?.count ?? cap), cap);
    const last = Math.min(total(), startIndex + count - 1);
    return last < startIndex
      ? { body: { totalResults: total(), Resources: [] } }
      : listPage(total(), startIndex, last);
  };

describe('ScimDirectory.readUsers', () => {
  it('pages by startIndex and count until totalResults', async () => {
    const { directory, requests } = directoryWith(
      listServer(() => 5),
      ATTRIBUTES,
      2,
    );
    const users = await directory.readUsers();
    expect(users.map((user) => user.externalId)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(requests).toEqual([
      { method: 'GET', url: `${BASE}/Users`, query: { startIndex: 1, count: 2 } },
      { method: 'GET', url: `${BASE}/Users`, query: { startIndex: 3, count: 2 } },
      { method: 'GET', url: `${BASE}/Users`, query: { startIndex: 5, count: 2 } },
    ]);
  });

  it('moves on by what the server gave when it caps the page below what was asked', async () => {
    const { directory, requests } = directoryWith(listServer(() => 3, 1));
    await expect(directory.readUsers()).resolves.toHaveLength(3);
    expect(requests.map(startIndexOf)).toEqual([1, 2, 3]);
    expect(requests[0]?.query?.count).toBe(200);
  });

  it('reads the pages after the first a few at a time, and keeps them in order', async () => {
    let inFlight = 0;
    let most = 0;
    const serve = listServer(() => 45, 5);
    const http = async (request: HttpRequest) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Later pages answer sooner, so order cannot come from the order of the answers.
      await new Promise((resolve) => setTimeout(resolve, 50 - Number(request.query?.startIndex)));
      inFlight -= 1;
      return { status: 200, headers: {}, ...serve(request) };
    };
    const directory = new ScimDirectory(http, {
      baseUrl: BASE,
      attributes: ATTRIBUTES,
      readConcurrency: 3,
    });
    const users = await directory.readUsers();
    expect(users.map((user) => user.externalId)).toEqual(
      Array.from({ length: 45 }, (_, index) => `E${index + 1}`),
    );
    expect(most).toBe(3);
  });

  it('reads again page after page when the total moves during the read', async () => {
    let total = 6;
    const serve = listServer(() => total, 2);
    const { directory, requests } = directoryWith((request) => {
      const answer = serve(request);
      if (request.query?.startIndex === 3) total = 7; // a user is added mid-read
      return answer;
    });
    const users = await directory.readUsers();
    expect(users.map((user) => user.externalId)).toEqual([
      'E1',
      'E2',
      'E3',
      'E4',
      'E5',
      'E6',
      'E7',
    ]);
    // 1, then 3 and 5 together, then the sequential read 1, 3, 5, 7.
    expect(requests.map(startIndexOf)).toEqual([1, 3, 5, 1, 3, 5, 7]);
  });

  it('stops at an empty page even when totalResults says more', async () => {
    const { directory } = directoryWith((request) =>
      request.query?.startIndex === 1
        ? listPage(10, 1, 2)
        : { body: { totalResults: 10, Resources: [] } },
    );
    await expect(directory.readUsers()).resolves.toHaveLength(2);
  });

  it('flattens a resource on the mapped paths, with its e-mail, active and the lists a PATCH rebuilds', async () => {
    const resource = scimUser(1, {
      title: 'Engineer',
      active: false,
      emails: [
        { type: 'home', value: 'home@example.com' },
        { type: 'work', value: 'work@example.com', primary: true },
      ],
      [ENTERPRISE]: { department: 'Sales' },
    });
    const { directory } = directoryWith(() => ({
      body: { totalResults: 1, Resources: [resource] },
    }));
    const [user] = await directory.readUsers();
    expect(user).toEqual({
      id: 'id-1',
      externalId: 'E1',
      email: 'work@example.com',
      active: false,
      attributes: {
        userName: 'user1@example.com',
        'name.givenName': 'User 1',
        'emails[type eq "work"].value': 'work@example.com',
        title: 'Engineer',
        [`${ENTERPRISE}:department`]: 'Sales',
      },
      // No enterprise manager on the resource: the user has none.
      managerId: null,
      // Only the list that a mapped path filters by type: the rest of the resource is not kept.
      raw: { emails: resource.emails },
    });
  });

  it('keeps a filtered list inside an extension, and nothing when no mapped path has a filter', async () => {
    const phones = [{ type: 'mobile', value: '+31612345678' }];
    const resource = scimUser(1, { [ENTERPRISE]: { phones, department: 'Sales' } });
    const answer = () => ({ body: { totalResults: 1, Resources: [resource] } });
    const withList = directoryWith(answer, [`${ENTERPRISE}:phones[type eq "mobile"].value`]);
    expect((await withList.directory.readUsers())[0]?.raw).toEqual({ [ENTERPRISE]: { phones } });
    const archiving = directoryWith(answer, []);
    expect((await archiving.directory.readUsers())[0]?.raw).toEqual({});
  });

  it('takes a userName that looks like an e-mail when the user has no e-mails', async () => {
    const resource = { id: 'x', userName: 'jan@example.com' };
    const plain = { id: 'y', userName: 'jan' };
    const { directory } = directoryWith(() => ({
      body: { totalResults: 2, Resources: [resource, plain] },
    }));
    const [withMail, without] = await directory.readUsers();
    expect(withMail?.email).toBe('jan@example.com');
    expect(withMail?.active).toBe(true);
    expect(withMail && 'externalId' in withMail).toBe(false);
    expect(without && 'email' in without).toBe(false);
  });
});

describe('ScimDirectory.capabilities', () => {
  it('reads bulk support and maxOperations from ServiceProviderConfig, once', async () => {
    const { directory, requests } = directoryWith(() => ({
      body: { bulk: { supported: true, maxOperations: 50, maxPayloadSize: 1_048_576 } },
    }));
    await expect(directory.capabilities()).resolves.toEqual({
      bulk: { maxOperations: 50 },
      canDelete: true,
      managers: true,
    });
    await expect(directory.capabilities()).resolves.toEqual({
      bulk: { maxOperations: 50 },
      canDelete: true,
      managers: true,
    });
    expect(requests).toEqual([{ method: 'GET', url: `${BASE}/ServiceProviderConfig` }]);
  });

  it.each([
    ['bulk unsupported', { bulk: { supported: false, maxOperations: 50 } }],
    ['no maxOperations', { bulk: { supported: true } }],
    ['maxOperations 0', { bulk: { supported: true, maxOperations: 0 } }],
    ['no bulk section', { patch: { supported: true } }],
  ])('offers no bulk with %s', async (_, body) => {
    const { directory } = directoryWith(() => ({ body }));
    await expect(directory.capabilities()).resolves.toEqual({ canDelete: true, managers: true });
  });
});

describe('ScimDirectory.write', () => {
  const create = (attributes: Record<string, string | null>): DirectoryWrite => ({
    kind: 'create',
    externalId: 'E9',
    attributes: { externalId: 'E9', ...attributes },
  });

  it('POSTs a new user with the enterprise schema when a department is mapped', async () => {
    const { directory, requests } = directoryWith(() => ({ status: 201, body: { id: 'new-9' } }));
    const id = await directory.write(
      create({
        userName: 'new@example.com',
        'name.givenName': 'New',
        'emails[type eq "work"].value': 'new@example.com',
        [`${ENTERPRISE}:department`]: 'Sales',
      }),
    );
    expect(id).toBe('new-9');
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE}/Users`,
        body: {
          schemas: [USER_SCHEMA, ENTERPRISE],
          externalId: 'E9',
          active: true,
          userName: 'new@example.com',
          name: { givenName: 'New' },
          emails: [{ type: 'work', value: 'new@example.com', primary: true }],
          [ENTERPRISE]: { department: 'Sales' },
        },
      },
    ]);
  });

  it('uses the core schema alone and the external ID as userName when no e-mail is mapped', async () => {
    const { directory, requests } = directoryWith(() => ({ status: 201, body: { id: 'new-9' } }));
    await directory.write(create({ title: 'Engineer' }));
    expect(requests[0]?.body).toEqual({
      schemas: [USER_SCHEMA],
      externalId: 'E9',
      active: true,
      title: 'Engineer',
      userName: 'E9',
    });
  });

  it('refuses a create answer without an id', async () => {
    const { directory } = directoryWith(() => ({ status: 201, body: {} }));
    const error = await directory.write(create({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toBe(
      `The SCIM platform at ${BASE} created a user but did not say its id`,
    );
  });

  it('PATCHes an update with the PatchOp schema and the changed paths only', async () => {
    const { directory, requests } = directoryWith(() => ({ status: 200, body: scimUser(5) }));
    const id = await directory.write({
      kind: 'update',
      externalId: 'E5',
      user: existing(),
      changes: [
        { attribute: 'title', field: 'jobTitle', from: null, to: 'Engineer' },
        {
          attribute: 'emails[type eq "work"].value',
          field: 'email',
          from: 'user5@example.com',
          to: 'new5@example.com',
        },
      ],
    });
    expect(id).toBe('id-5');
    expect(requests).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Users/id-5`,
        body: {
          schemas: [PATCH_SCHEMA],
          Operations: [
            { op: 'replace', path: 'title', value: 'Engineer' },
            {
              op: 'replace',
              path: 'emails',
              value: [{ type: 'work', value: 'new5@example.com', primary: true }],
            },
          ],
        },
      },
    ]);
  });

  it('PATCHes a reactivate with active=true, and encodes the id in the URL', async () => {
    const { directory, requests } = directoryWith(() => ({ status: 204 }));
    await directory.write({
      kind: 'reactivate',
      externalId: 'E5',
      user: { ...existing(), id: 'a/b c', active: false },
      changes: [],
    });
    expect(requests[0]?.url).toBe(`${BASE}/Users/a%2Fb%20c`);
    expect(requests[0]?.body).toEqual({
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
  });

  it('throws a RemoteError with the SCIM detail on a refused PATCH', async () => {
    const { directory } = directoryWith(() => ({
      status: 400,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: 'bad path' },
    }));
    const error = await directory
      .write({ kind: 'update', externalId: 'E5', user: existing(), changes: [] })
      .catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ status: 400, detail: 'bad path' }));
  });
});

describe('ScimDirectory.writeBulk', () => {
  const writes: DirectoryWrite[] = [
    {
      kind: 'create',
      externalId: 'E1',
      attributes: { externalId: 'E1', userName: 'one@example.com' },
    },
    {
      kind: 'update',
      externalId: 'E5',
      user: existing(),
      changes: [{ attribute: 'title', field: 'jobTitle', from: null, to: 'Lead' }],
    },
    {
      kind: 'create',
      externalId: 'E2',
      attributes: { externalId: 'E2', userName: 'two@example.com' },
    },
  ];

  it('sends one BulkRequest with a POST per create (with bulkId) and a PATCH per update', async () => {
    const { directory, requests } = directoryWith(() => ({ body: { Operations: [] } }));
    await directory.writeBulk(writes);
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE}/Bulk`,
        body: {
          schemas: [BULK_REQUEST],
          failOnErrors: 0,
          Operations: [
            {
              method: 'POST',
              bulkId: 'op0',
              path: '/Users',
              data: {
                schemas: [USER_SCHEMA],
                externalId: 'E1',
                active: true,
                userName: 'one@example.com',
              },
            },
            {
              method: 'PATCH',
              bulkId: 'op1',
              path: '/Users/id-5',
              data: {
                schemas: [PATCH_SCHEMA],
                Operations: [{ op: 'replace', path: 'title', value: 'Lead' }],
              },
            },
            {
              method: 'POST',
              bulkId: 'op2',
              path: '/Users',
              data: {
                schemas: [USER_SCHEMA],
                externalId: 'E2',
                active: true,
                userName: 'two@example.com',
              },
            },
          ],
        },
      },
    ]);
  });

  // Regression test, the bug it caught is fixed: src/targets/scim/scim-directory.ts line 108: writeBulk builds the PATCH path as
  // `/Users/${write.user.id}` without encodeURIComponent, which write() uses for the same
  // user: an id with "/" or a space addresses another resource in bulk. Fails on src as it is.
  it('encodes the user id in the path of a bulk PATCH, as a single PATCH does', async () => {
    const { directory, requests } = directoryWith(() => ({ body: { Operations: [] } }));
    await directory.writeBulk([
      { kind: 'reactivate', externalId: 'E5', user: { ...existing(), id: 'a/b c' }, changes: [] },
    ]);
    const body = requests[0]?.body as { Operations: Array<{ path: string }> };
    expect(body.Operations[0]?.path).toBe('/Users/a%2Fb%20c');
  });

  it('maps each result back to its write: bulkId to the created id, failures to RemoteErrors', async () => {
    const { directory } = directoryWith(() => ({
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
        // In another order than sent: results are found by bulkId and location.
        Operations: [
          {
            method: 'POST',
            bulkId: 'op2',
            status: '409',
            response: { scimType: 'uniqueness', detail: 'userName taken', status: '409' },
          },
          { method: 'PATCH', location: `${BASE}/Users/id-5`, status: '200' },
          { method: 'POST', bulkId: 'op0', location: `${BASE}/Users/new-1`, status: '201' },
        ],
      },
    }));
    const [created, updated, failed] = await directory.writeBulk(writes);
    expect(created).toEqual({ status: 'fulfilled', value: 'new-1' });
    expect(updated).toEqual({ status: 'fulfilled', value: 'id-5' });
    expect(failed?.status).toBe('rejected');
    const reason = (failed as PromiseRejectedResult).reason as RemoteError;
    expect(reason).toBeInstanceOf(RemoteError);
    expect(reason.message).toBe(
      `The SCIM platform at ${BASE} answered 409 for E2 in a bulk request`,
    );
    expect(reason.status).toBe(409);
    expect(reason.retryable).toBe(false);
    expect(reason.detail).toBe('userName taken');
  });

  it('calls a throttled operation retryable', async () => {
    const { directory } = directoryWith(() => ({
      body: {
        Operations: [
          { method: 'POST', bulkId: 'op0', status: '429', response: { detail: 'slow down' } },
        ],
      },
    }));
    const [result] = await directory.writeBulk(writes.slice(0, 1));
    const reason = (result as PromiseRejectedResult).reason as RemoteError;
    expect(reason.status).toBe(429);
    expect(reason.retryable).toBe(true);
  });

  it('rejects a write the response says nothing about, as retryable', async () => {
    const { directory } = directoryWith(() => ({ body: { Operations: [] } }));
    const [result] = await directory.writeBulk(writes.slice(0, 1));
    expect(result?.status).toBe('rejected');
    const reason = (result as PromiseRejectedResult).reason as RemoteError;
    expect(reason.message).toBe(
      `The SCIM platform at ${BASE} gave no result for E1 in a bulk request`,
    );
    expect(reason.retryable).toBe(true);
  });

  it('throws when the bulk request as a whole is refused', async () => {
    const { directory } = directoryWith(() => ({ status: 413, body: { detail: 'too large' } }));
    await expect(directory.writeBulk(writes)).rejects.toEqual(
      expect.objectContaining({ status: 413, detail: 'too large' }),
    );
  });
});
