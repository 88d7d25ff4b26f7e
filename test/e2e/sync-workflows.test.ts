/**
 * The example workflows, packed as a community package and run headless in a real n8n
 * against real peers on loopback: OpenSSH's sshd, a SCIM 2.0 server (scimmy), a REST
 * platform in the Springest seed's shape, and an HTTPS file server with its own CA.
 */
import { attributeFieldId } from '../../nodes/UserUpsert/platform-attribute-fields';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAllPeers, type AllPeers } from '../peers/all-peers';
import type { SshdPeer } from '../peers/sshd';
import { restCredentialData, sftpCredentialData } from '../peers/peer-credentials';
import type { ScimPeer } from '../peers/scim-server';
import type { RestPeer } from '../peers/rest-platform';
import type { HttpsFileServer } from '../peers/https-file-server';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { outputOf, ranNode, runError } from './helpers/run-data';
import { seedSyncMemory } from './helpers/sync-memory';
import {
  loadExample,
  setParameters,
  startManually,
  useCredential,
  type Workflow,
} from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'examples', 'data', 'employees.csv'));
const SAMPLE_IDS = ['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006'];

const CREDENTIALS = {
  sftp: { id: 'hrSyncSftpNightly', name: 'HR export SFTP' },
  scim: { id: 'hrSyncScimPlatform', name: 'Employee platform (SCIM)' },
  rest: { id: 'hrSyncRestPlatform', name: 'Employee platform (REST API)' },
  https: { id: 'hrSyncHttpsExport', name: 'HR export link' },
  sftpWrongPassword: { id: 'hrSyncSftpWrongPassword', name: 'SFTP with a wrong password' },
  sftpWrongHostKey: { id: 'hrSyncSftpWrongHostKey', name: 'SFTP expecting another host key' },
  sftpUnreachable: { id: 'hrSyncSftpUnreachable', name: 'SFTP on a closed port' },
  scimWrongToken: { id: 'hrSyncScimWrongToken', name: 'SCIM with a wrong token' },
};
const WRONG_PASSWORD = 'not-the-password-9f3a';
const WRONG_TOKEN = 'wrong-token-5c1e77';

let n8n: N8nInstance;
let sshd: SshdPeer;
let scim: ScimPeer;
let rest: RestPeer;
let https: HttpsFileServer;
let peers: AllPeers | undefined;

beforeAll(async () => {
  peers = await startAllPeers();
  ({ sshd, scim, rest, https } = peers);
  n8n = await createN8nInstance({
    packageTgz: await packPackage(),
    env: { NODE_EXTRA_CA_CERTS: https.caFile },
  });
  const sftpData = sftpCredentialData(sshd);
  await n8n.importCredentials([
    { ...CREDENTIALS.sftp, type: 'hrSyncSftpApi', data: sftpData },
    {
      ...CREDENTIALS.sftpWrongPassword,
      type: 'hrSyncSftpApi',
      data: { ...sftpData, password: WRONG_PASSWORD },
    },
    {
      ...CREDENTIALS.sftpWrongHostKey,
      type: 'hrSyncSftpApi',
      data: {
        ...sftpData,
        hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
    },
    { ...CREDENTIALS.sftpUnreachable, type: 'hrSyncSftpApi', data: { ...sftpData, port: 1 } },
    { ...CREDENTIALS.scim, type: 'hrSyncScimApi', data: { baseUrl: scim.url, token: scim.token } },
    {
      ...CREDENTIALS.scimWrongToken,
      type: 'hrSyncScimApi',
      data: { baseUrl: scim.url, token: WRONG_TOKEN },
    },
    {
      ...CREDENTIALS.rest,
      type: 'hrSyncRestPlatformApi',
      data: restCredentialData(rest),
    },
    {
      ...CREDENTIALS.https,
      type: 'hrSyncHttpsFileApi',
      data: {
        authType: 'basic',
        user: https.basic.user,
        password: https.basic.password,
        testUrl: `${https.url}/employees.csv`,
      },
    },
  ]);
});

afterAll(async () => {
  await Promise.allSettled([n8n?.remove(), peers?.stop()]);
});

/** The nightly example's Manual-trigger twin, reading `exports/employees*.csv`. */
function nightly(id: string): Workflow {
  const workflow = loadExample('nightly-sftp-to-scim.manual.json', id);
  return setParameters(workflow, 'HR Source', { folder: 'exports', stableSeconds: 0 });
}

async function run(workflow: Workflow) {
  await n8n.importWorkflow(workflow);
  const execution = await n8n.execute(workflow.id);
  return execution;
}

/** Each employee's `action:status`; the nightly example passes on changes only, then a count. */
function statuses(items: Array<{ json: Record<string, unknown> }>): Record<string, string> {
  return Object.fromEntries(
    items
      .filter(({ json }) => json.unchangedUsers === undefined)
      .map(({ json }) => [String(json.externalId), `${json.action}:${json.status}`]),
  );
}

/** The unchanged employees' count: the last item of User Upsert's "Changes and a Summary". */
function unchangedUsers(items: Array<{ json: Record<string, unknown> }>): unknown {
  return items.at(-1)?.json.unchangedUsers;
}

describe('Nightly SFTP sync to a SCIM platform (real n8n, real sshd, scimmy SCIM server)', () => {
  beforeAll(() => scim.reset());

  it('creates every employee of the file, then moves the file to the processed folder', async () => {
    await sshd.put('exports/employees.csv', SAMPLE);
    const { exitCode, result, stderr } = await run(nightly('e2eNightly1'));
    expect(runError(result)).toBeUndefined();
    expect(exitCode).toBe(0);
    const outcomes = outputOf(result, 'User Upsert');
    expect(statuses(outcomes)).toEqual(
      Object.fromEntries(SAMPLE_IDS.map((id) => [id, 'create:succeeded'])),
    );
    expect(unchangedUsers(outcomes)).toBe(0);
    const users = scim.users();
    expect(users.map((user) => user.externalId).sort()).toEqual(SAMPLE_IDS);
    const juergen = users.find((user) => user.externalId === 'E1002');
    expect(juergen?.name?.givenName).toBe('Jürgen');
    expect(juergen?.phoneNumbers?.find((phone) => phone.type === 'mobile')?.value).toBe(
      '+4915123456789',
    );
    expect(outputOf(result, 'Move File to Processed')[0]?.json.path).toMatch(
      /^exports\/processed\/employees.*\.csv$/,
    );
    expect(stderr).not.toContain(sshd.password);
  });

  it('a second run of the same file changes nothing: not one write call, one counting item out', async () => {
    await sshd.put('exports/employees.csv', SAMPLE);
    const before = scim.writeCalls().length;
    const { result } = await run(nightly('e2eNightly2'));
    expect(runError(result)).toBeUndefined();
    expect(outputOf(result, 'User Upsert').map((item) => item.json)).toEqual([
      { unchangedUsers: SAMPLE_IDS.length },
    ]);
    expect(outputOf(result, 'Sync Report')[0]?.json.counts).toMatchObject({
      unchanged: SAMPLE_IDS.length,
      created: 0,
      updated: 0,
    });
    expect(scim.writeCalls().length).toBe(before);
  });

  it('sends only the changed attribute, reactivates a rehire, and keeps a protected private phone', async () => {
    // Tonight's file also has a private mobile for E1002, which the admins already keep
    // in the platform as another number: the template protects it (written only on create).
    const changed = SAMPLE.toString('utf8')
      .replace('Warehouse Lead', 'Head of Warehouse')
      .trimEnd()
      .split('\n')
      .map((line, index) =>
        index === 0
          ? `${line},Private Mobile Phone`
          : `${line},${line.startsWith('E1002,') ? '+49 151 99999999' : ''}`,
      )
      .join('\n');
    const adminPhone = { value: '+31611111111', type: 'home' };
    const juergen = scim.users().find((user) => user.externalId === 'E1002');
    const rehire = scim.users().find((user) => user.externalId === 'E1005');
    scim.seed([
      { ...juergen, phoneNumbers: [...(juergen?.phoneNumbers ?? []), adminPhone] },
      { ...rehire, active: false },
    ]);
    await sshd.put('exports/employees.csv', changed);
    // Only a user this sync archived itself is reactivated: its memory says it archived E1005.
    await seedSyncMemory(
      n8n,
      { workflowId: 'e2eNightly3', platform: 'scim', credentialId: 'hrSyncScimPlatform' },
      { archivedBySync: { E1005: '2024-01-01' } },
    );
    const before = scim.writeCalls().length;
    const { result } = await run(nightly('e2eNightly3'));
    expect(runError(result)).toBeUndefined();
    const upserted = outputOf(result, 'User Upsert');
    expect(statuses(upserted)).toEqual({
      E1002: 'update:succeeded',
      E1005: 'reactivate:succeeded',
    });
    expect(unchangedUsers(upserted)).toBe(SAMPLE_IDS.length - 2);
    const writes = scim.writeCalls().slice(before);
    expect(writes).toHaveLength(2);
    const patch = writes.find((call) => JSON.stringify(call.body).includes('Head of Warehouse'));
    expect((patch?.body as { Operations: unknown[] }).Operations).toEqual([
      { op: 'replace', path: 'title', value: 'Head of Warehouse' },
    ]);
    expect(scim.users().find((user) => user.externalId === 'E1005')?.active).toBe(true);
    const phones = scim.users().find((user) => user.externalId === 'E1002')?.phoneNumbers ?? [];
    expect(phones.find((phone) => phone.type === 'home')?.value).toBe(adminPhone.value);
  });

  it('dry run: shows the plan field by field and writes nothing', async () => {
    const workflow = setParameters(loadExample('dry-run.json', 'e2eDryRun'), 'HR Source', {
      folder: 'exports',
      stableSeconds: 0,
    });
    await sshd.put('exports/employees.csv', SAMPLE);
    const before = scim.writeCalls().length;
    const { result } = await run(workflow);
    expect(runError(result)).toBeUndefined();
    const e1002 = outputOf(result, 'User Upsert').find((item) => item.json.externalId === 'E1002');
    expect(e1002?.json).toMatchObject({
      action: 'update',
      status: 'planned',
      dryRun: true,
      changes: [
        { field: 'jobTitle', attribute: 'title', from: 'Head of Warehouse', to: 'Warehouse Lead' },
      ],
    });
    expect(scim.writeCalls().length).toBe(before);
  });

  it("picked platform attributes (the resource mapper's value): a dry run plans exactly those", async () => {
    let workflow = setParameters(loadExample('dry-run.json', 'e2eDryRunPicked'), 'HR Source', {
      folder: 'exports',
      stableSeconds: 0,
    });
    workflow = setParameters(workflow, 'User Upsert', {
      mappingMode: 'platform',
      platformAttributes: {
        mappingMode: 'defineBelow',
        value: {
          [attributeFieldId('userName')]: 'email',
          [attributeFieldId('title')]: 'department',
        },
      },
    });
    await sshd.put('exports/employees.csv', SAMPLE);
    const before = scim.writeCalls().length;
    const { result } = await run(workflow);
    expect(runError(result)).toBeUndefined();
    const updates = outputOf(result, 'User Upsert').filter((item) => item.json.action === 'update');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(update.json.changes).toEqual([
        expect.objectContaining({ field: 'department', attribute: 'title' }),
      ]);
    }
    expect(scim.writeCalls().length).toBe(before);
  });
});

describe('Platform faults (real n8n against the scimmy SCIM server with injected 429 and 500)', () => {
  beforeAll(() => scim.reset());

  it('syncs the others, reports the failed user with its reason, and a second run finishes it', async () => {
    scim.failNext({ externalId: 'E1003', status: 429, times: 1, retryAfterSeconds: 1 });
    // Exactly the three tries of this run: the next run finds the platform healthy again.
    scim.failNext({ externalId: 'E1004', status: 500, times: 3 });
    const workflow = setParameters(nightly('e2eFaults1'), 'User Upsert', {
      options: { concurrency: 2, maxAttempts: 3, baseDelayMs: 50 },
    });
    await sshd.put('exports/employees.csv', SAMPLE);
    const { result } = await run(workflow);
    expect(runError(result)).toBeUndefined();
    const outcomes = outputOf(result, 'User Upsert');
    const e1004 = outcomes.find((item) => item.json.externalId === 'E1004')?.json;
    expect(e1004).toMatchObject({
      action: 'create',
      status: 'failed',
      httpStatus: 500,
      attempts: 3,
    });
    expect(String(e1004?.reason)).toContain('500');
    expect(outcomes.find((item) => item.json.externalId === 'E1003')?.json).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(
      scim
        .users()
        .map((user) => user.externalId)
        .sort(),
    ).toEqual(SAMPLE_IDS.filter((id) => id !== 'E1004'));

    await sshd.put('exports/employees.csv', SAMPLE);
    const second = await run(nightly('e2eFaults2'));
    expect(runError(second.result)).toBeUndefined();
    const upserted = outputOf(second.result, 'User Upsert');
    expect(statuses(upserted)).toEqual({ E1004: 'create:succeeded' });
    expect(unchangedUsers(upserted)).toBe(SAMPLE_IDS.length - 1);
    expect(
      scim
        .users()
        .map((user) => user.externalId)
        .sort(),
    ).toEqual(SAMPLE_IDS);
  });
});

describe('Upload a CSV, validate, upsert into a REST platform (real n8n, HTTPS file with basic auth, Springest-shaped API)', () => {
  /** The form example, its Form Trigger swapped for Manual Trigger + HR Source reading the HTTPS export. */
  function formToRest(id: string): Workflow {
    const workflow = loadExample('form-upload-to-rest.json', id);
    startManually(workflow, 'Upload Employee CSV', {
      id: 'b1f1c7de-0000-4000-8000-000000000002',
      name: 'HR Source',
      type: 'n8n-nodes-hr-sync.hrSource',
      typeVersion: 1,
      position: [200, 300],
      parameters: {
        source: 'https',
        url: `${https.url}/employees.csv`,
        authentication: 'credential',
        binaryPropertyName: 'Employee_file',
      },
    });
    return useCredential(workflow, 'HR Source', 'hrSyncHttpsFileApi', CREDENTIALS.https);
  }

  it('creates the valid employees, sends the invalid row to the rejected output with an errors CSV', async () => {
    const withBadRow = `${SAMPLE.toString('utf8').trimEnd()}\nE1099,No,Country,no.country@example.com,0612345678,,nl,Sales,Clerk,,2024-01-01,\n`;
    https.put('/employees.csv', Buffer.from(withBadRow), 'basic');
    const { result } = await run(formToRest('e2eRest1'));
    expect(runError(result)).toBeUndefined();
    expect(statuses(outputOf(result, 'User Upsert'))).toEqual(
      Object.fromEntries(SAMPLE_IDS.map((id) => [id, 'create:succeeded'])),
    );
    const rejected = outputOf(result, 'CSV Parse & Validate', 1);
    expect(rejected.map((item) => item.json.externalId)).toEqual(['E1099']);
    expect(String(rejected[0]?.json.errors)).toMatch(/country/);
    expect(rejected[0]?.binary?.errors?.fileName).toBe('errors.csv');
    const sanne = rest.users().find((user) => user.external_id === 'E1001');
    expect(sanne).toMatchObject({
      first_name: 'Sanne',
      email: 'sanne.devries@example.com',
      phone_number: '+31612345678',
    });
    expect(sanne?.tags).toEqual(['leadership', 'amsterdam']);
    expect(rest.users().find((user) => user.external_id === 'E1099')).toBeUndefined();
  });

  it('a second run changes nothing: not one write call', async () => {
    const before = rest.writeCalls().length;
    // The same workflow: its memory holds a fingerprint of what was sent to each user, since
    // this API's lookup returns only id, external ID, e-mail and active.
    const { result } = await run(formToRest('e2eRest1'));
    expect(runError(result)).toBeUndefined();
    expect(rest.writeCalls().length).toBe(before);
    expect(new Set(outputOf(result, 'User Upsert').map((item) => item.json.status))).toEqual(
      new Set(['unchanged']),
    );
  });

  it('a leaver missing from the export is archived, though this API has no list: the users the sync owns are looked up', async () => {
    const workflow = formToRest('e2eRest1');
    const leaver = SAMPLE_IDS[SAMPLE_IDS.length - 1]!;
    workflow.nodes.push({
      id: 'b1f1c7de-0000-4000-8000-000000000003',
      name: 'Archive Missing Users',
      type: 'n8n-nodes-hr-sync.archiveMissingUsers',
      typeVersion: 1,
      position: [1100, 300],
      // One of six is 17%: above the default 10% brake.
      parameters: {
        target: 'rest',
        validationNode: 'CSV Parse & Validate',
        brakes: { maxPercentage: 20 },
      },
      credentials: { hrSyncRestPlatformApi: CREDENTIALS.rest },
    });
    workflow.connections['User Upsert'] = {
      main: [[{ node: 'Archive Missing Users', type: 'main', index: 0 }]],
    };
    const withoutLeaver = SAMPLE.toString('utf8')
      .split('\n')
      .filter((line) => !line.startsWith(`${leaver},`))
      .join('\n');
    https.put('/employees.csv', Buffer.from(withoutLeaver), 'basic');
    const before = rest.writeCalls().length;
    const { result } = await run(workflow);
    expect(runError(result)).toBeUndefined();
    expect(outputOf(result, 'Archive Missing Users')[0]?.json.outcomes).toEqual([
      expect.objectContaining({ externalId: leaver, action: 'archive', status: 'succeeded' }),
    ]);
    expect(rest.users().find((user) => user.external_id === leaver)?.active).toBe(false);
    expect(rest.writeCalls().length).toBe(before + 1);
  });
});

describe('Bad input stops the run before anything is written, with a message that names the place and no secret', () => {
  beforeAll(async () => {
    scim.reset();
    await sshd.put('exports/employees.csv', SAMPLE);
  });

  async function expectStopped(workflow: Workflow, pattern: RegExp, secrets: string[] = []) {
    const before = scim.writeCalls().length;
    const { exitCode, result, stdout, stderr } = await run(workflow);
    expect(exitCode).not.toBe(0);
    const error = runError(result);
    expect(error?.message).toMatch(pattern);
    expect(ranNode(result, 'User Upsert') && outputOf(result, 'User Upsert').length > 0).toBe(
      false,
    );
    expect(scim.writeCalls().length).toBe(before);
    for (const secret of secrets) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
    return error;
  }

  it('a wrong SFTP password', async () => {
    const workflow = useCredential(
      nightly('e2eBadPassword'),
      'HR Source',
      'hrSyncSftpApi',
      CREDENTIALS.sftpWrongPassword,
    );
    const error = await expectStopped(workflow, /127\.0\.0\.1/, [WRONG_PASSWORD, sshd.password]);
    expect(`${error?.message} ${error?.description}`).toMatch(/password|credential/i);
  });

  it('a host key that does not match the credential', async () => {
    const workflow = useCredential(
      nightly('e2eBadHostKey'),
      'HR Source',
      'hrSyncSftpApi',
      CREDENTIALS.sftpWrongHostKey,
    );
    await expectStopped(workflow, /host key/i, [sshd.password]);
  });

  it('an unreachable SFTP host', async () => {
    const workflow = useCredential(
      nightly('e2eUnreachable'),
      'HR Source',
      'hrSyncSftpApi',
      CREDENTIALS.sftpUnreachable,
    );
    await expectStopped(workflow, /127\.0\.0\.1/, [sshd.password]);
  });

  it('a missing file', async () => {
    const workflow = setParameters(nightly('e2eMissingFile'), 'HR Source', {
      fileSelection: 'path',
      path: 'exports/no-such-file.csv',
    });
    await expectStopped(workflow, /exports\/no-such-file\.csv/);
  });

  it('a 401 from the SCIM platform', async () => {
    const workflow = useCredential(
      nightly('e2eScim401'),
      'User Upsert',
      'hrSyncScimApi',
      CREDENTIALS.scimWrongToken,
    );
    await sshd.put('exports/employees.csv', SAMPLE);
    const error = await expectStopped(workflow, /401/, [WRONG_TOKEN, scim.token]);
    expect(error?.message).toContain(scim.url.replace(/\/+$/, ''));
  });

  it('a file that cannot be decoded (a spreadsheet saved as .csv)', async () => {
    const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    await sshd.put('exports/employees.csv', xlsx);
    await expectStopped(nightly('e2eUndecodable'), /Excel|spreadsheet|xlsx/i);
  });
});
