/** The Personio fake behaves as Personio's documentation says (each test names its page). */
import { makeHrPeople } from '../../peers/hr/hr-people';
import { startPersonio, type PersonioPeer } from '../../peers/hr/personio-server';

let personio: PersonioPeer;
beforeAll(async () => {
  personio = await startPersonio();
});
afterAll(() => personio?.close());
beforeEach(() => {
  personio.people = makeHrPeople(12);
  personio.restrict([]);
  personio.clearFaults();
  personio.setV2Access(true);
  personio.expireTokensAfter(-1);
});

async function token(): Promise<string> {
  const response = await fetch(`${personio.url}/v2/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: personio.clientId,
      client_secret: personio.clientSecret,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
async function get(url: string, bearer: string) {
  const response = await fetch(url.startsWith('http') ? url : `${personio.url}${url}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    // Tests read whatever the fake sent; each assertion names the fields it expects.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (await response.json()) as Record<string, any>,
  };
}

describe('post_v2-auth-token: client credentials, form-encoded only', () => {
  it('issues a Bearer token that lasts 24 hours', async () => {
    const response = await fetch(`${personio.url}/v2/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: personio.clientId,
        client_secret: personio.clientSecret,
      }).toString(),
    });
    expect(await response.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 86400,
      access_token: expect.stringMatching(/^papi-/),
    });
  });
  it('refuses JSON, a wrong grant and a wrong secret', async () => {
    const json = await fetch(`${personio.url}/v2/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: personio.clientId,
        client_secret: personio.clientSecret,
      }),
    });
    expect(json.status).toBe(400);
    const wrong = await fetch(`${personio.url}/v2/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: personio.clientId,
        client_secret: 'nope',
      }).toString(),
    });
    expect(wrong.status).toBe(401);
  });
  it('answers 401 once the token has expired', async () => {
    const bearer = await token();
    personio.expireTokens();
    expect((await get('/v2/persons', bearer)).status).toBe(401);
  });
});

describe('get_v2-persons and get_v2-persons-person-id-employments', () => {
  it('pages by cursor through _meta.links.next.href, limit 1 to 50, default 10', async () => {
    const bearer = await token();
    const first = await get('/v2/persons', bearer);
    expect(first.body._data).toHaveLength(10);
    const second = await get(first.body._meta.links.next.href as string, bearer);
    expect(second.body._data).toHaveLength(2);
    expect(second.body._meta.links.next).toBeUndefined();
    expect((await get('/v2/persons?limit=51', bearer)).status).toBe(400);
  });
  it('gives persons only their employment IDs; the employment carries position, supervisor, dates', async () => {
    const bearer = await token();
    const persons = await get('/v2/persons?limit=2', bearer);
    expect(persons.body._data[1].employments).toEqual([{ id: 'emp-1002' }]);
    const employments = await get('/v2/persons/1005/employments', bearer);
    expect(employments.body._data[0]).toMatchObject({
      status: 'INACTIVE',
      termination_date: '2026-06-30',
      supervisor: { id: '1001' },
      position: { title: 'Engineer' },
    });
  });
  it('leaves out what the credentials may not read', async () => {
    personio.restrict(['email', 'terminationDate']);
    const bearer = await token();
    const persons = await get('/v2/persons?limit=1', bearer);
    expect(persons.body._data[0]).not.toHaveProperty('email');
    const employments = await get('/v2/persons/1001/employments', bearer);
    expect(employments.body._data[0]).not.toHaveProperty('termination_date');
  });
  it('answers 403 on v2 to credentials without v2 access', async () => {
    personio.setV2Access(false);
    expect((await get('/v2/persons', await token())).status).toBe(403);
  });
  it('sends 429 with Retry-After when the rate limit is hit', async () => {
    const bearer = await token();
    personio.failNext({ status: 429, times: 1, retryAfterSeconds: 60, path: '/v2/persons/1001' });
    const answer = await get('/v2/persons/1001/employments', bearer);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('60');
  });
});

describe('v1 (personio-personnel-data-api-oa3.yaml): /v1/auth, then limit and offset', () => {
  it('answers {label, value} attributes, 100 at most a page, custom attributes as dynamic_', async () => {
    const auth = await fetch(`${personio.url}/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: personio.clientId, client_secret: personio.clientSecret }),
    });
    const bearer = ((await auth.json()) as { data: { token: string } }).data.token;
    personio.people = makeHrPeople(130);
    const page = await get('/v1/company/employees?limit=500&offset=100', bearer);
    expect(page.body).toMatchObject({ limit: 100, offset: 100, metadata: { total_elements: 130 } });
    expect(page.body.data).toHaveLength(30);
    const attributes = page.body.data[0].attributes as Record<
      string,
      { label: string; value: unknown }
    >;
    expect(attributes.first_name).toMatchObject({ label: 'First name' });
    expect(
      Object.values(attributes).find((attribute) => attribute.label === 'Cost center'),
    ).toBeDefined();
  });
});
