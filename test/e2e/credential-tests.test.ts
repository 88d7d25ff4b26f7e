/**
 * Each credential's Test button, as the editor presses it: `POST /rest/credentials/test` on a
 * started n8n, signed in as its owner, against the real peers on loopback. The right secret
 * passes; a wrong one is refused, and the answer does not repeat it.
 */
import { startAllPeers, type AllPeers } from '../peers/all-peers';
import type { SshdPeer } from '../peers/sshd';
import {
  graphCredentialData,
  restCredentialData,
  sftpCredentialData,
} from '../peers/peer-credentials';
import { startScimServer, type ScimPeer } from '../peers/scim-server';
import { startGraphServer, type GraphPeer } from '../peers/graph/graph-server';
import { makeServiceAccount, startGooglePeer, type GooglePeer } from '../peers/google';
import type { RestPeer } from '../peers/rest-platform';
import type { HttpsFileServer } from '../peers/https-file-server';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { startN8nServer, type N8nServer } from './n8n/n8n-server';
import { packPackage } from './n8n/pack-package';
import { signUpOwner } from './n8n/owner';
import { makeHrPeople } from '../peers/hr/hr-people';
import { startBambooHr, type BambooHrPeer } from '../peers/hr/bamboohr-server';
import { startPersonio, type PersonioPeer } from '../peers/hr/personio-server';
import { startHiBob, type HiBobPeer } from '../peers/hr/hibob-server';

jest.setTimeout(15 * 60_000);

const WRONG = 'wrong-secret-7d21c9';

let sshd: SshdPeer;
let scim: ScimPeer;
/** A SCIM server that answers its discovery endpoints (ServiceProviderConfig) without a token. */
let openScim: ScimPeer | undefined;
let rest: RestPeer;
let https: HttpsFileServer;
let peers: AllPeers | undefined;
let n8n: N8nInstance;
let server: N8nServer;
let cookie: string;
let graph: GraphPeer | undefined;
let bamboo: BambooHrPeer | undefined;
let personio: PersonioPeer | undefined;
let hibob: HiBobPeer | undefined;
let google: GooglePeer | undefined;

beforeAll(async () => {
  peers = await startAllPeers();
  ({ sshd, scim, rest, https } = peers);
  openScim = await startScimServer({ openDiscovery: true });
  graph = await startGraphServer();
  [bamboo, personio, hibob] = await Promise.all([
    startBambooHr(makeHrPeople(3)),
    startPersonio(makeHrPeople(3)),
    startHiBob(makeHrPeople(3, '300000000000000')),
  ]);
  google = await startGooglePeer();
  https.put('/employees.csv', Buffer.from('external_id\nE1\n'), 'basic');
  const env = { NODE_EXTRA_CA_CERTS: https.caFile };
  n8n = await createN8nInstance({ packageTgz: await packPackage(), env });
  // Any command sets the instance up (database, encryption key) before the server starts.
  await n8n.importCredentials([]);
  server = await startN8nServer(n8n, env);
  cookie = await signUpOwner(server);
});

afterAll(async () => {
  await server?.stop();
  await Promise.allSettled([
    n8n?.remove(),
    peers?.stop(),
    openScim?.close(),
    graph?.close(),
    bamboo?.close(),
    personio?.close(),
    hibob?.close(),
    google?.close(),
  ]);
});

/** Saves a credential as the editor's dialog does, and gives its id. */
async function saveCredential(type: string, data: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${server.base}/rest/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: `Test ${type} ${Date.now()}`, type, data }),
  });
  const body = (await response.json()) as { data?: { id?: string } };
  if (response.status !== 200 || !body.data?.id) {
    throw new Error(`saving the credential answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.data.id;
}

/**
 * What the Test button shows (`OK`, or `Error` with a message) for a saved credential with
 * the data in the dialog, which may differ from what was saved.
 */
async function testCredential(
  type: string,
  saved: Record<string, unknown>,
  inDialog: Record<string, unknown> = saved,
): Promise<{ status: string; message: string }> {
  const id = await saveCredential(type, saved);
  const response = await fetch(`${server.base}/rest/credentials/test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ credentials: { id, name: `Test ${type}`, type, data: inDialog } }),
  });
  const body = (await response.json()) as { data?: { status: string; message: string } };
  if (response.status !== 200 || !body.data) {
    throw new Error(`credentials/test answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.data;
}

describe('Credential Test buttons in a started n8n (real sshd, scimmy, REST platform, HTTPS server)', () => {
  it('SCIM 2.0: the bearer token is accepted, a wrong one is refused', async () => {
    const right = await testCredential('hrSyncScimApi', { baseUrl: scim.url, token: scim.token });
    expect(right.status).toBe('OK');
    const wrong = await testCredential('hrSyncScimApi', { baseUrl: scim.url, token: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('SCIM 2.0: a wrong token is refused by a server that answers ServiceProviderConfig without one', async () => {
    const peer = openScim!;
    // The premise: this server's discovery endpoint needs no token at all.
    expect((await fetch(`${peer.url}/ServiceProviderConfig`)).status).toBe(200);
    const right = await testCredential('hrSyncScimApi', { baseUrl: peer.url, token: peer.token });
    expect(right.status).toBe('OK');
    const wrong = await testCredential('hrSyncScimApi', { baseUrl: peer.url, token: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('REST platform: the API key in the query string is accepted, a wrong one is refused', async () => {
    const data = restCredentialData(rest);
    expect((await testCredential('hrSyncRestPlatformApi', data)).status).toBe('OK');
    const wrong = await testCredential('hrSyncRestPlatformApi', { ...data, apiKey: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('HTTPS file: user name and password are accepted, a wrong password is refused', async () => {
    const data = {
      authType: 'basic',
      user: https.basic.user,
      password: https.basic.password,
      testUrl: `${https.url}/employees.csv`,
    };
    expect((await testCredential('hrSyncHttpsFileApi', data)).status).toBe('OK');
    const wrong = await testCredential('hrSyncHttpsFileApi', { ...data, password: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('SFTP: the password and host key are accepted, a wrong password is refused', async () => {
    const right = await testCredential('hrSyncSftpApi', sftpCredentialData(sshd));
    expect(right.status).toBe('OK');
    const wrong = await testCredential(
      'hrSyncSftpApi',
      sftpCredentialData(sshd, { password: WRONG }),
    );
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('SFTP: OK names the fingerprint that matched; without one it is refused, showing the presented key', async () => {
    const right = await testCredential('hrSyncSftpApi', sftpCredentialData(sshd));
    expect(right.message).toContain(sshd.hostKeyFingerprint);
    const without = await testCredential(
      'hrSyncSftpApi',
      sftpCredentialData(sshd, { hostKeyFingerprint: '' }),
    );
    expect(without.status).toBe('Error');
    expect(without.message).toContain(sshd.hostKeyFingerprint);
    expect(without.message).not.toMatch(/\bmatches\b/);
    expect(without.message).not.toContain(sshd.password);
  });

  it('Microsoft Graph: the client secret signs in and reads a user; a wrong one gives the AADSTS reason', async () => {
    const peer = graph!;
    const data = graphCredentialData(peer);
    const right = await testCredential('hrSyncMicrosoftGraphApi', data);
    expect(right).toMatchObject({ status: 'OK' });
    expect(right.message).toContain(peer.clientId);
    const wrong = await testCredential('hrSyncMicrosoftGraphApi', { ...data, clientSecret: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).toMatch(/AADSTS7000215/);
    expect(wrong.message).not.toContain(WRONG);
    expect(right.message).not.toContain(peer.clientSecret);
  });
  it('BambooHR: the API key reads one employee; a wrong key is refused', async () => {
    const peer = bamboo!;
    const data = { companyDomain: peer.companyDomain, apiKey: peer.apiKey, baseUrl: peer.baseUrl };
    const right = await testCredential('hrSyncBambooHrApi', data);
    expect(right.status).toBe('OK');
    expect(right.message).not.toContain(peer.apiKey);
    const wrong = await testCredential('hrSyncBambooHrApi', { ...data, apiKey: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('Personio: the client credentials get a token and read a person; a wrong secret is refused', async () => {
    const peer = personio!;
    const data = { clientId: peer.clientId, clientSecret: peer.clientSecret, baseUrl: peer.url };
    const right = await testCredential('hrSyncPersonioApi', data);
    expect(right.status).toBe('OK');
    expect(right.message).not.toContain(peer.clientSecret);
    const wrong = await testCredential('hrSyncPersonioApi', { ...data, clientSecret: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('HiBob: the service user reads one employee; a wrong token is refused', async () => {
    const peer = hibob!;
    const data = {
      serviceUserId: peer.serviceUserId,
      token: peer.token,
      environment: 'custom',
      baseUrl: peer.url,
    };
    const right = await testCredential('hrSyncHiBobApi', data);
    expect(right.status).toBe('OK');
    expect(right.message).not.toContain(peer.token);
    const wrong = await testCredential('hrSyncHiBobApi', { ...data, token: WRONG });
    expect(wrong.status).toBe('Error');
    expect(wrong.message).not.toContain(WRONG);
  });

  it('Google service account: the key acting as an admin reads the Directory; a wrong key or a missing delegation is refused, without the key', async () => {
    const peer = google!;
    const admin = 'admin@example.com';
    peer.addWorkspaceUser(admin);
    const data = (key: string) => ({
      serviceAccountKey: key,
      delegatedUser: admin,
      adminApiUrl: peer.rootUrl,
      sheetsApiUrl: peer.rootUrl,
      tokenUrl: peer.tokenUrl,
    });
    const delegated = peer.addServiceAccount([
      'https://www.googleapis.com/auth/admin.directory.user',
    ]);
    const right = await testCredential(
      'hrSyncGoogleServiceAccountApi',
      data(delegated.keyJson(peer.tokenUrl)),
    );
    expect(right).toMatchObject({ status: 'OK' });
    expect(right.message).toContain('can read and write the Workspace users');

    // A key the token endpoint does not know (deleted, or another project's).
    const unknown = makeServiceAccount('unknown');
    const wrong = await testCredential(
      'hrSyncGoogleServiceAccountApi',
      data(unknown.keyJson(peer.tokenUrl)),
    );
    expect(wrong.status).toBe('Error');
    expect(wrong.message).toMatch(/invalid_grant/);

    // A key the Admin console never authorised for domain-wide delegation.
    const undelegated = peer.addServiceAccount([]);
    const refused = await testCredential(
      'hrSyncGoogleServiceAccountApi',
      data(undelegated.keyJson(peer.tokenUrl)),
    );
    expect(refused.status).toBe('Error');
    expect(refused.message).toMatch(/unauthorized_client/);
    expect(refused.message).toContain('domain-wide delegation');

    for (const [result, account] of [
      [right, delegated],
      [wrong, unknown],
      [refused, undelegated],
    ] as const) {
      for (const line of account.privateKeyPem.split('\n').filter((part) => part.length >= 40)) {
        expect(result.message).not.toContain(line);
      }
    }
  });

  it('Google OAuth2: n8n tests it with its own check, whether it is connected, and never repeats the secret', async () => {
    // n8n 2.41 answers the Test of every credential built on oAuth2Api itself (an access
    // token is there, or not) and never calls the node's testedBy function.
    const base = {
      clientId: 'hr-sync-client',
      clientSecret: WRONG,
      accessTokenUrl: google!.tokenUrl,
      adminApiUrl: google!.rootUrl,
    };
    const unconnected = await testCredential('hrSyncGoogleOAuth2Api', base);
    expect(unconnected.status).toBe('Error');
    expect(unconnected.message).not.toContain(WRONG);
    const connected = await testCredential('hrSyncGoogleOAuth2Api', {
      ...base,
      oauthTokenData: { access_token: 'ya29.fake-access', refresh_token: 'fake-refresh' },
    });
    // OK for any stored access token: n8n does not try it (the node's first run does).
    expect(connected.status).toBe('OK');
    expect(connected.message).not.toContain('fake-refresh');
  });
});

describe("User Upsert's resource mapper in a started n8n (n8n's dynamic-node-parameters route)", () => {
  /** What the editor asks for when *Pick From the Platform's Attributes* opens. */
  async function platformAttributes(target: string, credentials: Record<string, unknown> = {}) {
    const response = await fetch(
      `${server.base}/rest/dynamic-node-parameters/resource-mapper-fields`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          path: 'parameters.platformAttributes',
          methodName: 'getPlatformAttributes',
          nodeTypeAndVersion: { name: 'n8n-nodes-hr-sync.userUpsert', version: 1 },
          currentNodeParameters: { target, mappingMode: 'platform' },
          credentials,
        }),
      },
    );
    const body = (await response.json()) as {
      data?: {
        fields: { id: string; displayName: string; removed?: boolean; defaultValue?: string }[];
      };
      message?: string;
    };
    return { status: response.status, body };
  }

  it("SCIM: lists the attributes read from the platform's /Schemas, the standard ones pre-filled", async () => {
    const id = await saveCredential('hrSyncScimApi', { baseUrl: scim.url, token: scim.token });
    const { status, body } = await platformAttributes('scim', {
      hrSyncScimApi: { id, name: 'SCIM' },
    });
    expect(status).toBe(200);
    const fields = body.data!.fields;
    const byName = new Map(fields.map((field) => [field.displayName, field]));
    expect(byName.get('title')).toMatchObject({ removed: false, defaultValue: 'jobTitle' });
    expect(
      byName.get('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter'),
    ).toMatchObject({
      removed: true,
    });
    expect(byName.has('externalId')).toBe(false);
    // The platform was asked: its recorded calls hold the /Schemas read.
    expect(scim.calls.some((call) => call.method === 'GET' && call.path.endsWith('/Schemas'))).toBe(
      true,
    );
  });

  it('SCIM: a refused token is an error the editor shows, without the token', async () => {
    const id = await saveCredential('hrSyncScimApi', { baseUrl: scim.url, token: WRONG });
    const { status, body } = await platformAttributes('scim', {
      hrSyncScimApi: { id, name: 'SCIM' },
    });
    expect(status).not.toBe(200);
    expect(JSON.stringify(body)).toMatch(/401/);
    expect(JSON.stringify(body)).not.toContain(WRONG);
  });

  it.each([
    ['entra', 'employeeHireDate', 'companyName'],
    ['googleWorkspace', 'organizations[type eq "work"].title', 'orgUnitPath'],
    ['rest', 'job_title', undefined],
  ])('%s: lists its own attributes', async (target, prefilled, offered) => {
    const { status, body } = await platformAttributes(target);
    expect(status).toBe(200);
    const byName = new Map(body.data!.fields.map((field) => [field.displayName, field]));
    expect(byName.get(prefilled)).toMatchObject({ removed: false });
    if (offered) expect(byName.get(offered)).toMatchObject({ removed: true });
  });
});
