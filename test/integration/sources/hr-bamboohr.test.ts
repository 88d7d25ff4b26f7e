/** The BambooHR reader against the BambooHR fake: paging, leavers, permissions, retries, the Test. */
import { nodeHttpClient } from '../../../src/http/node-http-client';
import {
  bambooHrAuthorization,
  readBambooHrEmployees,
  testBambooHr,
  type BambooHrReadOptions,
} from '../../../src/sources/bamboohr';
import { startBambooHr, type BambooHrPeer } from '../../peers/hr/bamboohr-server';
import { makeHrPeople } from '../../peers/hr/hr-people';

let bamboo: BambooHrPeer;
beforeAll(async () => {
  bamboo = await startBambooHr();
});
afterAll(() => bamboo?.close());
beforeEach(() => {
  bamboo.people = makeHrPeople(23);
  bamboo.restrict([]);
  bamboo.clearFaults();
  bamboo.calls.length = 0;
});

const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};
const http = () =>
  nodeHttpClient({ headers: { authorization: bambooHrAuthorization(bamboo.apiKey) } });
const read = (options: Partial<BambooHrReadOptions> = {}) =>
  readBambooHrEmployees(http(), {
    companyDomain: 'acme',
    baseUrl: bamboo.baseUrl,
    pageSize: 10,
    sleep,
    ...options,
  });

it('reads every page of the employee dataset, leavers with their termination date', async () => {
  const result = await read();
  const pages = bamboo.calls.filter((call) => call.path === '/api/v2/datasets/employee/data');
  expect(pages.map((call) => (call.body as { page: number }).page)).toEqual([1, 2, 3]);
  expect(result.rows).toHaveLength(23);
  const leaver = result.rows.find((row) => row.externalId === 'E00005');
  expect(leaver).toMatchObject({ endDate: '2026-06-30', hrSystemId: '1005', line: 5 });
  expect(result.rows.find((row) => row.externalId === 'E00002')?.endDate).toBe('');
  expect(result.warnings).toEqual([]);
  expect(result.unreadableFields).toEqual([]);
});

it("turns the supervisor's employee ID into the supervisor's employee number", async () => {
  const result = await read();
  expect(result.rows[1]).toMatchObject({ externalId: 'E00002', managerExternalId: 'E00001' });
  expect(result.rows[0]?.managerExternalId).toBe('');
});

it('asks for leavers and current employees with its default filter', async () => {
  await read();
  expect(bamboo.calls[0]?.body).toMatchObject({
    filter: "status in ('Active','Inactive')",
    pageSize: 10,
  });
});

it('drops a field the API user may not read, warns, and lists it as unreadable', async () => {
  bamboo.restrict(['department']);
  const result = await read();
  expect(result.rows).toHaveLength(23);
  expect(result.rows[0]?.department).toBe('');
  expect(result.unreadableFields).toEqual(['department']);
  expect(result.warnings).toEqual([
    expect.stringMatching(
      /refused to return "jobInformationDepartment" \(department\).*field permissions/,
    ),
  ]);
  const asked = bamboo.calls.map((call) => (call.body as { fields: string[] }).fields);
  expect(asked[0]).toContain('jobInformationDepartment');
  expect(asked[1]).not.toContain('jobInformationDepartment');
});

it('warns when a field comes back empty for far more employees than in the last run', async () => {
  const first = await read();
  bamboo.people = bamboo.people.map((person, index) =>
    index < 15 ? { ...person, workPhone: '' } : person,
  );
  const second = await read({ previous: first.fieldReport });
  expect(second.unreadableFields).toEqual(['businessPhone']);
  expect(second.warnings[0]).toMatch(
    /"workPhone" \(businessPhone\) for 15 of 23 employees, against 0 of 23/,
  );
});

it('retries 429 after its Retry-After and a 503, then reads on', async () => {
  waits.length = 0;
  bamboo.failNext({ status: 429, times: 1, retryAfterSeconds: 7 });
  bamboo.failNext({ status: 503, times: 1 });
  const result = await read();
  expect(result.rows).toHaveLength(23);
  expect(waits[0]).toBe(7000);
  expect(waits).toHaveLength(2);
  expect(result.warnings).toEqual([expect.stringMatching(/needed retries \(429 1×, 503 1×\)/)]);
});

it('reports a 503 that does not pass within the retry limit, without the key', async () => {
  bamboo.failNext({ status: 503, times: 9 });
  const failure = read({ retry: { maxAttempts: 3 } });
  await expect(failure).rejects.toMatchObject({ status: 503, attempts: 3 });
  await failure.catch((error: Error) => expect(error.message).not.toContain(bamboo.apiKey));
});

it('reads a custom report instead, where a hidden field comes back empty in every row', async () => {
  bamboo.restrict(['terminationDate']);
  const result = await read({ source: 'customReport' });
  expect(bamboo.calls[0]).toMatchObject({
    path: '/api/v1/reports/custom',
    query: { format: 'JSON' },
  });
  expect(result.rows).toHaveLength(23);
  expect(result.rows[1]).toMatchObject({
    externalId: 'E00002',
    managerExternalId: 'E00001',
    email: expect.any(String),
  });
  expect(result.unreadableFields).toEqual(['endDate']);
  expect(result.warnings[0]).toMatch(
    /"terminationDate" \(endDate\) for any of the 23 employees: check the API user's field permissions/,
  );
});

it('takes 0000-00-00 in a custom report as no date', async () => {
  const result = await read({ source: 'customReport' });
  expect(result.rows[1]?.endDate).toBe('');
  expect(result.rows[4]?.endDate).toBe('2026-06-30');
});

it('refuses a wrong key with a 401 that names neither key', async () => {
  const wrong = nodeHttpClient({
    headers: { authorization: bambooHrAuthorization('not-the-key-7f1') },
  });
  const failure = readBambooHrEmployees(wrong, {
    companyDomain: 'acme',
    baseUrl: bamboo.baseUrl,
    sleep,
  });
  await expect(failure).rejects.toMatchObject({ status: 401 });
  await failure.catch((error: Error) => {
    expect(error.message).not.toMatch(/not-the-key-7f1|Basic/);
  });
});

describe('the credential Test', () => {
  it('says OK for the right key', async () => {
    const result = await testBambooHr(http(), { companyDomain: 'acme', baseUrl: bamboo.baseUrl });
    expect(result).toEqual({ ok: true, message: expect.stringContaining('accepted the API key') });
  });

  it('fails a wrong key without repeating it', async () => {
    const wrong = nodeHttpClient({
      headers: { authorization: bambooHrAuthorization('wrong-key-81f3') },
    });
    const result = await testBambooHr(wrong, { companyDomain: 'acme', baseUrl: bamboo.baseUrl });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/refused the API key \(HTTP 401\)/);
    expect(result.message).not.toContain('wrong-key-81f3');
  });

  it('refuses a company domain that is a host name', async () => {
    const result = await testBambooHr(http(), { companyDomain: 'evil.example.com' });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/bare name/) });
  });
});
