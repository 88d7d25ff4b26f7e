/** The Personio reader against the Personio fake: token, cursor paging, the join, fan-out, v1. */
import { nodeHttpClient } from '../../../src/http/node-http-client';
import {
  readPersonioEmployees,
  testPersonio,
  type PersonioReadOptions,
} from '../../../src/sources/personio';
import { makeHrPeople } from '../../peers/hr/hr-people';
import { attributeId, startPersonio, type PersonioPeer } from '../../peers/hr/personio-server';

let personio: PersonioPeer;
beforeAll(async () => {
  personio = await startPersonio();
});
afterAll(() => personio?.close());
beforeEach(() => {
  personio.people = makeHrPeople(57);
  personio.restrict([]);
  personio.clearFaults();
  personio.setV2Access(true);
  personio.calls.length = 0;
  personio.expireTokensAfter(-1);
  personio.resetMaxInFlight();
});

const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};
const read = (options: Partial<PersonioReadOptions> = {}) =>
  readPersonioEmployees(nodeHttpClient(), {
    baseUrl: personio.url,
    clientId: personio.clientId,
    clientSecret: personio.clientSecret,
    sleep,
    ...options,
  });

it('reads persons over cursor pages and joins each with its current employment', async () => {
  const result = await read();
  const pages = personio.calls.filter((call) => call.path === '/v2/persons');
  expect(pages.map((call) => call.query)).toEqual([
    { limit: '50' },
    { limit: '50', cursor: expect.any(String) },
  ]);
  expect(result.rows).toHaveLength(57);
  expect(result.rows[1]).toMatchObject({
    externalId: '1002',
    hrSystemId: '1002',
    firstName: 'Grace',
    department: 'Sales',
    jobTitle: 'Engineer',
    managerExternalId: '1001',
    startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  });
  expect(result.rows[4]).toMatchObject({ externalId: '1005', endDate: '2026-06-30' });
  expect(result.warnings).toEqual([]);
});

it('asks for a token once and sends it on every call', async () => {
  const before = personio.tokensIssued();
  await read();
  expect(personio.tokensIssued() - before).toBe(1);
  const tokenCalls = personio.calls.filter((call) => call.path === '/v2/auth/token');
  expect(tokenCalls).toHaveLength(1);
});

it('fetches a new token when the old one answers 401, and reads on', async () => {
  const before = personio.tokensIssued();
  // The token dies in the middle of the employments fan-out.
  personio.expireTokensAfter(20);
  const result = await read();
  expect(result.rows).toHaveLength(57);
  expect(personio.calls.some((call) => call.status === 401)).toBe(true);
  // One at the start, one after the 401 (the fan-out workers share it).
  expect(personio.tokensIssued() - before).toBe(2);
  expect(result.rows[30]).toMatchObject({ department: expect.any(String), jobTitle: 'Engineer' });
});

it('keeps the employments fan-out within its concurrency cap and retries a 429', async () => {
  waits.length = 0;
  personio.failNext({ status: 429, times: 2, retryAfterSeconds: 3, path: '/v2/persons/1010' });
  const result = await read({ concurrency: 3 });
  expect(result.rows).toHaveLength(57);
  expect(personio.maxInFlight()).toBeLessThanOrEqual(3);
  expect(waits).toEqual([3000, 3000]);
  expect(result.rows[9]).toMatchObject({ externalId: '1010', department: expect.any(String) });
});

it('reads a custom attribute by its ID', async () => {
  const id = attributeId('Cost center');
  const result = await read({ fieldMap: { [`custom_attributes.${id}`]: 'custom:Cost center' } });
  expect(result.rows[0]?.['custom:Cost center']).toBe('CC101');
  expect(result.columns['custom:Cost center']).toBe('custom:Cost center');
});

it('warns about a field the credentials may not read and lists it as unreadable', async () => {
  personio.restrict(['terminationDate']);
  const result = await read();
  expect(result.unreadableFields).toEqual(['endDate']);
  expect(result.warnings).toEqual([
    expect.stringMatching(
      /Personio returned no value for "employment.termination_date" \(endDate\) for any of the 57 employees: check the API user's field permissions/,
    ),
  ]);
  expect(
    result.fieldReport.find((entry) => entry.field === 'employment.termination_date'),
  ).toMatchObject({
    missingRows: 57,
    emptyRows: 0,
    total: 57,
  });
});

it('falls back to the v1 employee list, 100 at a time, for credentials without v2 access', async () => {
  personio.people = makeHrPeople(230);
  personio.setV2Access(false);
  const result = await read();
  const pages = personio.calls.filter((call) => call.path === '/v1/company/employees');
  expect(pages.map((call) => call.query.offset)).toEqual(['0', '100', '200']);
  expect(pages.every((call) => call.query.limit === '100')).toBe(true);
  expect(result.rows).toHaveLength(230);
  expect(result.rows[1]).toMatchObject({
    externalId: '1002',
    managerExternalId: '1001',
    department: 'Sales',
  });
  expect(result.rows[4]).toMatchObject({
    endDate: '2026-06-30',
    startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  });
  expect(result.warnings[0]).toMatch(/refused the v2 API .*read through v1/);
});

it('reads a v1 custom attribute by its label', async () => {
  personio.setV2Access(false);
  const result = await read({
    api: 'v1',
    fieldMap: { 'custom_attributes.Cost center': 'custom:Cost center' },
  });
  expect(result.rows[0]?.['custom:Cost center']).toBe('CC101');
});

it('refuses a wrong secret without repeating it', async () => {
  const failure = read({ clientSecret: 'wrong-secret-5d2c', retry: { maxAttempts: 1 } });
  await expect(failure).rejects.toMatchObject({ status: 401 });
  await failure.catch((error: Error) => {
    expect(error.message).not.toContain('wrong-secret-5d2c');
    expect(error.message).not.toContain(personio.clientId);
  });
});

describe('the credential Test', () => {
  it('says OK for the right credentials', async () => {
    const result = await testPersonio(nodeHttpClient(), {
      baseUrl: personio.url,
      clientId: personio.clientId,
      clientSecret: personio.clientSecret,
    });
    expect(result).toEqual({
      ok: true,
      message: expect.stringContaining('returned a person (v2)'),
    });
  });

  it('says OK through v1 for credentials without v2 access', async () => {
    personio.setV2Access(false);
    const result = await testPersonio(nodeHttpClient(), {
      baseUrl: personio.url,
      clientId: personio.clientId,
      clientSecret: personio.clientSecret,
    });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('through v1 only') });
  });

  it('fails a wrong secret, naming neither the ID nor the secret', async () => {
    const result = await testPersonio(nodeHttpClient(), {
      baseUrl: personio.url,
      clientId: personio.clientId,
      clientSecret: 'wrong-secret-5d2c',
    });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/refused the client ID or secret \(HTTP 401\)/);
    expect(result.message).not.toContain('wrong-secret-5d2c');
    expect(result.message).not.toContain(personio.clientId);
  });
});
