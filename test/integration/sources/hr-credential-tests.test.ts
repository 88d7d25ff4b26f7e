/**
 * The three HR credentials' Test buttons (nodes/shared/hr-system-credential-tests.ts),
 * called as n8n calls them, against the fakes: OK with the right secret, an error without
 * the secret in it otherwise.
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';
import {
  hrSyncBambooHrTest,
  hrSyncHiBobTest,
  hrSyncPersonioTest,
} from '../../../nodes/shared/hr-system-credential-tests';
import { HrSyncBambooHrApi } from '../../../credentials/HrSyncBambooHrApi.credentials';
import { HrSyncHiBobApi } from '../../../credentials/HrSyncHiBobApi.credentials';
import { HrSyncPersonioApi } from '../../../credentials/HrSyncPersonioApi.credentials';
import { startBambooHr, type BambooHrPeer } from '../../peers/hr/bamboohr-server';
import { startHiBob, type HiBobPeer } from '../../peers/hr/hibob-server';
import { startPersonio, type PersonioPeer } from '../../peers/hr/personio-server';
import { makeHrPeople } from '../../peers/hr/hr-people';

let bamboo: BambooHrPeer;
let personio: PersonioPeer;
let hibob: HiBobPeer;
beforeAll(async () => {
  [bamboo, personio, hibob] = await Promise.all([
    startBambooHr(makeHrPeople(3)),
    startPersonio(makeHrPeople(3)),
    startHiBob(makeHrPeople(3, '333288388401771')),
  ]);
});
afterAll(async () => {
  await Promise.all([bamboo?.close(), personio?.close(), hibob?.close()]);
});

const credential = (type: string, data: Record<string, unknown>) =>
  ({ id: 'c1', name: type, type, data }) as ICredentialsDecrypted;
const context = {} as ICredentialTestFunctions;

describe('BambooHR', () => {
  const run = (apiKey: string) =>
    hrSyncBambooHrTest.call(
      context,
      credential('hrSyncBambooHrApi', { companyDomain: 'acme', apiKey, baseUrl: bamboo.baseUrl }),
    );

  it('is OK with the right key', async () => {
    await expect(run(bamboo.apiKey)).resolves.toMatchObject({ status: 'OK' });
  });

  it('fails a wrong key without repeating it', async () => {
    const result = await run('bamboo-wrong-31c9');
    expect(result.status).toBe('Error');
    expect(result.message).not.toContain('bamboo-wrong-31c9');
  });

  it("is the credential type's own name and sends the key as the basic user", async () => {
    const type = new HrSyncBambooHrApi();
    expect(type.name).toBe('hrSyncBambooHrApi');
    const placed = await type.authenticate({ apiKey: 'k1' }, { url: '' });
    expect(placed.headers?.Authorization).toBe(`Basic ${Buffer.from('k1:x').toString('base64')}`);
  });
});

describe('Personio', () => {
  const run = (clientSecret: string) =>
    hrSyncPersonioTest.call(
      context,
      credential('hrSyncPersonioApi', {
        clientId: personio.clientId,
        clientSecret,
        baseUrl: personio.url,
      }),
    );

  it('is OK with the right secret', async () => {
    await expect(run(personio.clientSecret)).resolves.toMatchObject({ status: 'OK' });
  });

  it('fails a wrong secret, naming neither the secret nor the client ID', async () => {
    const result = await run('personio-wrong-77aa');
    expect(result.status).toBe('Error');
    expect(result.message).not.toContain('personio-wrong-77aa');
    expect(result.message).not.toContain(personio.clientId);
  });

  it('keeps the secret out of any authenticate: only the token request carries it', () => {
    const type = new HrSyncPersonioApi();
    expect(type.name).toBe('hrSyncPersonioApi');
    expect((type as { authenticate?: unknown }).authenticate).toBeUndefined();
  });
});

describe('HiBob', () => {
  const run = (token: string) =>
    hrSyncHiBobTest.call(
      context,
      credential('hrSyncHiBobApi', {
        serviceUserId: hibob.serviceUserId,
        token,
        environment: 'custom',
        baseUrl: hibob.url,
      }),
    );

  it('is OK with the right token', async () => {
    await expect(run(hibob.token)).resolves.toMatchObject({ status: 'OK' });
  });

  it('fails a wrong token without repeating it or the service user', async () => {
    const result = await run('hibob-wrong-0b1e');
    expect(result.status).toBe('Error');
    expect(result.message).not.toContain('hibob-wrong-0b1e');
    expect(result.message).not.toContain(hibob.serviceUserId);
  });

  it('offers the sandbox as an environment', () => {
    const environment = new HrSyncHiBobApi().properties.find(
      (property) => property.name === 'environment',
    );
    expect(JSON.stringify(environment?.options)).toContain('https://api.sandbox.hibob.com');
  });
});
