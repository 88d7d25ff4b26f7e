/**
 * The HR systems read over their APIs, in a real n8n, against the local fakes
 * (test/peers/hr): BambooHR to a SCIM platform (scimmy) night after night, Personio to the
 * REST platform and to Entra ID (the fake Graph), HiBob to SCIM, BambooHR to Google
 * Workspace (the fake Google Directory). Each run is the shipped example workflow, started
 * by hand instead of by its schedule, its e-mail node taken out.
 */
import { makeHrPeople, type HrPerson } from '../peers/hr/hr-people';
import { startBambooHr, type BambooHrPeer } from '../peers/hr/bamboohr-server';
import { startPersonio, type PersonioPeer } from '../peers/hr/personio-server';
import { startHiBob, type HiBobPeer } from '../peers/hr/hibob-server';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../peers/scim-server';
import { startRestPlatform, type RestPeer } from '../peers/rest-platform';
import { restCredentialData, graphCredentialData } from '../peers/peer-credentials';
import { startGooglePeer, type GooglePeer } from '../peers/google';
import { startGraphServer, type GraphPeer } from '../peers/graph/graph-server';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { expectNoSecretsIn } from './assertions/no-secrets';
import { outputOf, runError, type ItemJson } from './helpers/run-data';
import {
  loadExample,
  setParameters,
  startManually,
  useCredential,
  withoutNode,
  type Workflow,
} from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const CREDENTIALS = {
  bamboohr: { id: 'hrSyncBambooHr', name: 'BambooHR (HR Sync API key)' },
  personio: { id: 'hrSyncPersonio', name: 'Personio (HR Sync client)' },
  hibob: { id: 'hrSyncHiBob', name: 'HiBob (HR Sync service user)' },
  scim: { id: 'hrSyncScimPlatform', name: 'Employee platform (SCIM)' },
  hibobScim: { id: 'hrSyncScimForHiBob', name: 'Employee platform for HiBob (SCIM)' },
  rest: { id: 'hrSyncRestPlatform', name: 'Employee platform (REST API)' },
  google: { id: 'hrSyncGoogleServiceAccount', name: 'Google service account (HR Sync)' },
  graph: { id: 'hrSyncGraphApp', name: 'Microsoft Graph (HR Sync app)' },
};

/** The Workspace admin the service account acts as, and the scopes it was granted. */
const GOOGLE_ADMIN = 'admin@example.com';
const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
];

let bamboo: BambooHrPeer;
let personio: PersonioPeer;
let hibob: HiBobPeer;
let scim: ScimPeer;
let hibobScim: ScimPeer;
let rest: RestPeer;
let google: GooglePeer;
let graph: GraphPeer;
let n8n: N8nInstance;

beforeAll(async () => {
  [bamboo, personio, hibob, scim, hibobScim, rest, google, graph] = await Promise.all([
    startBambooHr(makeHrPeople(20)),
    startPersonio(makeHrPeople(12)),
    // HiBob's backend IDs are 19 digits.
    startHiBob(makeHrPeople(20, '300000000000000')),
    startScimServer(),
    startScimServer(),
    startRestPlatform(),
    // The OUs the example's table names, and its fallback.
    startGooglePeer({
      directory: { orgUnits: ['/Staff', '/Staff/Sales', '/Staff/Support'], admins: [GOOGLE_ADMIN] },
    }),
    startGraphServer(),
  ]);
  const serviceAccount = google.addServiceAccount(GOOGLE_SCOPES);
  google.addWorkspaceUser(GOOGLE_ADMIN);
  n8n = await createN8nInstance({ packageTgz: await packPackage() });
  await n8n.importCredentials([
    {
      ...CREDENTIALS.bamboohr,
      type: 'hrSyncBambooHrApi',
      data: { companyDomain: bamboo.companyDomain, apiKey: bamboo.apiKey, baseUrl: bamboo.baseUrl },
    },
    {
      ...CREDENTIALS.personio,
      type: 'hrSyncPersonioApi',
      data: {
        clientId: personio.clientId,
        clientSecret: personio.clientSecret,
        baseUrl: personio.url,
      },
    },
    {
      ...CREDENTIALS.hibob,
      type: 'hrSyncHiBobApi',
      data: {
        serviceUserId: hibob.serviceUserId,
        token: hibob.token,
        environment: 'custom',
        baseUrl: hibob.url,
      },
    },
    {
      ...CREDENTIALS.scim,
      type: 'hrSyncScimApi',
      data: { baseUrl: scim.url, token: scim.token },
    },
    {
      ...CREDENTIALS.hibobScim,
      type: 'hrSyncScimApi',
      data: { baseUrl: hibobScim.url, token: hibobScim.token },
    },
    { ...CREDENTIALS.rest, type: 'hrSyncRestPlatformApi', data: restCredentialData(rest) },
    {
      ...CREDENTIALS.google,
      type: 'hrSyncGoogleServiceAccountApi',
      data: {
        serviceAccountKey: serviceAccount.keyJson('https://oauth2.googleapis.com/token'),
        delegatedUser: GOOGLE_ADMIN,
        adminApiUrl: google.rootUrl,
        tokenUrl: google.tokenUrl,
      },
    },
    {
      ...CREDENTIALS.graph,
      type: 'hrSyncMicrosoftGraphApi',
      data: graphCredentialData(graph),
    },
  ]);
});

afterAll(async () => {
  await Promise.allSettled([
    n8n?.remove(),
    bamboo?.close(),
    personio?.close(),
    hibob?.close(),
    scim?.close(),
    hibobScim?.close(),
    rest?.close(),
    google?.close(),
    graph?.close(),
  ]);
});

function example(file: string, id: string): Workflow {
  const workflow = loadExample(file, id);
  startManually(workflow, 'Every Night at 02:00');
  return withoutNode(workflow, 'E-mail the Report');
}

async function run(workflow: Workflow, secrets: string[]) {
  await n8n.importWorkflow(workflow);
  const execution = await n8n.execute(workflow.id);
  expect(runError(execution.result)).toBeUndefined();
  expect(execution.exitCode).toBe(0);
  // No key, secret or token in any output, binary or kept file.
  expectNoSecretsIn(execution, n8n.userFolder, secrets);
  const report = (outputOf(execution.result, 'Sync Report')[0] as ItemJson).json;
  const archive = outputOf(execution.result, 'Archive Missing Users')[0]?.json ?? {};
  const upsert = outputOf(execution.result, 'User Upsert').map((item) => item.json);
  return { execution, report, archive, upsert };
}

/** The person with this employee number, changed. */
function change(people: HrPerson[], employeeNumber: string, fields: Partial<HrPerson>): void {
  const person = people.find((candidate) => candidate.employeeNumber === employeeNumber);
  if (!person) throw new Error(`no ${employeeNumber}`);
  Object.assign(person, fields);
}

const isActive = (person: HrPerson) => person.status === 'Active';

describe('BambooHR → a SCIM platform, night after night (real n8n, fake BambooHR, scimmy)', () => {
  // *Empty Value in HR Means: Clear*: an empty department in HR would clear the platform's.
  const workflow = () =>
    setParameters(example('nightly-bamboohr-to-scim.json', 'e2eBambooHrScim'), 'User Upsert', {
      emptySourceValue: 'clear',
    });

  async function night() {
    const writesBefore = scim.writeCalls().length;
    const result = await run(workflow(), [bamboo.apiKey, scim.token]);
    return { ...result, writes: scim.writeCalls().slice(writesBefore) };
  }

  const scimUser = (employeeNumber: string) =>
    scim.users().find((user) => user.externalId === employeeNumber);

  it('night 1: creates every current employee, with their manager; leavers are not created', async () => {
    const { report } = await night();
    const current = bamboo.people.filter(isActive);
    expect(report.counts).toMatchObject({ created: current.length, failed: 0, rejected: 0 });
    expect(scim.users()).toHaveLength(current.length);
    expect(scimUser('E00005')).toBeUndefined();
    const manager = scimUser('E00001')!;
    expect(scimUser('E00002')?.[ENTERPRISE_USER]?.manager?.value).toBe(manager.id);
    expect(scimUser('E00002')?.[ENTERPRISE_USER]?.department).toBe('Sales');
    // The dataset was read page by page with its named fields, leavers included.
    const reads = bamboo.calls.filter((call) => call.path === '/api/v2/datasets/employee/data');
    expect(reads.length).toBeGreaterThan(0);
  });

  it('night 2: a change is written, a leaver by termination date is archived', async () => {
    change(bamboo.people, 'E00002', { jobTitle: 'Team Lead' });
    change(bamboo.people, 'E00003', { terminationDate: '2026-11-30', status: 'Inactive' });
    const { report, archive } = await night();
    expect(report.counts).toMatchObject({ updated: 1, archived: 1, failed: 0 });
    expect(scimUser('E00002')?.title).toBe('Team Lead');
    expect(scimUser('E00003')?.active).toBe(false);
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E00003', action: 'archive', status: 'succeeded' }),
    ]);
  });

  it('night 3: the leaver is rehired and reactivated; nothing else is written', async () => {
    // The rehire needs a leaver this sync archived itself: last night's.
    change(bamboo.people, 'E00003', { terminationDate: '', status: 'Active' });
    const { report, writes } = await night();
    expect(report.counts).toMatchObject({ reactivated: 1, updated: 0, created: 0, archived: 0 });
    expect(scimUser('E00003')?.active).toBe(true);
    expect(writes).toHaveLength(1);
  });

  it('night 4: the API key loses the department: a warning names it, and nobody’s department is cleared', async () => {
    const departmentsBefore = scim.users().map((user) => user[ENTERPRISE_USER]?.department);
    expect(departmentsBefore.every(Boolean)).toBe(true);
    bamboo.restrict(['department']);
    try {
      const { report, upsert, writes } = await night();
      const warnings = (report.warnings ?? []) as Array<{ node: string; message: string }>;
      expect(warnings).toEqual([
        expect.objectContaining({
          node: 'HR Source',
          message: expect.stringMatching(/jobInformationDepartment.*department.*permissions/s),
        }),
      ]);
      expect(String(report.html)).toContain('Warnings');
      // Zero writes: the empty departments did not clear anything, though Clear is set.
      expect(writes).toEqual([]);
      expect(scim.users().map((user) => user[ENTERPRISE_USER]?.department)).toEqual(
        departmentsBefore,
      );
      expect(upsert[upsert.length - 1]).toMatchObject({ notCleared: ['department'] });
    } finally {
      bamboo.restrict([]);
    }
  });

  it('night 5: the department is readable again: no warning, and nothing to write', async () => {
    const { report, writes } = await night();
    expect(report.warnings ?? []).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('night 6: far more departments empty than last night: a warning with both counts, and none cleared', async () => {
    const departmentsBefore = scim.users().map((user) => user[ENTERPRISE_USER]?.department);
    // 8 of the 20 rows lose their department at once, against none last night: an API user
    // who lost access to some employees' records looks like this, not like 8 real changes.
    const blanked = bamboo.people.filter(isActive).slice(0, 8);
    const kept = blanked.map((person) => person.department);
    for (const person of blanked) person.department = '';
    try {
      const { report, upsert, writes } = await night();
      const warnings = (report.warnings ?? []) as Array<{ node: string; message: string }>;
      expect(warnings).toEqual([
        expect.objectContaining({
          node: 'HR Source',
          message: expect.stringMatching(/department.*for 8 of 20 employees, against 0 of 20/s),
        }),
      ]);
      expect(writes).toEqual([]);
      expect(scim.users().map((user) => user[ENTERPRISE_USER]?.department)).toEqual(
        departmentsBefore,
      );
      expect(upsert[upsert.length - 1]).toMatchObject({ notCleared: ['department'] });
    } finally {
      blanked.forEach((person, index) => (person.department = kept[index]!));
    }
  });
});

describe('Personio → the REST platform (real n8n, fake Personio v2, Springest-shaped API)', () => {
  const workflow = () => example('nightly-personio-to-rest.json', 'e2ePersonioRest');

  it('creates the current employees, then a second run writes nothing', async () => {
    const secrets = [personio.clientSecret, rest.apiKey];
    const first = await run(workflow(), secrets);
    const rejected = outputOf(first.execution.result, 'CSV Parse & Validate', 1);
    expect(rejected.map((item) => item.json.errors)).toEqual([]);
    const current = personio.people.filter(isActive);
    expect(first.report.counts).toMatchObject({ created: current.length, failed: 0 });
    expect(rest.users()).toHaveLength(current.length);
    const anyone = current[1]!;
    expect(rest.users().find((user) => user.external_id === anyone.hrId)).toMatchObject({
      email: anyone.email,
    });
    // The client secret went only into the token request.
    expect(personio.tokensIssued()).toBeGreaterThan(0);

    const before = rest.writeCalls().length;
    const second = await run(workflow(), secrets);
    expect(rest.writeCalls().length).toBe(before);
    expect(second.report.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });
});

describe('HiBob → a SCIM platform (real n8n, fake HiBob people search, scimmy)', () => {
  const workflow = () => {
    const flow = example('nightly-hibob-to-scim.json', 'e2eHiBobScim');
    // A SCIM platform of its own, so the BambooHR nights' users are not in its way.
    for (const name of ['User Upsert', 'Archive Missing Users']) {
      useCredential(flow, name, 'hrSyncScimApi', CREDENTIALS.hibobScim);
    }
    return flow;
  };

  it('creates the current employees; a leaver read with showInactive is archived', async () => {
    const secrets = [hibob.token, hibobScim.token];
    const first = await run(workflow(), secrets);
    const current = hibob.people.filter(isActive);
    expect(first.report.counts).toMatchObject({ created: current.length, failed: 0 });
    expect(hibobScim.users()).toHaveLength(current.length);
    const search = hibob.calls.find((call) => call.path === '/v1/people/search');
    expect(search?.body).toMatchObject({ showInactive: true });

    change(hibob.people, 'E00004', { terminationDate: '2026-11-30', status: 'Inactive' });
    const second = await run(workflow(), secrets);
    expect(second.archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E00004', action: 'archive', status: 'succeeded' }),
    ]);
    expect(hibobScim.users().find((user) => user.externalId === 'E00004')?.active).toBe(false);
  });
});

describe('BambooHR → Google Workspace (real n8n, fake BambooHR, fake Google Directory)', () => {
  const workflow = () =>
    example('nightly-bamboohr-to-google-workspace.json', 'e2eBambooHrGoogleWorkspace');
  const directoryWrites = () => google.directory.calls.filter((call) => call.method !== 'GET');
  const externalIdOf = (user: Record<string, unknown>): string | undefined =>
    (user.externalIds as Array<{ type: string; value: string }> | undefined)?.find(
      (entry) => entry.type === 'organization',
    )?.value;
  const workspaceUser = (employeeNumber: string) =>
    google.directory.users().find((user) => externalIdOf(user) === employeeNumber);

  it('night 1 creates the current employees in their OU, with managers; a second run writes nothing', async () => {
    const first = await run(workflow(), [bamboo.apiKey]);
    const current = bamboo.people.filter(isActive);
    expect(first.report.counts).toMatchObject({ created: current.length, failed: 0, rejected: 0 });
    const managed = google.directory.users().filter((user) => externalIdOf(user));
    expect(managed).toHaveLength(current.length);
    const sales = current.find((person) => person.department === 'Sales')!;
    const engineer = current.find(
      (person) => person.department === 'Engineering' && person.managerHrId,
    )!;
    expect(workspaceUser(sales.employeeNumber)).toMatchObject({
      primaryEmail: sales.email,
      orgUnitPath: '/Staff/Sales',
      suspended: false,
    });
    // Engineering is not in the example's OU table: its fallback.
    expect(workspaceUser(engineer.employeeNumber)?.orgUnitPath).toBe('/Staff');
    const manager = workspaceUser(current[0]!.employeeNumber)!;
    expect(workspaceUser(sales.employeeNumber)?.relations).toEqual([
      { type: 'manager', value: manager.primaryEmail },
    ]);
    // The generated first passwords are in no output.
    const passwords = [...google.directory.store.passwords.values()];
    expect(passwords.length).toBeGreaterThan(0);
    expectNoSecretsIn(first.execution, n8n.userFolder, passwords);

    const before = directoryWrites().length;
    const second = await run(workflow(), [bamboo.apiKey]);
    expect(directoryWrites().length).toBe(before);
    expect(second.report.counts).toMatchObject({ created: 0, updated: 0, archived: 0, failed: 0 });
  });
});

describe('Personio → Microsoft Entra ID (real n8n, fake Personio v2, fake Graph)', () => {
  const workflow = () => example('nightly-personio-to-entra.json', 'e2ePersonioEntra');
  const entraUser = (hrId: string) => graph.users().find((user) => user.employeeId === hrId);

  it('night 1 creates the current employees with the template sign-in name and their manager; a second run writes nothing', async () => {
    const secrets = [personio.clientSecret, graph.clientSecret];
    const first = await run(workflow(), secrets);
    const rejected = outputOf(first.execution.result, 'CSV Parse & Validate', 1);
    expect(rejected.map((item) => item.json.errors)).toEqual([]);
    const current = personio.people.filter(isActive);
    expect(first.report.counts).toMatchObject({ created: current.length, failed: 0 });
    expect(graph.users()).toHaveLength(current.length);
    const anyone = current[1]!;
    expect(entraUser(anyone.hrId)).toMatchObject({
      mail: anyone.email,
      userPrincipalName: `${anyone.firstName}.${anyone.lastName}@contoso.com`.toLowerCase(),
      accountEnabled: true,
    });
    expect(entraUser(anyone.hrId)?.managerId).toBe(entraUser(current[0]!.hrId)?.id);
    const passwords = graph.users().map((user) => user.passwordProfile?.password ?? '');
    expect(passwords.filter(Boolean).length).toBeGreaterThan(0);
    expectNoSecretsIn(first.execution, n8n.userFolder, passwords);

    const before = graph.writeCalls().length;
    const second = await run(workflow(), secrets);
    expect(graph.writeCalls().length).toBe(before);
    expect(second.report.counts).toMatchObject({ created: 0, updated: 0, archived: 0, failed: 0 });
  });
});
