import { createSign, randomUUID } from 'node:crypto';
import {
  generateTestCertificate,
  startGraphServer,
  type GraphPeer,
} from '../../peers/graph/graph-server';

interface Answer {
  status: number;
  headers: Headers;
  // Tests read whatever Graph sent; each assertion names the fields it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function token(peer: GraphPeer, form: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(peer.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: peer.clientId,
      client_secret: peer.clientSecret,
      scope: `${peer.url}/.default`,
      ...form,
    }).toString(),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function bearer(peer: GraphPeer): Promise<string> {
  return ((await token(peer)).body as { access_token: string }).access_token;
}

/** A plain request below /v1.0, as any Graph client sends it. */
async function graph(
  peer: GraphPeer,
  accessToken: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = path.startsWith('http') ? path : `${peer.graphBaseUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

function newUser(nickname: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: nickname,
    mailNickname: nickname,
    userPrincipalName: `${nickname}@contoso.com`,
    passwordProfile: { password: `Pw-${randomUUID()}`, forceChangePasswordNextSignIn: true },
    ...extra,
  };
}

function assertionFor(
  peer: GraphPeer,
  privateKey: string,
  x5t: string,
  claims: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5t })).toString(
    'base64url',
  );
  const payload = Buffer.from(
    JSON.stringify({
      aud: peer.tokenUrl,
      iss: peer.clientId,
      sub: peer.clientId,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
      ...claims,
    }),
  ).toString('base64url');
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${payload}`)
    .sign(privateKey)
    .toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('fake Microsoft Graph: client credentials token endpoint', () => {
  const certificate = generateTestCertificate();
  const x5t = Buffer.from(certificate.thumbprint, 'hex').toString('base64url');
  let peer: GraphPeer;

  beforeAll(async () => {
    peer = await startGraphServer({
      certificate: { publicKey: certificate.publicKey, thumbprint: certificate.thumbprint },
    });
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('issues a bearer token with expires_in for the right secret', async () => {
    const answer = await token(peer);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
    });
    expect(peer.tokenCalls).toEqual([{ grant: 'client_secret', status: 200 }]);
  });

  it('refuses a wrong secret with 401 invalid_client AADSTS7000215', async () => {
    const answer = await token(peer, { client_secret: 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(answer.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided/);
  });

  it('refuses an unknown tenant (90002), an unknown app (700016) and a wrong scope (70011)', async () => {
    const tenant = await fetch(peer.tokenUrl.replace(peer.tenantId, 'other-tenant'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(tenant.status).toBe(400);
    expect(await tenant.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    const app = await token(peer, { client_id: randomUUID() });
    expect(app.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const scope = await token(peer, { scope: 'https://graph.microsoft.com/.default' });
    expect(scope.body).toMatchObject({ error: 'invalid_scope', error_codes: [70011] });
  });

  it('accepts a certificate assertion signed with the registered key, and never records it', async () => {
    const assertion = assertionFor(peer, certificate.privateKey, x5t);
    const form = {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    };
    const response = await fetch(peer.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: peer.clientId,
        scope: `${peer.url}/.default`,
        ...form,
      }).toString(),
    });
    expect(response.status).toBe(200);
    expect(peer.tokenCalls).toEqual([{ grant: 'client_assertion', status: 200 }]);
    expect(JSON.stringify(peer.calls)).not.toContain(assertion.slice(-20));
  });

  it('refuses assertions signed by another key, for another audience, or expired', async () => {
    const other = generateTestCertificate();
    const send = async (assertion: string) => {
      const response = await fetch(peer.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: peer.clientId,
          scope: `${peer.url}/.default`,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }).toString(),
      });
      return {
        status: response.status,
        body: (await response.json()) as { error_codes: number[] },
      };
    };
    const wrongKey = await send(assertionFor(peer, other.privateKey, x5t));
    expect(wrongKey).toMatchObject({ status: 401, body: { error_codes: [700027] } });
    const wrongThumbprint = await send(
      assertionFor(
        peer,
        certificate.privateKey,
        Buffer.from(other.thumbprint, 'hex').toString('base64url'),
      ),
    );
    expect(wrongThumbprint.body.error_codes).toEqual([700027]);
    const wrongAudience = await send(
      assertionFor(peer, certificate.privateKey, x5t, { aud: 'https://login.example/token' }),
    );
    expect(wrongAudience.status).toBe(401);
    const expired = await send(
      assertionFor(peer, certificate.privateKey, x5t, {
        exp: Math.floor(Date.now() / 1000) - 3600,
      }),
    );
    expect(expired.body.error_codes).toEqual([700024]);
  });
});

describe('fake Microsoft Graph: users', () => {
  let peer: GraphPeer;
  let accessToken: string;

  beforeAll(async () => {
    peer = await startGraphServer();
  });
  beforeEach(async () => {
    accessToken = await bearer(peer);
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('answers 401 InvalidAuthenticationToken without a token, and for an expired one', async () => {
    const none = await graph(peer, '', 'GET', '/users');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('InvalidAuthenticationToken');
    peer.expireTokens();
    const expired = await graph(peer, accessToken, 'GET', '/users');
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: expect.stringMatching(/expired/),
    });
  });

  it('creates a user (201), keeps the password but never returns passwordProfile', async () => {
    const body = newUser('ada', { employeeId: 'E1', givenName: 'Ada' });
    const created = await graph(peer, accessToken, 'POST', '/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      userPrincipalName: 'ada@contoso.com',
      givenName: 'Ada',
    });
    expect(created.body).not.toHaveProperty('passwordProfile');
    const stored = peer.users()[0];
    expect(stored?.passwordProfile?.password).toBe(
      (body.passwordProfile as { password: string }).password,
    );
    const read = await graph(
      peer,
      accessToken,
      'GET',
      `/users/${created.body.id}?$select=id,employeeId,passwordProfile`,
    );
    expect(read.status).toBe(400);
    const all = await graph(
      peer,
      accessToken,
      'GET',
      '/users?$select=id,employeeId,accountEnabled',
    );
    expect(all.body.value).toEqual([
      { id: created.body.id, employeeId: 'E1', accountEnabled: true },
    ]);
    expect(JSON.stringify(all.body)).not.toContain('Pw-');
  });

  it('requires the create properties, a verified domain, a unique UPN and a short employeeId', async () => {
    const missing = await graph(peer, accessToken, 'POST', '/users', {
      ...newUser('bob'),
      passwordProfile: undefined,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      "A value is required for property 'passwordProfile' of resource 'User'.",
    );
    const domain = await graph(
      peer,
      accessToken,
      'POST',
      '/users',
      newUser('bob', { userPrincipalName: 'bob@elsewhere.com' }),
    );
    expect(domain.status).toBe(400);
    expect(domain.body.error.message).toMatch(/verified domain names/);
    expect((await graph(peer, accessToken, 'POST', '/users', newUser('bob'))).status).toBe(201);
    const duplicate = await graph(peer, accessToken, 'POST', '/users', newUser('BOB'));
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
    });
    const longId = await graph(
      peer,
      accessToken,
      'POST',
      '/users',
      newUser('carol', { employeeId: '12345678901234567' }),
    );
    expect(longId.status).toBe(400);
    expect(longId.body.error.message).toMatch(/employeeId/);
    const unknown = await graph(
      peer,
      accessToken,
      'POST',
      '/users',
      newUser('dave', { shoeSize: 44 }),
    );
    expect(unknown.status).toBe(400);
  });

  it('lists every write, concurrent ones too, with its answer', async () => {
    const nicknames = Array.from({ length: 10 }, (_, i) => `w${i}`);
    await Promise.all(
      nicknames.map((name) => graph(peer, accessToken, 'POST', '/users', newUser(name))),
    );
    const writes = peer.writeCalls();
    expect(
      writes.map((call) => (call.body as { mailNickname: string }).mailNickname).sort(),
    ).toEqual(nicknames);
    expect(
      writes.every(
        (call) => call.method === 'POST' && call.path === '/users' && call.status === 201,
      ),
    ).toBe(true);
  });

  it('reads by id or UPN, updates (204), deletes (204, then 404 Request_ResourceNotFound)', async () => {
    const [ada] = peer.seed([{ mailNickname: 'ada', employeeId: 'E1' }]);
    const byUpn = await graph(
      peer,
      accessToken,
      'GET',
      '/users/ada@contoso.com?$select=id,employeeId',
    );
    expect(byUpn.body).toMatchObject({ id: ada?.id, employeeId: 'E1' });
    const patched = await graph(peer, accessToken, 'PATCH', `/users/${ada?.id}`, {
      jobTitle: 'Engineer',
      accountEnabled: false,
    });
    expect(patched.status).toBe(204);
    expect(peer.users()[0]).toMatchObject({ jobTitle: 'Engineer', accountEnabled: false });
    expect((await graph(peer, accessToken, 'DELETE', `/users/${ada?.id}`)).status).toBe(204);
    const gone = await graph(peer, accessToken, 'GET', `/users/${ada?.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('sets and removes a manager by $ref, and expands it', async () => {
    const [boss, ada] = peer.seed([
      { mailNickname: 'boss', employeeId: 'B1' },
      { mailNickname: 'ada', employeeId: 'E1' },
    ]);
    const set = await graph(peer, accessToken, 'PUT', `/users/${ada?.id}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${boss?.id}`,
    });
    expect(set.status).toBe(204);
    const listed = await graph(
      peer,
      accessToken,
      'GET',
      `/users?$select=id,employeeId&$expand=manager($select=id,employeeId)`,
    );
    expect(listed.body.value).toEqual([
      { id: boss?.id, employeeId: 'B1' },
      {
        id: ada?.id,
        employeeId: 'E1',
        manager: { '@odata.type': '#microsoft.graph.user', id: boss?.id, employeeId: 'B1' },
      },
    ]);
    const manager = await graph(peer, accessToken, 'GET', `/users/${ada?.id}/manager?$select=id`);
    expect(manager.body).toMatchObject({ id: boss?.id });
    expect(
      (await graph(peer, accessToken, 'DELETE', `/users/${ada?.id}/manager/$ref`)).status,
    ).toBe(204);
    expect((await graph(peer, accessToken, 'GET', `/users/${ada?.id}/manager`)).status).toBe(404);
    const unknown = await graph(peer, accessToken, 'PUT', `/users/${ada?.id}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${randomUUID()}`,
    });
    expect(unknown.status).toBe(404);
  });

  it('filters on eq, startswith and booleans; ne null needs ConsistencyLevel eventual and $count', async () => {
    peer.seed([
      { mailNickname: 'ada', employeeId: 'E1', mail: 'Ada@Contoso.com' },
      { mailNickname: 'bob', employeeId: 'E2', accountEnabled: false },
      { mailNickname: 'admin', employeeId: null },
    ]);
    const nicknames = (answer: Answer) =>
      (answer.body.value as Array<{ mailNickname: string }>).map((user) => user.mailNickname);
    const q = (filter: string) =>
      `/users?$select=id,mailNickname&$filter=${encodeURIComponent(filter)}`;
    expect(nicknames(await graph(peer, accessToken, 'GET', q("employeeId eq 'E2'")))).toEqual([
      'bob',
    ]);
    expect(
      nicknames(await graph(peer, accessToken, 'GET', q("mail eq 'ada@contoso.com'"))),
    ).toEqual(['ada']);
    expect(
      nicknames(await graph(peer, accessToken, 'GET', q("userPrincipalName eq 'BOB@contoso.com'"))),
    ).toEqual(['bob']);
    expect(
      nicknames(await graph(peer, accessToken, 'GET', q("startswith(mailNickname,'ad')"))),
    ).toEqual(['ada', 'admin']);
    expect(nicknames(await graph(peer, accessToken, 'GET', q('accountEnabled eq true')))).toEqual([
      'ada',
      'admin',
    ]);
    expect(
      nicknames(
        await graph(
          peer,
          accessToken,
          'GET',
          q("employeeId in ('E1','E2') and accountEnabled eq false"),
        ),
      ),
    ).toEqual(['bob']);
    const plain = await graph(peer, accessToken, 'GET', q('employeeId ne null'));
    expect(plain.status).toBe(400);
    expect(plain.body.error).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: expect.stringMatching(
        /^Operator 'ne' is not supported because the required parameters might be missing/,
      ),
    });
    const advanced = await graph(
      peer,
      accessToken,
      'GET',
      `${q('employeeId ne null')}&$count=true`,
      undefined,
      { ConsistencyLevel: 'eventual' },
    );
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(2);
    expect(nicknames(advanced)).toEqual(['ada', 'bob']);
    const unknown = await graph(peer, accessToken, 'GET', q("shoeSize eq '44'"));
    expect(unknown.status).toBe(400);
  });

  it('pages by an opaque $skiptoken in an absolute @odata.nextLink; $top defaults to 100 and stops at 999', async () => {
    peer.seed(Array.from({ length: 250 }, (_, i) => ({ mailNickname: `u${i}` })));
    const first = await graph(peer, accessToken, 'GET', '/users?$select=id');
    expect(first.body.value).toHaveLength(100);
    const seen = [...first.body.value];
    let next: string | undefined = first.body['@odata.nextLink'];
    expect(next).toMatch(new RegExp(`^${peer.graphBaseUrl}/users\\?.*\\$skiptoken=`));
    while (next) {
      const page = await graph(peer, accessToken, 'GET', next);
      seen.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    expect(new Set(seen.map((user: { id: string }) => user.id)).size).toBe(250);
    expect((await graph(peer, accessToken, 'GET', '/users?$top=999')).status).toBe(200);
    const tooBig = await graph(peer, accessToken, 'GET', '/users?$top=1000');
    expect(tooBig.status).toBe(400);
    const forged = await graph(peer, accessToken, 'GET', '/users?$skiptoken=made-up');
    expect(forged.status).toBe(400);
  });

  // https://learn.microsoft.com/graph/known-issues: with $expand a page holds at most 100.
  it('gives at most 100 users a page with $expand=manager, whatever $top asks', async () => {
    peer.seed(Array.from({ length: 250 }, (_, i) => ({ mailNickname: `u${i}` })));
    const plain = await graph(peer, accessToken, 'GET', '/users?$select=id&$top=999');
    expect(plain.body.value).toHaveLength(250);
    const expanded = await graph(
      peer,
      accessToken,
      'GET',
      '/users?$select=id&$top=999&$expand=manager($select=id)',
    );
    expect(expanded.body.value).toHaveLength(100);
    expect(expanded.body['@odata.nextLink']).toBeDefined();
  });

  it('answers 403 Authorization_RequestDenied without the permission', async () => {
    peer.setPermissions(['User.Read.All']);
    try {
      expect((await graph(peer, accessToken, 'GET', '/users')).status).toBe(200);
      const write = await graph(peer, accessToken, 'POST', '/users', newUser('ada'));
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('Authorization_RequestDenied');
    } finally {
      peer.setPermissions(['User.ReadWrite.All']);
    }
  });

  it('answers injected 503 and 429 faults with Retry-After', async () => {
    peer.failNext({ status: 503, times: 1, method: 'GET', path: '/users', retryAfterSeconds: 2 });
    const failed = await graph(peer, accessToken, 'GET', '/users');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await graph(peer, accessToken, 'GET', '/users')).status).toBe(200);
  });
});

describe('fake Microsoft Graph: $batch and the write limit', () => {
  let clock = 1_000_000;
  let peer: GraphPeer;
  let accessToken: string;

  beforeAll(async () => {
    peer = await startGraphServer({ writeLimit: { writes: 5, perMs: 10_000 }, now: () => clock });
  });
  beforeEach(async () => {
    accessToken = await bearer(peer);
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  const batch = (requests: unknown[]) => graph(peer, accessToken, 'POST', '/$batch', { requests });
  const create = (id: string, nickname: string) => ({
    id,
    method: 'POST',
    url: '/users',
    headers: { 'Content-Type': 'application/json' },
    body: newUser(nickname),
  });

  it('answers each request on its own inside a 200, matched by id, not in request order', async () => {
    const [ada] = peer.seed([{ mailNickname: 'ada' }]);
    const answer = await batch([
      create('1', 'bob'),
      { id: '2', method: 'GET', url: `users/${ada?.id}?$select=id,mailNickname` },
      { id: '3', method: 'GET', url: `/users/${randomUUID()}` },
      create('4', 'ada'),
    ]);
    expect(answer.status).toBe(200);
    const byId = Object.fromEntries(
      (answer.body.responses as Array<{ id: string }>).map((r) => [r.id, r]),
    );
    expect(answer.body.responses.map((r: { id: string }) => r.id)).not.toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(byId['1']).toMatchObject({
      status: 201,
      body: { userPrincipalName: 'bob@contoso.com' },
    });
    expect(byId['2']).toMatchObject({ status: 200, body: { id: ada?.id, mailNickname: 'ada' } });
    expect(byId['3']).toMatchObject({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
    expect(byId['4']).toMatchObject({ status: 400 });
    expect(peer.writeCalls().map((call) => call.path)).toEqual(['/users', '/users']);
  });

  it('refuses an inner request with a body but no Content-Type, on its own', async () => {
    const bare: Record<string, unknown> = create('1', 'ann');
    delete bare.headers;
    const answer = await batch([bare, create('2', 'ben')]);
    const byId = Object.fromEntries(
      (answer.body.responses as Array<{ id: string; status: number }>).map((r) => [r.id, r.status]),
    );
    expect(byId).toEqual({ 1: 400, 2: 201 });
  });

  it('refuses more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users',
    }));
    const answer = await batch(requests);
    expect(answer.status).toBe(400);
    expect((await batch(requests.slice(0, 20))).status).toBe(200);
  });

  it('throttles writes over the limit with 429 Retry-After inside the batch, counted one by one', async () => {
    const answer = await batch(Array.from({ length: 7 }, (_, i) => create(String(i), `user${i}`)));
    const statuses = Object.fromEntries(
      (answer.body.responses as Array<{ id: string; status: number }>).map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ 0: 201, 1: 201, 2: 201, 3: 201, 4: 201, 5: 429, 6: 429 });
    const throttled = (
      answer.body.responses as Array<{ id: string; headers: Record<string, string> }>
    ).find((r) => r.id === '5');
    expect(throttled?.headers['Retry-After']).toBe('10');
    const single = await graph(peer, accessToken, 'POST', '/users', newUser('single'));
    expect(single.status).toBe(429);
    expect(single.headers.get('retry-after')).toBe('10');
    clock += 10_000;
    expect((await graph(peer, accessToken, 'POST', '/users', newUser('later'))).status).toBe(201);
    expect(peer.users()).toHaveLength(6);
  });

  it('injects a 429 with its own Retry-After into one inner request', async () => {
    peer.failNext({ status: 429, times: 1, inBatch: true, method: 'POST', retryAfterSeconds: 7 });
    const answer = await batch([create('a', 'ann'), create('b', 'ben')]);
    const responses = answer.body.responses as Array<{
      id: string;
      status: number;
      headers: Record<string, string>;
    }>;
    expect(responses.find((r) => r.id === 'a')).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '7' },
    });
    expect(responses.find((r) => r.id === 'b')?.status).toBe(201);
  });
});

describe('fake Microsoft Graph: response cap', () => {
  it('refuses an answer over maxResponseBytes with 413 responsePayloadSizeLimitExceeded', async () => {
    const peer = await startGraphServer({ maxResponseBytes: 2_000 });
    try {
      peer.seed(Array.from({ length: 50 }, (_, i) => ({ mailNickname: `u${i}` })));
      const accessToken = await bearer(peer);
      const small = await graph(peer, accessToken, 'GET', '/users?$top=2&$select=id');
      expect(small.status).toBe(200);
      const big = await graph(peer, accessToken, 'GET', '/users');
      expect(big.status).toBe(413);
      expect(big.body.error.innerError.code).toBe('responsePayloadSizeLimitExceeded');
    } finally {
      await peer.close();
    }
  });
});
