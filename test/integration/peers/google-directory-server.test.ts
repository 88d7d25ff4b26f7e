import { startGooglePeer, type GooglePeer } from '../../peers/google';
import { DIRECTORY_SCOPE, call, reasonOf, tokenFor } from './google-peer-helpers';

const READ_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

/** Each behaviour follows the Directory API page named in test/peers/google/directory-server.ts. */
describe('fake Google Directory API', () => {
  let now = Date.now();
  let peer: GooglePeer;
  let token: string;
  const users = (query = '') => `${peer.rootUrl}admin/directory/v1/users${query}`;

  beforeAll(async () => {
    peer = await startGooglePeer({
      now: () => now,
      directory: { queriesPerMinute: 50, orgUnits: ['/Staff/Sales'] },
    });
    peer.addWorkspaceUser('admin@example.com');
    const account = peer.addServiceAccount([DIRECTORY_SCOPE, READ_SCOPE]);
    token = await tokenFor(peer, account, [DIRECTORY_SCOPE], 'admin@example.com');
  });
  beforeEach(() => {
    peer.directory.reset();
    now += 61_000;
  });
  afterAll(() => peer.close());

  it('users.list pages by pageToken with maxResults up to 500, and refuses more', async () => {
    peer.directory.seed(
      Array.from({ length: 7 }, (_, index) => ({ primaryEmail: `user${index}@example.com` })),
    );
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const { body, status } = await call(
        users(`?customer=my_customer&maxResults=3${pageToken ? `&pageToken=${pageToken}` : ''}`),
        token,
      );
      if (status !== 200) throw new Error(JSON.stringify(body));
      seen.push(
        ...((body.users ?? []) as Array<{ primaryEmail: string }>).map((user) => user.primaryEmail),
      );
      pageToken = String(body.nextPageToken ?? '');
      pages += 1;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => `user${index}@example.com`));
    expect((await call(users('?customer=my_customer&maxResults=501'), token)).status).toBe(400);
    expect((await call(users('?maxResults=10'), token)).status).toBe(400);
  });

  it('users.list query finds by externalId exactly and by a custom attribute, quotes and all', async () => {
    peer.directory.seed([
      { primaryEmail: 'a@example.com', externalIds: [{ type: 'organization', value: "E 1'x" }] },
      {
        primaryEmail: 'b@example.com',
        externalIds: [{ type: 'organization', value: 'E2' }],
        customSchemas: { HR: { id: 'H9' } },
      },
    ]);
    const byId = await call(
      users(`?customer=my_customer&query=${encodeURIComponent("externalId='E 1\\'x'")}`),
      token,
    );
    expect(
      (byId.body.users as Array<{ primaryEmail: string }>).map((user) => user.primaryEmail),
    ).toEqual(['a@example.com']);
    const byCustom = await call(
      users(
        `?customer=my_customer&projection=custom&customFieldMask=HR&query=${encodeURIComponent("HR.id='H9'")}`,
      ),
      token,
    );
    expect(byCustom.body.users).toEqual([
      expect.objectContaining({
        primaryEmail: 'b@example.com',
        customSchemas: { HR: { id: 'H9' } },
      }),
    ]);
    const basic = await call(users('?customer=my_customer'), token);
    expect((basic.body.users as Array<Record<string, unknown>>)[1]).not.toHaveProperty(
      'customSchemas',
    );
    expect(
      (await call(users(`?customer=my_customer&query=${encodeURIComponent('bogus~1')}`), token))
        .status,
    ).toBe(400);
  });

  it('users.insert creates, never returns the password, and answers 409 duplicate on a taken address', async () => {
    const body = {
      primaryEmail: 'jane.doe@example.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      password: 'S3cret-password!',
      changePasswordAtNextLogin: true,
      orgUnitPath: '/Staff/Sales',
    };
    const created = await call(users(), token, { method: 'POST', body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      primaryEmail: 'jane.doe@example.com',
      orgUnitPath: '/Staff/Sales',
    });
    expect(JSON.stringify(created.body)).not.toContain('S3cret');
    const again = await call(users(), token, {
      method: 'POST',
      body: { ...body, primaryEmail: 'JANE.DOE@example.com' },
    });
    expect(again.status).toBe(409);
    expect(reasonOf(again.body)).toBe('duplicate');
    const noPassword = await call(users(), token, {
      method: 'POST',
      body: { ...body, primaryEmail: 'x@example.com', password: 'short' },
    });
    expect(noPassword.status).toBe(400);
    const badOu = await call(users(), token, {
      method: 'POST',
      body: { ...body, primaryEmail: 'y@example.com', orgUnitPath: '/Nowhere' },
    });
    expect(badOu.status).toBe(400);
  });

  it('users.patch changes only what is sent; a list sent replaces the whole list', async () => {
    const [user] = peer.directory.seed([
      {
        primaryEmail: 'p@example.com',
        name: { givenName: 'P', familyName: 'Q' },
        phones: [
          { type: 'mobile', value: '+31 6 1' },
          { type: 'home', value: '+31 20 1' },
        ],
        orgUnitPath: '/',
      },
    ]);
    const patched = await call(users(`/${user!.id}`), token, {
      method: 'PATCH',
      body: { name: { givenName: 'Pia' }, phones: [{ type: 'mobile', value: '+31 6 2' }] },
    });
    expect(patched.status).toBe(200);
    expect(peer.directory.users()[0]).toMatchObject({
      name: { givenName: 'Pia', familyName: 'Q' },
      phones: [{ type: 'mobile', value: '+31 6 2' }],
      orgUnitPath: '/',
    });
  });

  it('users.delete answers 204, then 404 for the user gone; get and patch of an unknown user 404', async () => {
    const [user] = peer.directory.seed([{ primaryEmail: 'd@example.com' }]);
    expect((await call(users(`/${user!.id}`), token, { method: 'DELETE' })).status).toBe(204);
    const again = await call(users(`/${user!.id}`), token, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(reasonOf(again.body)).toBe('notFound');
    expect((await call(users('/nobody@example.com'), token)).status).toBe(404);
    expect(
      (await call(users('/123'), token, { method: 'PATCH', body: { suspended: true } })).status,
    ).toBe(404);
  });

  it('answers 403 userRateLimitExceeded past the queries per minute, and serves again a minute later', async () => {
    const url = users('?customer=my_customer&maxResults=1');
    for (let query = 0; query < 50; query += 1) expect((await call(url, token)).status).toBe(200);
    const refused = await call(url, token);
    expect(refused.status).toBe(403);
    expect(reasonOf(refused.body)).toBe('userRateLimitExceeded');
    expect(peer.directory.throttled()).toBe(1);
    now += 60_001;
    expect((await call(url, token)).status).toBe(200);
  });

  it('injects 403 quotaExceeded, 429 rateLimitExceeded and 403 forbidden on request', async () => {
    peer.directory.failNext({ status: 403, reason: 'quotaExceeded', times: 1 });
    peer.directory.failNext({ status: 429, times: 1 });
    peer.directory.failNext({ status: 403, reason: 'forbidden', times: 1 });
    const url = users('?customer=my_customer');
    expect(reasonOf((await call(url, token)).body)).toBe('quotaExceeded');
    expect(reasonOf((await call(url, token)).body)).toBe('rateLimitExceeded');
    const forbidden = await call(url, token);
    expect(forbidden.status).toBe(403);
    expect((forbidden.body.error as { message: string }).message).toBe(
      'Not Authorized to access this resource/api',
    );
  });

  it('answers 401 without a token and 403 insufficientPermissions for a read-only token writing', async () => {
    expect((await call(users('?customer=my_customer'), 'ya29.nothing')).status).toBe(401);
    const reader = peer.addServiceAccount([READ_SCOPE]);
    const readOnly = await tokenFor(peer, reader, [READ_SCOPE], 'admin@example.com');
    expect((await call(users('?customer=my_customer'), readOnly)).status).toBe(200);
    const write = await call(users(), readOnly, {
      method: 'POST',
      body: { primaryEmail: 'z@example.com' },
    });
    expect(write.status).toBe(403);
    expect(reasonOf(write.body)).toBe('insufficientPermissions');
  });
});
