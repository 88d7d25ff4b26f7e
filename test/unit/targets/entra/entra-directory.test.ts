import type { EmployeeRecord } from '../../../../src/record/fields';
import type { DirectoryUser, DirectoryWrite } from '../../../../src/targets/directory';
import {
  EntraDirectory,
  type EntraDirectoryOptions,
} from '../../../../src/targets/entra/entra-directory';
import { RemoteError } from '../../../../src/targets/remote-error';
import { NAME_TAKEN, StubGraph, type StubAnswer } from './stub-graph';

type Json = Record<string, unknown>;
const PASSWORD = 'Pa55word!Secret#Xy';
const ATTRIBUTES = [
  'givenName',
  'surname',
  'mail',
  'businessPhones',
  'department',
  'employeeHireDate',
  'onPremisesExtensionAttributes.extensionAttribute1',
];

function directory(graph: StubGraph, options: Partial<EntraDirectoryOptions> = {}): EntraDirectory {
  return new EntraDirectory(graph, {
    attributes: ATTRIBUTES,
    userPrincipalNameTemplate: '{firstName}.{lastName}@contoso.com',
    newPassword: () => PASSWORD,
    ...options,
  });
}

function record(
  externalId: string,
  firstName: string,
  lastName: string,
  extra: Partial<EmployeeRecord> = {},
): EmployeeRecord {
  return { externalId, firstName, lastName, custom: {}, ...extra };
}

function create(
  externalId: string,
  firstName: string,
  lastName: string,
  extra: Partial<EmployeeRecord> = {},
): DirectoryWrite {
  return {
    kind: 'create',
    externalId,
    attributes: { employeeId: externalId, givenName: firstName, surname: lastName },
    record: record(externalId, firstName, lastName, extra),
  };
}

const user = (id: string, externalId = 'E1'): DirectoryUser => ({
  id,
  externalId,
  active: true,
  attributes: {},
});

/** Answers a create 201 with an id from its sign-in name, anything else 204. */
function created(request: { method: string; path: string; body?: unknown }): StubAnswer {
  if (request.method === 'POST' && request.path === '/users') {
    return {
      status: 201,
      body: { id: `id-${(request.body as Json).userPrincipalName as string}` },
    };
  }
  return { status: 204 };
}

function everythingSaid(results: unknown): string {
  return JSON.stringify({ results, errors: inspectErrors(results) });
}

function inspectErrors(value: unknown): unknown {
  if (value instanceof Error) {
    return { message: value.message, detail: (value as RemoteError).detail, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map(inspectErrors);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, inspectErrors(item)]),
    );
  }
  return value;
}

describe('EntraDirectory reading', () => {
  const graphUsers = [
    {
      id: 'u1',
      employeeId: 'E1',
      mail: 'anna.smit@contoso.com',
      userPrincipalName: 'anna.smit@contoso.com',
      accountEnabled: true,
      givenName: 'Anna',
      surname: 'Smit',
      businessPhones: [],
      employeeHireDate: '2026-03-01T00:00:00Z',
      onPremisesExtensionAttributes: { extensionAttribute1: 'CC-1' },
      manager: { '@odata.type': '#microsoft.graph.user', id: 'u9' },
    },
    { id: 'u2', userPrincipalName: 'bob@contoso.com', mail: null, accountEnabled: false },
  ];

  it('selects exactly the mapped properties and the ones it needs, 999 a page', async () => {
    const graph = new StubGraph(undefined, [graphUsers]);
    await directory(graph).readUsers([]);
    expect(graph.pageQueries).toEqual([
      {
        path: '/users',
        query: {
          $select:
            'id,employeeId,mail,userPrincipalName,accountEnabled,givenName,surname,businessPhones,department,employeeHireDate,onPremisesExtensionAttributes',
          $top: 999,
        },
      },
    ]);
  });

  it('flattens each user and reads the manager when asked', async () => {
    const graph = new StubGraph(undefined, [graphUsers.slice(0, 1), graphUsers.slice(1)]);
    const users = await directory(graph, { readManagers: true }).readUsers([]);
    expect(graph.pageQueries[0]?.query?.$expand).toBe('manager($select=id)');
    expect(users).toEqual([
      {
        id: 'u1',
        externalId: 'E1',
        email: 'anna.smit@contoso.com',
        active: true,
        managerId: 'u9',
        attributes: {
          givenName: 'Anna',
          surname: 'Smit',
          mail: 'anna.smit@contoso.com',
          businessPhones: [],
          department: null,
          employeeHireDate: '2026-03-01',
          'onPremisesExtensionAttributes.extensionAttribute1': 'CC-1',
        },
      },
      expect.objectContaining({ id: 'u2', active: false, managerId: null }),
    ]);
    expect(users[1]).not.toHaveProperty('externalId');
    expect(users[1]).not.toHaveProperty('email');
  });

  it('says nothing of managers it did not read, and takes the e-mail from the chosen property', async () => {
    const graph = new StubGraph(undefined, [graphUsers]);
    const byUpn = await directory(graph, { matchFallback: 'userPrincipalName' }).readUsers([]);
    expect(byUpn[1]).toMatchObject({ email: 'bob@contoso.com' });
    expect(byUpn[0]).not.toHaveProperty('managerId');
    const none = await directory(graph, { matchFallback: 'none' }).readUsers([]);
    expect(none.some((found) => 'email' in found)).toBe(false);
  });

  it('finds a user by employeeId with an advanced query, quotes doubled', async () => {
    const graph = new StubGraph(undefined, [], () => ({
      value: [
        { id: 'near', employeeId: "o'brien-1 " },
        { id: 'u5', employeeId: "o'brien-1" },
      ],
    }));
    await expect(directory(graph).findUserIdByExternalId("o'brien-1")).resolves.toBe('u5');
    expect(graph.getJsonCalls[0]).toEqual({
      path: '/users',
      query: {
        $filter: "employeeId eq 'o''brien-1'",
        $count: 'true',
        $select: 'id,employeeId',
        $top: 10,
      },
      headers: { ConsistencyLevel: 'eventual' },
    });
  });

  it('describes itself without secrets and states its capabilities', async () => {
    const target = directory(new StubGraph());
    expect(target.label).toBe('Microsoft Entra ID at https://graph.example/v1.0');
    await expect(target.capabilities()).resolves.toEqual({
      bulk: { maxOperations: 20 },
      canDelete: true,
      managers: true,
      maxExternalIdLength: 16,
    });
  });
});

describe('EntraDirectory creating', () => {
  it('posts what Graph requires, the employeeId, the mapped values and a usage location', async () => {
    const graph = new StubGraph(created);
    const write: DirectoryWrite = {
      kind: 'create',
      externalId: 'E1',
      attributes: {
        employeeId: 'E1',
        givenName: 'Zoë',
        surname: 'Müller',
        businessPhones: '+49 30 1234',
        employeeHireDate: '2026-03-01',
        'onPremisesExtensionAttributes.extensionAttribute1': 'CC-1',
      },
      active: false,
      record: record('E1', 'Zoë', 'Müller', { country: 'de' }),
    };
    await expect(directory(graph).write(write)).resolves.toBe('id-zoe.muller@contoso.com');
    expect(graph.requests).toEqual([
      {
        method: 'POST',
        path: '/users',
        body: {
          accountEnabled: false,
          displayName: 'Zoë Müller',
          employeeId: 'E1',
          userPrincipalName: 'zoe.muller@contoso.com',
          mailNickname: 'zoe.muller',
          usageLocation: 'DE',
          givenName: 'Zoë',
          surname: 'Müller',
          businessPhones: ['+49 30 1234'],
          employeeHireDate: '2026-03-01T00:00:00Z',
          onPremisesExtensionAttributes: { extensionAttribute1: 'CC-1' },
          passwordProfile: { forceChangePasswordNextSignIn: true, password: PASSWORD },
        },
      },
    ]);
  });

  it('creates an active account unless it is a pre-hire, with a mapped usage location kept', async () => {
    const graph = new StubGraph(created);
    const target = directory(graph, { attributes: [...ATTRIBUTES, 'usageLocation'] });
    const write = create('E1', 'Anna', 'Smit', { country: 'NL' });
    if (write.kind === 'create') write.attributes.usageLocation = 'BE';
    await target.write(write);
    expect(graph.requests[0]?.body).toMatchObject({ accountEnabled: true, usageLocation: 'BE' });
  });

  it('refuses a record the template gives no name, naming the record and not the password', async () => {
    const graph = new StubGraph(created);
    const error = await directory(graph)
      .write(create('1042', '李', ''))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(/cannot create 1042: .*empty name before the @/);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(graph.requests).toEqual([]);
  });

  it('archives without a template, and refuses only a create', async () => {
    const graph = new StubGraph(created);
    const target = new EntraDirectory(graph, { attributes: [] });
    await expect(
      target.write({ kind: 'archive', externalId: 'E1', user: user('u1') }),
    ).resolves.toBe('u1');
    await expect(target.write(create('E2', 'Bo', 'Ek'))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('cannot create E2: no user principal name template is set'),
    });
    expect(graph.requests).toHaveLength(1);
  });

  it('gives the next number when the read found the name, and to a second employee of the same name', async () => {
    const graph = new StubGraph(created, [
      [{ id: 'u0', userPrincipalName: 'Anna.Smit@contoso.com' }],
    ]);
    const target = directory(graph);
    await target.readUsers([]);
    await target.write(create('E1', 'Anna', 'Smit'));
    await target.write(create('E2', 'Anna', 'Smit'));
    expect(graph.requests.map((request) => (request.body as Json).userPrincipalName)).toEqual([
      'anna.smit2@contoso.com',
      'anna.smit3@contoso.com',
    ]);
  });

  it('tries the next name when Graph says the name was taken meanwhile', async () => {
    const graph = new StubGraph((request) => {
      const upn = (request.body as Json | undefined)?.userPrincipalName;
      if (request.method === 'GET')
        return { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } };
      if (upn === 'anna.smit@contoso.com') return NAME_TAKEN;
      return created(request);
    });
    await expect(directory(graph).write(create('E1', 'Anna', 'Smit'))).resolves.toBe(
      'id-anna.smit2@contoso.com',
    );
    expect(graph.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /users',
      'GET /users/anna.smit%40contoso.com',
      'POST /users',
    ]);
  });

  it('takes a name held by this very employee as its own earlier try that landed', async () => {
    const graph = new StubGraph((request) => {
      if (request.method === 'GET')
        return { status: 200, body: { id: 'landed', employeeId: 'E1' } };
      return NAME_TAKEN;
    });
    await expect(directory(graph).write(create('E1', 'Anna', 'Smit'))).resolves.toBe('landed');
    expect(graph.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('gives up after the bounded number of taken names, without the password', async () => {
    const graph = new StubGraph((request) =>
      request.method === 'GET'
        ? { status: 200, body: { id: 'other', employeeId: 'E9' } }
        : NAME_TAKEN,
    );
    const error = await directory(graph, { maxNameConflicts: 3 })
      .write(create('E1', 'Anna', 'Smit'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toContain('every sign-in name tried for E1 exists already');
    expect(graph.requests.filter((request) => request.method === 'POST')).toHaveLength(4);
  });
});

describe('the first password never leaks', () => {
  /** Graph, or a proxy before it, echoing the body it got in its error. */
  const echo = (request: { body?: unknown }): StubAnswer => ({
    status: 400,
    body: {
      error: {
        code: 'Request_BadRequest',
        message: `Invalid value in ${JSON.stringify(request.body)}`,
      },
    },
  });

  it('is masked in the error of a single create', async () => {
    const error = await directory(new StubGraph(echo))
      .write(create('E1', 'Anna', 'Smit'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).detail).toContain('***');
    expect(everythingSaid(error)).not.toContain(PASSWORD);
  });

  it('is masked in bulk results, in a failed batch, and in a thrown network error', async () => {
    const bulk = await directory(new StubGraph(echo)).writeBulk([create('E1', 'Anna', 'Smit')]);
    expect(bulk[0]?.status).toBe('rejected');
    expect(everythingSaid(bulk)).not.toContain(PASSWORD);

    const failing = new StubGraph(created);
    failing.batchFailure = new RemoteError(`batch refused: ${PASSWORD}`, {
      status: 400,
      retryable: false,
      detail: PASSWORD,
    });
    const whole = await directory(failing).writeBulk([
      create('E1', 'Anna', 'Smit'),
      create('E2', 'Bo', 'Ek'),
    ]);
    expect(whole.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(everythingSaid(whole)).not.toContain(PASSWORD);

    const graph = new StubGraph();
    graph.request = () => Promise.reject(new Error(`socket hang up while sending ${PASSWORD}`));
    const thrown = await directory(graph)
      .write(create('E1', 'Anna', 'Smit'))
      .catch((caught: unknown) => caught);
    expect(everythingSaid(thrown)).not.toContain(PASSWORD);
  });

  it('is nowhere in what a successful create returns', async () => {
    const results = await directory(new StubGraph(created)).writeBulk([
      create('E1', 'Anna', 'Smit'),
      create('E2', 'Bo', 'Ek'),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'id-anna.smit@contoso.com' },
      { status: 'fulfilled', value: 'id-bo.ek@contoso.com' },
    ]);
  });

  it('is random and strong by default', async () => {
    const graph = new StubGraph(created);
    const target = new EntraDirectory(graph, {
      attributes: [],
      userPrincipalNameTemplate: '{externalId}@contoso.com',
    });
    await target.writeBulk([create('E1', 'A', 'B'), create('E2', 'A', 'B')]);
    const passwords = (graph.batches[0] ?? []).map(
      (request) => ((request.body as Json).passwordProfile as Json).password as string,
    );
    expect(passwords[0]).not.toBe(passwords[1]);
    for (const password of passwords)
      expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16,}$/);
  });
});

describe('EntraDirectory changing users', () => {
  it('PATCHes only the changes, and accountEnabled on a reactivate', async () => {
    const graph = new StubGraph();
    const target = directory(graph);
    await target.write({
      kind: 'update',
      externalId: 'E1',
      user: user('u1'),
      changes: [
        { attribute: 'department', field: 'department', from: 'Sales', to: 'Finance' },
        { attribute: 'businessPhones', field: 'businessPhone', from: [], to: '+31 20 1' },
      ],
    });
    await target.write({
      kind: 'reactivate',
      externalId: 'E1',
      user: user('u1'),
      changes: [
        { attribute: 'employeeHireDate', field: 'startDate', from: null, to: '2026-04-01' },
      ],
    });
    expect(graph.requests).toEqual([
      {
        method: 'PATCH',
        path: '/users/u1',
        body: { department: 'Finance', businessPhones: ['+31 20 1'] },
      },
      {
        method: 'PATCH',
        path: '/users/u1',
        body: { employeeHireDate: '2026-04-01T00:00:00Z', accountEnabled: true },
      },
    ]);
  });

  it('sets employeeId on an adoption by e-mail', async () => {
    const graph = new StubGraph();
    await directory(graph).write({
      kind: 'update',
      externalId: 'E7',
      user: { ...user('u7'), externalId: undefined },
      changes: [{ attribute: 'employeeId', field: 'externalId', from: null, to: 'E7' }],
    } as DirectoryWrite);
    expect(graph.requests[0]).toEqual({
      method: 'PATCH',
      path: '/users/u7',
      body: { employeeId: 'E7' },
    });
  });

  it('archives by disabling, deletes with a 404 as success', async () => {
    const graph = new StubGraph((request) =>
      request.method === 'DELETE' ? { status: 404 } : { status: 204 },
    );
    const target = directory(graph);
    await expect(
      target.write({ kind: 'archive', externalId: 'E1', user: user('u1') }),
    ).resolves.toBe('u1');
    await expect(
      target.write({ kind: 'delete', externalId: 'E1', user: user('u1') }),
    ).resolves.toBe('u1');
    expect(graph.requests).toEqual([
      { method: 'PATCH', path: '/users/u1', body: { accountEnabled: false } },
      { method: 'DELETE', path: '/users/u1' },
    ]);
  });

  it('links a manager by reference and unlinks one, a missing one being no error', async () => {
    const graph = new StubGraph((request) =>
      request.method === 'DELETE' ? { status: 404 } : { status: 204 },
    );
    const target = directory(graph);
    await target.write({ kind: 'manager', externalId: 'E1', user: user('u1'), managerId: 'u9' });
    await expect(
      target.write({ kind: 'manager', externalId: 'E1', user: user('u1'), managerId: null }),
    ).resolves.toBe('u1');
    expect(graph.requests).toEqual([
      {
        method: 'PUT',
        path: '/users/u1/manager/$ref',
        body: { '@odata.id': 'https://graph.example/v1.0/users/u9' },
      },
      { method: 'DELETE', path: '/users/u1/manager/$ref' },
    ]);
  });

  it('names the status and Graph words in a failed update', async () => {
    const graph = new StubGraph(() => ({
      status: 403,
      body: {
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      },
    }));
    const error = await directory(graph)
      .write({ kind: 'archive', externalId: 'E1', user: user('u1') })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 403,
      retryable: false,
      detail: 'Authorization_RequestDenied: Insufficient privileges to complete the operation.',
    });
    expect((error as Error).message).toContain('PATCH /users/u1 for E1 was answered 403');
  });
});

describe('EntraDirectory.writeBulk', () => {
  it('settles each inner answer on its own, a 429 retryable with its own Retry-After', async () => {
    const graph = new StubGraph((request) => {
      if (request.path === '/users/u2')
        return {
          status: 429,
          headers: { 'retry-after': '7' },
          body: { error: { code: 'TooManyRequests' } },
        };
      if (request.path === '/users/u3')
        return { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } };
      return created(request);
    });
    const results = await directory(graph).writeBulk([
      create('E1', 'Anna', 'Smit'),
      { kind: 'archive', externalId: 'E2', user: user('u2', 'E2') },
      { kind: 'delete', externalId: 'E3', user: user('u3', 'E3') },
      { kind: 'archive', externalId: 'E3', user: user('u3', 'E3') },
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'id-anna.smit@contoso.com' });
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: { status: 429, retryable: true, retryAfterMs: 7000 },
    });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'u3' });
    expect(results[3]).toMatchObject({
      status: 'rejected',
      reason: { status: 404, retryable: false },
    });
    expect(graph.batches[0]?.map(({ id, method, url }) => `${id} ${method} ${url}`)).toEqual([
      '1 POST /users',
      '2 PATCH /users/u2',
      '3 DELETE /users/u3',
      '4 PATCH /users/u3',
    ]);
    expect(graph.batches[0]?.[0]?.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(graph.batches[0]?.[2]).not.toHaveProperty('headers');
  });

  it('gives two same-named new employees in one batch two names, and resends a taken one in the same call', async () => {
    const graph = new StubGraph((request) => {
      const upn = (request.body as Json | undefined)?.userPrincipalName;
      if (request.method === 'GET') return { status: 404 };
      if (upn === 'anna.smit2@contoso.com') return NAME_TAKEN;
      return created(request);
    });
    const results = await directory(graph).writeBulk([
      create('E1', 'Anna', 'Smit'),
      create('E2', 'Anna', 'Smit'),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'id-anna.smit@contoso.com' },
      { status: 'fulfilled', value: 'id-anna.smit3@contoso.com' },
    ]);
    expect(
      graph.batches.map((batch) =>
        batch.map((request) => (request.body as Json).userPrincipalName),
      ),
    ).toEqual([['anna.smit@contoso.com', 'anna.smit2@contoso.com'], ['anna.smit3@contoso.com']]);
  });

  it('splits more than 20 writes into batches of 20', async () => {
    const graph = new StubGraph(created);
    const writes = Array.from({ length: 45 }, (_, index) =>
      create(`E${index}`, 'Person', `N${index}`),
    );
    const results = await directory(graph).writeBulk(writes);
    expect(graph.batches.map((batch) => batch.length)).toEqual([20, 20, 5]);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
  });

  it('fails a create with no possible name on its own, and throws a refused credential', async () => {
    const graph = new StubGraph(created);
    const results = await directory(graph).writeBulk([
      create('E1', '李', ''),
      create('E2', 'Bo', 'Ek'),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { retryable: false } });
    expect(results[1]).toMatchObject({ status: 'fulfilled' });

    graph.batchFailure = new RemoteError('refused', { status: 401, retryable: false });
    await expect(directory(graph).writeBulk([create('E3', 'Cy', 'Ek')])).rejects.toMatchObject({
      status: 401,
    });
  });
});
