import { version as expressVersion } from 'express/package.json';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../../peers/scim-server';
import { BULK_REQUEST, PATCH_OP, filterPath, newUser, scim } from './scim-client';

describe('SCIM peer (scimmy + scimmy-routers on express 4)', () => {
  let peer: ScimPeer;

  beforeAll(async () => {
    peer = await startScimServer({ bulkMaxOperations: 3, pageSizeMax: 5 });
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('describes itself: patch, filter with maxResults, bulk with maxOperations, enterprise extension', async () => {
    const config = await scim(peer, 'GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.body.patch).toEqual({ supported: true });
    expect(config.body.filter).toEqual({ supported: true, maxResults: 5 });
    expect(config.body.bulk).toMatchObject({ supported: true, maxOperations: 3 });
    expect(config.body.authenticationSchemes).toHaveLength(1);

    const types = await scim(peer, 'GET', '/ResourceTypes');
    const user = types.body.Resources.find((type: { id: string }) => type.id === 'User');
    expect(user).toMatchObject({
      endpoint: '/Users',
      schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
    });
    const schemas = await scim(peer, 'GET', '/Schemas');
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toContain(
      ENTERPRISE_USER,
    );
  });

  it('answers 401 without the bearer token or with another one', async () => {
    expect((await scim(peer, 'GET', '/Users', undefined, null)).status).toBe(401);
    const wrong = await scim(peer, 'POST', '/Users', newUser('E1'), 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(peer.users()).toEqual([]);
  });

  it('creates, reads, replaces and deletes a user with the enterprise extension', async () => {
    const created = await scim(
      peer,
      'POST',
      '/Users',
      newUser('E1', {
        title: 'Engineer',
        [ENTERPRISE_USER]: { employeeNumber: 'E1', department: 'R&D', manager: { value: 'm-1' } },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.meta.location).toBe(`${peer.url}/Users/${created.body.id}`);
    expect(created.body[ENTERPRISE_USER]).toEqual({
      employeeNumber: 'E1',
      department: 'R&D',
      manager: { value: 'm-1' },
    });
    const id: string = created.body.id;

    const read = await scim(peer, 'GET', `/Users/${id}`);
    expect(read.body).toMatchObject({ id, userName: 'e1@example.com', externalId: 'E1' });

    const replaced = await scim(peer, 'PUT', `/Users/${id}`, newUser('E1', { active: false }));
    expect(replaced.status).toBe(200);
    const [stored] = peer.users();
    expect(stored).toMatchObject({ id, active: false });
    // PUT replaces: what the body leaves out is gone.
    expect(stored?.title).toBeUndefined();
    expect(stored?.[ENTERPRISE_USER]).toBeUndefined();
    expect(stored?.meta.created).toBe(created.body.meta.created);

    expect((await scim(peer, 'DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim(peer, 'GET', `/Users/${id}`)).status).toBe(404);
    expect(peer.users()).toEqual([]);
  });

  it('answers 409 uniqueness on a duplicate userName, whatever its case', async () => {
    expect((await scim(peer, 'POST', '/Users', newUser('E1'))).status).toBe(201);
    const duplicate = await scim(peer, 'POST', '/Users', {
      ...newUser('E2'),
      userName: 'E1@Example.com',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(peer.users()).toHaveLength(1);
  });

  it('filters on externalId and on userName (case-insensitively) and rejects a valueless filter', async () => {
    peer.seed([
      { userName: 'ada@example.com', externalId: 'E1' },
      { userName: 'bob@example.com', externalId: 'E2' },
      { userName: 'handmade@example.com' },
    ]);
    const byExternalId = await scim(peer, 'GET', filterPath('externalId eq "E2"'));
    expect(byExternalId.body.totalResults).toBe(1);
    expect(byExternalId.body.Resources[0].userName).toBe('bob@example.com');

    const byUserName = await scim(peer, 'GET', filterPath('userName eq "ADA@example.com"'));
    expect(
      byUserName.body.Resources.map((user: { externalId: string }) => user.externalId),
    ).toEqual(['E1']);
    const none = await scim(peer, 'GET', filterPath('externalId eq "nobody"'));
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    expect((await scim(peer, 'GET', filterPath('userName eq'))).status).toBe(400);
    expect((await scim(peer, 'GET', filterPath('not a filter'))).status).toBe(400);
  });

  it('pages with startIndex and count, capped at pageSizeMax, and ends with an empty page', async () => {
    // Under express 5 scimmy-routers silently ignores startIndex and count (always the first
    // 20): its cast of the query strings to numbers is lost on express 5's re-parsed req.query.
    expect(expressVersion).toMatch(/^4\./);
    peer.seed(
      Array.from({ length: 12 }, (_, index) => ({
        userName: `u${index + 1}@example.com`,
        externalId: `E${index + 1}`,
      })),
    );
    const externalIds = (body: { Resources: Array<{ externalId: string }> }): string[] =>
      body.Resources.map((user) => user.externalId);

    const second = await scim(peer, 'GET', '/Users?startIndex=4&count=3');
    expect(second.body).toMatchObject({ totalResults: 12, startIndex: 4, itemsPerPage: 3 });
    expect(externalIds(second.body)).toEqual(['E4', 'E5', 'E6']);

    const capped = await scim(peer, 'GET', '/Users?count=50');
    expect(externalIds(capped.body)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    const defaulted = await scim(peer, 'GET', '/Users');
    expect(externalIds(defaulted.body)).toHaveLength(5);

    const last = await scim(peer, 'GET', '/Users?startIndex=11&count=5');
    expect(externalIds(last.body)).toEqual(['E11', 'E12']);
    const past = await scim(peer, 'GET', '/Users?startIndex=13&count=5');
    expect(past.body).toMatchObject({ totalResults: 12, Resources: [] });

    const filtered = await scim(
      peer,
      'GET',
      filterPath('externalId sw "E1"', '&startIndex=2&count=2'),
    );
    expect(filtered.body.totalResults).toBe(4);
    expect(externalIds(filtered.body)).toEqual(['E10', 'E11']);
  });

  it('applies PATCH add/replace/remove on active, sub-attributes, filtered multi-values and the extension', async () => {
    const created = await scim(
      peer,
      'POST',
      '/Users',
      newUser('E1', { [ENTERPRISE_USER]: { department: 'R&D', manager: { value: 'm-1' } } }),
    );
    const id: string = created.body.id;
    const patched = await scim(peer, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', path: 'name.givenName', value: 'Adeline' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'adeline@example.com' },
        { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '+31612345678' }] },
        { op: 'add', path: 'title', value: 'Lead' },
        { op: 'replace', path: `${ENTERPRISE_USER}:department`, value: 'Supply Chain' },
        { op: 'remove', path: `${ENTERPRISE_USER}:manager` },
      ],
    });
    expect(patched.status).toBe(200);
    const [stored] = peer.users();
    expect(stored).toMatchObject({
      active: false,
      title: 'Lead',
      name: { givenName: 'Adeline', familyName: 'E1' },
      emails: [{ type: 'work', value: 'adeline@example.com', primary: true }],
      phoneNumbers: [{ type: 'mobile', value: '+31612345678' }],
      [ENTERPRISE_USER]: { department: 'Supply Chain' },
    });
    expect(stored?.[ENTERPRISE_USER]?.manager).toBeUndefined();

    const removed = await scim(peer, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
        { op: 'replace', value: { active: true, title: 'Head' } },
      ],
    });
    expect(removed.status).toBe(200);
    expect(peer.users()[0]).toMatchObject({ active: true, title: 'Head' });
    expect(peer.users()[0]?.phoneNumbers ?? []).toEqual([]);
  });

  it('runs Bulk with bulkId references, per-operation status and failOnErrors', async () => {
    peer.seed([{ id: 'existing', userName: 'taken@example.com', externalId: 'E0' }]);
    const bulk = await scim(peer, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'b1', data: newUser('E1') },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'b2',
          data: { ...newUser('E2'), userName: 'taken@example.com' },
        },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'b3',
          // RFC 7644 §3.7.2: a bulkId reference in data resolves to the new resource's id.
          data: newUser('E3', { [ENTERPRISE_USER]: { manager: { value: 'bulkId:b1' } } }),
        },
      ],
    });
    expect(bulk.status).toBe(200);
    const statuses = bulk.body.Operations.map((operation: { status: string }) => operation.status);
    expect(statuses).toEqual(['201', '409', '201']);
    expect(bulk.body.Operations[1].response).toMatchObject({ scimType: 'uniqueness' });
    expect(bulk.body.Operations[0]).toMatchObject({ method: 'POST', bulkId: 'b1' });
    const e1 = peer.users().find((user) => user.externalId === 'E1');
    const e3 = peer.users().find((user) => user.externalId === 'E3');
    expect(bulk.body.Operations[0].location).toBe(`${peer.url}/Users/${e1?.id}`);
    expect(e3?.[ENTERPRISE_USER]?.manager?.value).toBe(e1?.id);

    // failOnErrors: 1 stops after the first failure; what follows is not run and not reported.
    const stopped = await scim(peer, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      failOnErrors: 1,
      Operations: [
        { method: 'DELETE', path: '/Users/nobody' },
        { method: 'DELETE', path: '/Users/existing' },
      ],
    });
    expect(
      stopped.body.Operations.map((operation: { status: string }) => operation.status),
    ).toEqual(['404']);
    expect(peer.users().some((user) => user.id === 'existing')).toBe(true);

    const tooMany = await scim(peer, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: 4 }, (_, index) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `x${index}`,
        data: newUser(`X${index}`),
      })),
    });
    expect(tooMany.status).toBe(413);
    expect(peer.writeCalls().map((call) => call.path)).toEqual(['/Bulk', '/Bulk', '/Bulk']);
  });

  it('injects faults with Retry-After for the writes that concern a user, then lets them through', async () => {
    peer.seed([{ id: 'u-1', userName: 'ada@example.com', externalId: 'E1' }]);
    peer.failNext({ externalId: 'E1', status: 429, times: 2, retryAfterSeconds: 3 });
    const patch = {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'title', value: 'X' }],
    };

    // Another user's write is not affected by the rule.
    expect((await scim(peer, 'POST', '/Users', newUser('E2'))).status).toBe(201);
    const first = await scim(peer, 'PATCH', '/Users/u-1', patch);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(first.body).toMatchObject({ status: '429' });
    // Reads are never failed.
    expect((await scim(peer, 'GET', '/Users/u-1')).status).toBe(200);
    expect((await scim(peer, 'PATCH', '/Users/u-1', patch)).status).toBe(429);
    expect((await scim(peer, 'PATCH', '/Users/u-1', patch)).status).toBe(200);
    expect(peer.users().find((user) => user.id === 'u-1')?.title).toBe('X');

    peer.failNext({ userName: 'new@example.com', method: 'POST', status: 503, times: 1 });
    const bulk = await scim(peer, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'n',
          data: { ...newUser('E3'), userName: 'new@example.com' },
        },
      ],
    });
    expect(bulk.status).toBe(503);
    expect(bulk.headers.get('retry-after')).toBeNull();
    expect(peer.users().some((user) => user.externalId === 'E3')).toBe(false);

    expect(peer.writeCalls().map((call) => [call.method, call.path, call.status])).toEqual([
      ['POST', '/Users', 201],
      ['PATCH', '/Users/u-1', 429],
      ['PATCH', '/Users/u-1', 429],
      ['PATCH', '/Users/u-1', 200],
      ['POST', '/Bulk', 503],
    ]);
    expect(peer.calls[2]).toMatchObject({ method: 'GET', path: '/Users/u-1', status: 200 });
  });

  it('answers 501 on /Bulk when started without Bulk support', async () => {
    const plain = await startScimServer({ bulkMaxOperations: 0 });
    try {
      const config = await scim(plain, 'GET', '/ServiceProviderConfig');
      expect(config.body.bulk.supported).toBe(false);
      const bulk = await scim(plain, 'POST', '/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: [{ method: 'POST', path: '/Users', bulkId: 'a', data: newUser('E1') }],
      });
      expect(bulk.status).toBe(501);
      // SCIMMY's config is process-wide; each server still answers with its own limits.
      const first = await scim(peer, 'GET', '/ServiceProviderConfig');
      expect(first.body.bulk).toMatchObject({ supported: true, maxOperations: 3 });
    } finally {
      await plain.close();
    }
  });
});
