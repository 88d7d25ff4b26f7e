import { startRestPlatform, type RestPeer } from '../../peers/rest-platform';

interface Answer {
  status: number;
  headers: Headers;
  // Tests read whatever the platform sent; each assertion names the fields it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A bare fetch as a client of the platform would send it, with the key where the peer wants it. */
async function call(
  peer: RestPeer,
  method: 'GET' | 'POST',
  query: Record<string, string> = {},
  body?: unknown,
  apiKey: string | null = peer.apiKey,
): Promise<Answer> {
  const params = new URLSearchParams(query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (apiKey !== null && peer.apiKeyIn === 'query') params.set('api_key', apiKey);
  if (apiKey !== null && peer.apiKeyIn === 'header') headers['x-api-key'] = apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${peer.url}/users.json?${params}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const ada = {
  email: 'ada@example.com',
  external_id: 'E1',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone_number: '+31612345678',
  country: 'NL',
  active: true,
  job_title: 'Engineer',
  department_name: 'R&D',
  tags: ['Marketer', 'Netherlands'],
  employment_start_date: '2020-01-06',
};

describe('REST platform peer (Springest-shaped user import API)', () => {
  let peer: RestPeer;

  beforeAll(async () => {
    peer = await startRestPlatform();
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('creates with 201 and updates with 200, lower-casing tags', async () => {
    const created = await call(peer, 'POST', {}, ada);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String) });
    expect(peer.users()[0]).toMatchObject({
      ...ada,
      id: created.body.id,
      tags: ['marketer', 'netherlands'],
    });

    const updated = await call(peer, 'POST', {}, { external_id: 'E1', job_title: 'Lead' });
    expect(updated).toMatchObject({ status: 200, body: { id: created.body.id } });
    expect(peer.users()).toHaveLength(1);
    // Only the fields sent change.
    expect(peer.users()[0]).toMatchObject({ job_title: 'Lead', first_name: 'Ada', country: 'NL' });
  });

  it('matches on external_id before e-mail, and on e-mail when external_id is unknown', async () => {
    peer.seed([
      { id: '7', external_id: 'E1', email: 'ada@example.com' },
      { id: '8', email: 'bob@example.com' },
    ]);
    const byExternalId = await call(
      peer,
      'POST',
      {},
      { external_id: 'E1', email: 'ada.l@example.com' },
    );
    expect(byExternalId).toMatchObject({ status: 200, body: { id: '7' } });
    const byEmail = await call(peer, 'POST', {}, { external_id: 'E2', email: 'BOB@example.com' });
    expect(byEmail).toMatchObject({ status: 200, body: { id: '8' } });
    expect(peer.users().map((user) => [user.id, user.external_id, user.email])).toEqual([
      ['7', 'E1', 'ada.l@example.com'],
      ['8', 'E2', 'BOB@example.com'],
    ]);
  });

  it('creates a user known by external_id alone (no e-mail)', async () => {
    const created = await call(peer, 'POST', {}, { external_id: 'E5', first_name: 'Lotte' });
    expect(created.status).toBe(201);
    expect(peer.users()[0]).toMatchObject({ external_id: 'E5', email: null, first_name: 'Lotte' });
  });

  it('clears a field sent empty or null and deactivates with active false (or "false")', async () => {
    await call(peer, 'POST', {}, ada);
    await call(
      peer,
      'POST',
      {},
      { external_id: 'E1', job_title: '', phone_number: null, active: 'false' },
    );
    expect(peer.users()[0]).toMatchObject({
      job_title: null,
      phone_number: null,
      active: false,
      last_name: 'Lovelace',
    });
  });

  it('answers 400 with field errors', async () => {
    const noIdentifier = await call(peer, 'POST', {}, { first_name: 'Nobody' });
    expect(noIdentifier.status).toBe(400);
    expect(Object.keys(noIdentifier.body.errors).sort()).toEqual(['email', 'external_id']);

    const badEmail = await call(peer, 'POST', {}, { external_id: 'E9', email: 'not-an-email' });
    expect(badEmail).toMatchObject({ status: 400, body: { errors: { email: ['is invalid'] } } });
    const badDate = await call(peer, 'POST', {}, { ...ada, employment_end_date: '31-12-2024' });
    expect(badDate.body.errors).toHaveProperty('employment_end_date');

    await call(peer, 'POST', {}, ada);
    const takenEmail = await call(peer, 'POST', {}, { external_id: 'E2', email: 'x@example.com' });
    expect(takenEmail.status).toBe(201);
    const clash = await call(peer, 'POST', {}, { external_id: 'E2', email: 'ADA@example.com' });
    expect(clash).toMatchObject({
      status: 400,
      body: { errors: { email: ['has already been taken'] } },
    });
    expect(peer.users()).toHaveLength(2);
  });

  it('refuses a field the seed does not list with a 400, and stores nothing', async () => {
    const answer = await call(
      peer,
      'POST',
      {},
      { ...ada, language: 'nl', manager_external_id: 'E0' },
    );
    expect(answer).toMatchObject({
      status: 400,
      body: {
        errors: {
          language: ['is not a known field'],
          manager_external_id: ['is not a known field'],
        },
      },
    });
    expect(peer.users()).toEqual([]);
  });

  it("looks a user up by external_id with only the seed's fields (404 when none), and has no list", async () => {
    peer.seed([{ external_id: 'E2', email: 'u2@example.com', first_name: 'U', job_title: 'T' }]);
    const one = await call(peer, 'GET', { external_id: 'E2' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      id: expect.any(String),
      external_id: 'E2',
      user_email: 'u2@example.com',
      active: true,
      learning_track_status: 'no_tracks_assigned',
    });
    expect((await call(peer, 'GET', { external_id: 'nobody' })).status).toBe(404);
    expect((await call(peer, 'GET')).status).toBe(400);
    expect((await call(peer, 'GET', { email: 'u2@example.com' })).status).toBe(400);
  });

  it('pages a list and looks up by e-mail only when asked to', async () => {
    const listing = await startRestPlatform({ list: true, lookupByEmail: true });
    try {
      listing.seed(
        Array.from({ length: 130 }, (_, index) => ({
          external_id: `E${index + 1}`,
          email: `u${index + 1}@example.com`,
        })),
      );
      const byEmail = await call(listing, 'GET', { email: 'U2@example.com' });
      expect(byEmail.body).toMatchObject({ external_id: 'E2', user_email: 'u2@example.com' });
      const first = await call(listing, 'GET');
      expect(first.body).toMatchObject({ page: 1, per_page: 100, total: 130 });
      expect(first.body.users).toHaveLength(100);
      const second = await call(listing, 'GET', { page: '2', per_page: '500' });
      expect(second.body).toMatchObject({ page: 2, per_page: 100, total: 130 });
      expect(
        second.body.users.map((user: { external_id: string }) => user.external_id).slice(0, 2),
      ).toEqual(['E101', 'E102']);
      const small = await call(listing, 'GET', { page: '3', per_page: '50' });
      expect(small.body.users).toHaveLength(30);
      expect((await call(listing, 'GET', { page: '4', per_page: '50' })).body.users).toEqual([]);
    } finally {
      await listing.close();
    }
  });

  it('can ignore the page parameter and give no total', async () => {
    const stuck = await startRestPlatform({ list: { ignorePage: true } });
    try {
      stuck.seed([{ external_id: 'E1' }, { external_id: 'E2' }]);
      const second = await call(stuck, 'GET', { page: '2', per_page: '1' });
      expect(second.body).toEqual({ users: [expect.objectContaining({ external_id: 'E1' })] });
    } finally {
      await stuck.close();
    }
  });

  it('answers 401 without the key or with another, and never records the key', async () => {
    expect((await call(peer, 'GET', {}, undefined, null)).status).toBe(401);
    expect((await call(peer, 'POST', {}, ada, 'wrong')).status).toBe(401);
    expect(peer.users()).toEqual([]);
    await call(peer, 'GET', { external_id: 'E1' });
    expect(peer.calls.map((recorded) => [recorded.method, recorded.path, recorded.status])).toEqual(
      [
        ['GET', '/users.json', 401],
        ['POST', '/users.json', 401],
        ['GET', '/users.json', 404],
      ],
    );
    expect(peer.calls[2]?.query).toEqual({ external_id: 'E1' });
    expect(JSON.stringify(peer.calls)).not.toContain(peer.apiKey);
  });

  it('injects faults with Retry-After for the POSTs about one user', async () => {
    peer.failNext({ externalId: 'E1', status: 429, times: 2, retryAfterSeconds: 1 });
    expect(
      (await call(peer, 'POST', {}, { ...ada, external_id: 'E2', email: 'b@example.com' })).status,
    ).toBe(201);
    const throttled = await call(peer, 'POST', {}, ada);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect((await call(peer, 'POST', {}, ada)).status).toBe(429);
    expect((await call(peer, 'POST', {}, ada)).status).toBe(201);

    peer.failNext({ email: 'ADA@example.com', status: 503, times: 1 });
    expect((await call(peer, 'POST', {}, ada)).status).toBe(503);
    expect(peer.writeCalls().map((recorded) => recorded.status)).toEqual([201, 429, 429, 201, 503]);
    expect(peer.writeCalls()[1]?.body).toMatchObject({ external_id: 'E1' });
  });

  it('takes the key from an X-Api-Key header when asked to', async () => {
    const headerPeer = await startRestPlatform({ apiKeyIn: 'header' });
    try {
      expect((await call(headerPeer, 'POST', {}, ada)).status).toBe(201);
      const inQuery = await fetch(`${headerPeer.url}/users.json?api_key=${headerPeer.apiKey}`);
      expect(inQuery.status).toBe(401);
    } finally {
      await headerPeer.close();
    }
  });
});
