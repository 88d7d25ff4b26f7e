/** The BambooHR fake behaves as BambooHR's documentation says (each test names its page). */
import { startBambooHr, type BambooHrPeer } from '../../peers/hr/bamboohr-server';
import { makeHrPeople } from '../../peers/hr/hr-people';

let bamboo: BambooHrPeer;
beforeAll(async () => {
  bamboo = await startBambooHr();
});
afterAll(() => bamboo?.close());
beforeEach(() => {
  bamboo.people = makeHrPeople(12);
  bamboo.restrict([]);
  bamboo.clearFaults();
});

const basic = (user: string, password = 'x') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function post(path: string, body: unknown, authorization = basic(bamboo.apiKey)) {
  const response = await fetch(`${bamboo.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: /json/.test(response.headers.get('content-type') ?? '')
      ? (JSON.parse(text) as Record<string, unknown>)
      : undefined,
    text,
  };
}
const dataset = (body: unknown, authorization?: string) =>
  post('/api/v2/datasets/employee/data', body, authorization);

describe('getting-started: basic auth, the API key as user name, any password', () => {
  it('accepts the key with any password', async () => {
    expect((await dataset({ fields: ['eeid'] }, basic(bamboo.apiKey, 'anything'))).status).toBe(
      200,
    );
  });
  it('answers 401 to a wrong key', async () => {
    expect((await dataset({ fields: ['eeid'] }, basic('wrong'))).status).toBe(401);
  });
});

describe('get-data-from-dataset-v2', () => {
  it('pages with page and pageSize in the body; links.next while more pages exist; meta counts', async () => {
    const first = await dataset({ fields: ['employeeNumber'], page: 1, pageSize: 5 });
    expect(first.body).toMatchObject({
      meta: { page: 1, pageSize: 5, totalPages: 3, totalItems: 12 },
      links: { next: expect.any(String) },
    });
    expect((first.body?.data as unknown[]).length).toBe(5);
    const last = await dataset({ fields: ['employeeNumber'], page: 3, pageSize: 5 });
    expect(last.body?.links).toEqual({ prev: expect.any(String) });
    expect(last.body?.data).toEqual([
      { fields: { employeeNumber: 'E00011' } },
      { fields: { employeeNumber: 'E00012' } },
    ]);
  });

  it('defaults pageSize to 100 and refuses more than 1000', async () => {
    expect((await dataset({ fields: ['eeid'] })).body?.meta).toMatchObject({ pageSize: 100 });
    expect((await dataset({ fields: ['eeid'], pageSize: 1001 })).status).toBe(400);
  });

  it('wraps each row in fields keyed by the requested names', async () => {
    const answer = await dataset({
      fields: ['eeid', 'jobInformationDepartment', 'terminationDate'],
      pageSize: 1,
    });
    expect(answer.body?.data).toEqual([
      { fields: { eeid: '1001', jobInformationDepartment: 'Engineering', terminationDate: null } },
    ]);
  });

  it("filters on status with OData's in and eq; refuses what it cannot parse with 422 INVALID_FILTER", async () => {
    const all = await dataset({ fields: ['status'], filter: "status in ('Active','Inactive')" });
    expect(all.body?.meta).toMatchObject({ totalItems: 12 });
    const active = await dataset({ fields: ['status'], filter: "status eq 'Active'" });
    expect(active.body?.meta).toMatchObject({ totalItems: 10 });
    const mixed = await dataset({
      fields: ['status'],
      filter: "status eq 'Active' and a eq 'b' or c eq 'd'",
    });
    expect(mixed).toMatchObject({ status: 422, body: { detail: 'INVALID_FILTER' } });
  });

  it('answers a field the caller may not read with an error, not a silent omission (RFC 7807)', async () => {
    bamboo.restrict(['department']);
    const answer = await dataset({ fields: ['eeid', 'jobInformationDepartment'] });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.body).toMatchObject({
      status: 403,
      detail: expect.stringContaining('jobInformationDepartment'),
    });
  });
});

describe('request-custom-report-1', () => {
  it('answers employees with their id and the fields; a hidden field comes back null (airbyte #15170)', async () => {
    bamboo.restrict(['department']);
    const answer = await post('/api/v1/reports/custom?format=JSON', {
      title: 't',
      fields: ['department', 'terminationDate'],
    });
    expect((answer.body?.employees as unknown[])[0]).toEqual({
      id: '1001',
      department: null,
      terminationDate: '0000-00-00',
    });
  });
});

describe('planned-changes-to-the-api: 429 with Retry-After for rate limits, 503 for unavailable', () => {
  it('sends 429 with Retry-After', async () => {
    bamboo.failNext({ status: 429, times: 1, retryAfterSeconds: 30 });
    const answer = await dataset({ fields: ['eeid'] });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('30');
    expect((await dataset({ fields: ['eeid'] })).status).toBe(200);
  });
  it('sends 503 when unavailable', async () => {
    bamboo.failNext({ status: 503, times: 1 });
    expect((await dataset({ fields: ['eeid'] })).status).toBe(503);
  });
});

describe("the fake's own serving time, for the benchmarks", () => {
  it('counts each answered request by route, its bytes, and how many were in flight', async () => {
    bamboo.resetServing();
    const answers = await Promise.all(
      [1, 2, 3].map((page) => dataset({ fields: ['eeid', 'firstName'], page, pageSize: 5 })),
    );
    await dataset({ fields: ['eeid'] }, basic('wrong'));
    const serving = bamboo.serving();
    const pages = serving.byRoute['POST /api/v2/datasets/employee/data']!;
    expect(pages.requests).toBe(3);
    expect(pages.bytes).toBe(
      answers.reduce((sum, answer) => sum + Buffer.byteLength(answer.text), 0),
    );
    expect(pages.maxInFlight).toBeGreaterThanOrEqual(1);
    // The 401 is answered before any route: counted, under no route.
    expect(serving.byRoute['POST (no route)']?.requests).toBe(1);
    expect(serving.requests).toBe(4);
    expect(serving.ms).toBeGreaterThan(0);
    expect(serving.busyMs).toBeLessThanOrEqual(serving.ms + 1);
    expect(serving.servingMs).toBeLessThanOrEqual(serving.ms + 1e-9);
    bamboo.resetServing();
    expect(bamboo.serving().requests).toBe(0);
  });
});
