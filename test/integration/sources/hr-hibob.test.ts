/** The HiBob reader against the HiBob fake: one search, leavers, silent omissions, 429s, the Test. */
import { nodeHttpClient } from '../../../src/http/node-http-client';
import {
  hiBobAuthorization,
  readHiBobEmployees,
  testHiBob,
  type HiBobReadOptions,
} from '../../../src/sources/hibob';
import { startHiBob, type HiBobPeer } from '../../peers/hr/hibob-server';
import { makeHrPeople } from '../../peers/hr/hr-people';

let hibob: HiBobPeer;
let clock = Date.UTC(2026, 11, 1, 3, 0, 30);
beforeAll(async () => {
  hibob = await startHiBob();
});
afterAll(() => hibob?.close());
beforeEach(() => {
  hibob.people = makeHrPeople(40, '333288388401771');
  hibob.restrict([]);
  hibob.clearFaults();
  hibob.calls.length = 0;
  // A fresh rate-limit window for every test.
  clock += 120_000;
  hibob.setNow(clock);
});

const waits: number[] = [];
/** The test's clock moves by what the reader waits, and so does the fake's window. */
const sleep = async (ms: number) => {
  waits.push(ms);
  clock += ms;
  hibob.setNow(clock);
};
const http = (token = hibob.token) =>
  nodeHttpClient({ headers: { authorization: hiBobAuthorization(hibob.serviceUserId, token) } });
const read = (options: Partial<HiBobReadOptions> = {}) =>
  readHiBobEmployees(http(), { baseUrl: hibob.url, sleep, now: () => clock, ...options });

it('reads everyone, leavers included, in one search', async () => {
  const result = await read();
  expect(hibob.calls).toHaveLength(1);
  expect(hibob.calls[0]?.body).toMatchObject({ showInactive: true, humanReadable: 'APPEND' });
  expect(result.rows).toHaveLength(40);
  expect(result.rows[4]).toMatchObject({
    externalId: 'E00005',
    endDate: '2026-06-30',
    startDate: expect.any(String),
  });
  expect(result.warnings).toEqual([]);
});

it('takes list fields by their names and the manager by his external ID', async () => {
  const result = await read();
  expect(result.rows[1]).toMatchObject({
    externalId: 'E00002',
    hrSystemId: '3332883884017710002',
    department: 'Sales',
    jobTitle: 'Engineer',
    managerExternalId: 'E00001',
    firstName: 'Grace',
  });
});

it('warns about a field left out for the service user and lists it as unreadable', async () => {
  hibob.restrict(['department']);
  const result = await read();
  expect(result.unreadableFields).toEqual(['department']);
  expect(result.warnings[0]).toMatch(
    /HiBob returned no value for "work.department" \(department\) for any of the 40 employees/,
  );
  expect(result.fieldReport.find((entry) => entry.field === 'work.department')?.missingRows).toBe(
    40,
  );
});

it('waits for the rate-limit window after 50 searches a minute', async () => {
  waits.length = 0;
  for (let search = 0; search < 50; search += 1) await testHiBob(http(), { baseUrl: hibob.url });
  const result = await read();
  expect(result.rows).toHaveLength(40);
  expect(waits).toHaveLength(1);
  expect(waits[0]).toBeGreaterThan(0);
  expect(waits[0]).toBeLessThanOrEqual(60_000);
  expect(result.warnings).toEqual([expect.stringMatching(/needed retries \(429 1×\)/)]);
});

it('retries a 503', async () => {
  hibob.failNext({ status: 503, times: 2 });
  const result = await read();
  expect(result.rows).toHaveLength(40);
  expect(hibob.calls.map((call) => call.status)).toEqual([503, 503, 200]);
});

it('talks to the base URL it is given (a sandbox or a proxy)', async () => {
  await read();
  expect(hibob.calls[0]?.path).toBe('/v1/people/search');
});

it('refuses a wrong token without repeating it', async () => {
  const failure = readHiBobEmployees(http('wrong-token-e4'), { baseUrl: hibob.url, sleep });
  await expect(failure).rejects.toMatchObject({ status: 401 });
  await failure.catch((error: Error) => expect(error.message).not.toContain('wrong-token-e4'));
});

describe('the credential Test', () => {
  it('says OK for the right service user', async () => {
    const result = await testHiBob(http(), { baseUrl: hibob.url });
    expect(result).toEqual({
      ok: true,
      message: expect.stringContaining('accepted the service user'),
    });
  });

  it('fails a wrong token without repeating it', async () => {
    const result = await testHiBob(http('wrong-token-e4'), { baseUrl: hibob.url });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused .* \(HTTP 401\)/),
    });
    expect(result.message).not.toContain('wrong-token-e4');
    expect(result.message).not.toContain(hibob.serviceUserId);
  });
});
