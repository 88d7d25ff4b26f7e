/** The HiBob fake behaves as HiBob's documentation says (each test names its page). */
import { startHiBob, type HiBobPeer } from '../../peers/hr/hibob-server';
import { makeHrPeople } from '../../peers/hr/hr-people';

let hibob: HiBobPeer;
let now = Date.UTC(2026, 11, 1, 4, 0, 0);
beforeAll(async () => {
  hibob = await startHiBob();
});
afterAll(() => hibob?.close());
beforeEach(() => {
  hibob.people = makeHrPeople(10, '333288388401771');
  hibob.restrict([]);
  hibob.clearFaults();
  now += 120_000;
  hibob.setNow(now);
});

async function search(body: unknown, password = hibob.token) {
  const response = await fetch(`${hibob.url}/v1/people/search`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${hibob.serviceUserId}:${password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    // Tests read whatever the fake sent; each assertion names the fields it expects.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (await response.json()) as any,
  };
}

it('api-service-users: basic auth with the service user ID and token, else 401', async () => {
  expect((await search({ fields: ['root.id'] })).status).toBe(200);
  expect((await search({ fields: ['root.id'] }, 'wrong')).status).toBe(401);
});

describe('people-read-api-contract', () => {
  it('answers every match in one employees array, active only unless showInactive', async () => {
    expect((await search({ fields: ['root.id'] })).body.employees).toHaveLength(8);
    expect((await search({ fields: ['root.id'], showInactive: true })).body.employees).toHaveLength(
      10,
    );
  });
  it('leaves out fields without permission, with 200 and no warning', async () => {
    hibob.restrict(['department']);
    const answer = await search({ fields: ['root.id', 'work.department'] });
    expect(answer.status).toBe(200);
    expect(answer.body.employees[0]).not.toHaveProperty('/work/department');
  });
  it('refuses more than 400 fields, and an empty filters list', async () => {
    const many = Array.from({ length: 401 }, (_, index) => `root.f${index}`);
    expect((await search({ fields: many })).status).toBe(400);
    expect((await search({ fields: ['root.id'], filters: [] })).status).toBe(400);
  });
});

it('post_people-search: slash-notation keys beside nested category objects', async () => {
  const answer = await search({ fields: ['root.firstName', 'work.startDate'] });
  expect(answer.body.employees[0]).toMatchObject({
    '/root/firstName': { value: 'Ada' },
    firstName: 'Ada',
    '/work/startDate': { value: expect.any(String) },
    work: { startDate: expect.any(String) },
  });
});

it('how-to-work-with-lists-public-api: list IDs in machine format, names under humanReadable with APPEND', async () => {
  const answer = await search({ fields: ['work.department'], humanReadable: 'APPEND' });
  expect(answer.body.employees[0]).toMatchObject({
    work: { department: 'list-engineering' },
    humanReadable: { work: { department: 'Engineering' } },
  });
});

it('rate-limit: 50 searches a minute, then 429 with the X-RateLimit headers', async () => {
  for (let index = 0; index < 50; index += 1)
    expect((await search({ fields: ['root.id'] })).status).toBe(200);
  const limited = await search({ fields: ['root.id'] });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('x-ratelimit-limit')).toBe('50');
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(Number(limited.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(now);
  hibob.setNow(now + 60_000);
  expect((await search({ fields: ['root.id'] })).status).toBe(200);
});
