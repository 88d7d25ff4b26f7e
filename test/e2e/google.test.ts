/**
 * Google in a real n8n, against the local fake Google (test/peers/google: a token endpoint,
 * Sheets v4 and the Directory API on loopback): the HR sheet synced to Google Workspace
 * night after night with a service account acting as an admin. Each night is the shipped
 * example workflow, started by hand instead of by its schedule, its e-mail node taken out.
 */
import { startGooglePeer, type GooglePeer, type TestServiceAccount } from '../peers/google';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../peers/scim-server';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { expectNoSecretsIn } from './assertions/no-secrets';
import { keptFiles } from './helpers/kept-files';
import { outputOf, runError, type ItemJson } from './helpers/run-data';
import {
  loadExample,
  nodeNamed,
  setParameters,
  startManually,
  withoutNode,
  type Workflow,
} from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const ADMIN = 'admin@example.com';
/** The spreadsheet the example names (its URL's ID). */
const SPREADSHEET_ID = '1HrSyncExampleEmployeeSheet0000000000000';
const SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/spreadsheets.readonly',
];
const HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Country',
  'Language',
  'Department',
  'Job Title',
  'Manager ID',
  'Start Date',
  'End Date',
];
const OAUTH2 = {
  clientId: 'hr-sync-web-client.apps.googleusercontent.com',
  clientSecret: 'oauth-client-secret-5b1e77',
  refreshToken: 'oauth-refresh-token-0c93d2',
};
const OAUTH2_CREDENTIAL = { id: 'hrSyncGoogleOAuth2', name: 'Google sign-in (HR Sync)' };
const IDS = Array.from({ length: 12 }, (_, index) => `E${String(index + 1).padStart(3, '0')}`);

interface Row {
  id: string;
  department?: string;
  endDate?: string;
  email?: string;
}

/** Sales for the first six, Support for the next five, and one the OU table does not name. */
function departmentOf(n: number): string {
  return n <= 6 ? 'Sales' : n <= 11 ? 'Support' : 'Finance';
}

function cells({ id, department, endDate, email }: Row): string[] {
  const n = Number(id.slice(1));
  return [
    // Text, as the sheet shows it: the leading zeros stay.
    id,
    `Anne${n}`,
    n % 2 ? 'de Vries' : 'Müller',
    email ?? `${id.toLowerCase()}@hr.example.org`,
    'NL',
    'nl',
    department ?? departmentOf(n),
    'Clerk',
    // E001 manages everyone.
    n === 1 ? '' : 'E001',
    '2024-03-01',
    endDate ?? '',
  ];
}

let google: GooglePeer;
let account: TestServiceAccount;
let n8n: N8nInstance;
let scim: ScimPeer;

beforeAll(async () => {
  scim = await startScimServer({ bulkMaxOperations: 0 });
  google = await startGooglePeer({
    directory: { orgUnits: ['/Staff', '/Staff/Sales', '/Staff/Support'], admins: [ADMIN] },
  });
  account = google.addServiceAccount(SCOPES);
  google.addWorkspaceUser(ADMIN);
  google.addRefreshGrant({ ...OAUTH2, subject: ADMIN, scopes: SCOPES });
  n8n = await createN8nInstance({ packageTgz: await packPackage() });
  await n8n.importCredentials([
    {
      id: 'hrSyncGoogleServiceAccount',
      name: 'Google service account (HR Sync)',
      type: 'hrSyncGoogleServiceAccountApi',
      data: {
        // The key names Google's token endpoint, as a downloaded key does; the credential's
        // Token URL sends the grant to the fake instead, as it would to a proxy.
        serviceAccountKey: account.keyJson('https://oauth2.googleapis.com/token'),
        delegatedUser: ADMIN,
        sheetsApiUrl: google.rootUrl,
        adminApiUrl: google.rootUrl,
        tokenUrl: google.tokenUrl,
      },
    },
    {
      id: 'hrSyncScimPlatform',
      name: 'Employee platform (SCIM)',
      type: 'hrSyncScimApi',
      data: { baseUrl: scim.url, token: scim.token },
    },
    {
      ...OAUTH2_CREDENTIAL,
      type: 'hrSyncGoogleOAuth2Api',
      data: {
        clientId: OAUTH2.clientId,
        clientSecret: OAUTH2.clientSecret,
        accessTokenUrl: google.tokenUrl,
        scope: SCOPES.join(' '),
        sheetsApiUrl: google.rootUrl,
        adminApiUrl: google.rootUrl,
        // As n8n keeps it after the sign-in; the access token has long expired.
        oauthTokenData: {
          access_token: 'ya29.expired-access-token',
          refresh_token: OAUTH2.refreshToken,
        },
      },
    },
  ]);
});

afterAll(async () => {
  await Promise.allSettled([n8n?.remove(), google?.close(), scim?.close()]);
});

function workflow(
  change: (flow: Workflow) => void = () => undefined,
  file = 'nightly-google-sheet-to-workspace.json',
): Workflow {
  // One workflow id per example (n8n ids are letters and digits).
  const loaded = loadExample(
    file,
    `e2e${file.replace(/\.json$/, '').replace(/[^A-Za-z0-9]/g, '')}`,
  );
  startManually(loaded, 'Every Night at 02:00');
  change(loaded);
  return withoutNode(loaded, 'E-mail the Report');
}

async function night(
  rows: Row[],
  change?: (flow: Workflow) => void,
  sheet: string[][] = [HEADER, ...rows.map(cells)],
  file?: string,
) {
  google.sheets.put({
    id: SPREADSHEET_ID,
    sheets: [{ title: 'Employees', rows: sheet }],
    // The service account acts as the admin, so the sheet is read as the admin.
    sharedWith: [ADMIN],
  });
  const writesBefore = google.directory.calls.filter((call) => call.method !== 'GET').length;
  const flow = workflow(change, file);
  await n8n.importWorkflow(flow);
  const execution = await n8n.execute(flow.id);
  expect(runError(execution.result)).toBeUndefined();
  expect(execution.exitCode).toBe(0);
  const report = (outputOf(execution.result, 'Sync Report')[0] as ItemJson).json;
  const archive = outputOf(execution.result, 'Archive Missing Users')[0]?.json ?? {};
  const writes = google.directory.calls.filter((call) => call.method !== 'GET').slice(writesBefore);
  return { execution, report, archive, writes };
}

const externalIdOf = (user: Record<string, unknown>): string | undefined =>
  (user.externalIds as Array<{ type: string; value: string }> | undefined)?.find(
    (entry) => entry.type === 'organization',
  )?.value;
const workspaceUser = (id: string) =>
  google.directory.users().find((user) => externalIdOf(user) === id);
const everyone = (): Row[] => IDS.map((id) => ({ id }));

describe('Google Sheet → Google Workspace (real n8n, fake Google)', () => {
  let lastNight: Row[] = [];

  it('night 1: creates everyone with a primary e-mail from the template and an OU from the department, then links their manager', async () => {
    const { report, writes, execution } = await night(everyone());
    expect(report.counts).toMatchObject({ created: 12, failed: 0, rejected: 0 });
    expect(google.directory.users()).toHaveLength(12);
    // "Müller" without its umlaut, "de Vries" without its space, in the template's domain.
    expect(workspaceUser('E001')).toMatchObject({
      primaryEmail: 'anne1.devries@example.com',
      orgUnitPath: '/Staff/Sales',
      suspended: false,
      changePasswordAtNextLogin: true,
    });
    expect(workspaceUser('E002')?.primaryEmail).toBe('anne2.muller@example.com');
    expect(workspaceUser('E007')?.orgUnitPath).toBe('/Staff/Support');
    // Finance is not in the OU table: the fallback.
    expect(workspaceUser('E012')?.orgUnitPath).toBe('/Staff');
    expect(workspaceUser('E002')?.organizations).toEqual([
      expect.objectContaining({ type: 'work', title: 'Clerk', department: 'Sales' }),
    ]);
    expect(workspaceUser('E003')?.relations).toEqual([
      { type: 'manager', value: 'anne1.devries@example.com' },
    ]);
    expect(workspaceUser('E001')?.relations ?? []).toEqual([]);
    expect(writes.filter((call) => call.method === 'POST')).toHaveLength(12);
    expect(writes.filter((call) => call.method === 'PATCH')).toHaveLength(11);

    // n8n's request helper sent the token requests as the form the engine built: the fake
    // endpoint refuses anything but application/x-www-form-urlencoded, and parsed these.
    expect(google.tokens.requests.length).toBeGreaterThan(0);
    for (const request of google.tokens.requests) {
      expect(request).toMatchObject({
        grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        issuer: account.clientEmail,
        subject: ADMIN,
        status: 200,
      });
    }
    for (const call of google.tokenCalls) {
      expect(call.body).toEqual({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
    }

    // No generated password, private key or access token in any output, binary or kept file.
    const passwords = [...google.directory.store.passwords.values()];
    expect(passwords).toHaveLength(12);
    expect(passwords.every((password) => password.length >= 16)).toBe(true);
    const keyLines = account.privateKeyPem.split('\n').filter((line) => line.length >= 40);
    const tokens = google.tokens.issuedTokens().map((issued) => issued.token);
    expect(keptFiles(n8n.userFolder).some((file) => file.text.includes('E002'))).toBe(true);
    expectNoSecretsIn(execution, n8n.userFolder, [...passwords, ...keyLines, ...tokens], 'E002');
  });

  it('a second run with the same sheet makes zero write requests', async () => {
    const { report, writes } = await night(everyone());
    expect(writes).toEqual([]);
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
  });

  it('an employee missing from the sheet is suspended', async () => {
    const { archive, writes } = await night(everyone().filter((row) => row.id !== 'E012'));
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E012', action: 'archive', status: 'succeeded' }),
    ]);
    expect(writes).toHaveLength(1);
    expect(workspaceUser('E012')?.suspended).toBe(true);
  });

  it('night 2: a change moves the user to its new OU, a leaver by end date is suspended, a rehire unsuspended', async () => {
    const rows = everyone().map((row) =>
      row.id === 'E002'
        ? { ...row, department: 'Support' }
        : row.id === 'E011'
          ? { ...row, endDate: '2020-01-31' }
          : row,
    );
    lastNight = rows;
    const { report, archive } = await night(rows);
    expect(report.counts).toMatchObject({ updated: 1, reactivated: 1, archived: 1, failed: 0 });
    expect(workspaceUser('E002')).toMatchObject({ orgUnitPath: '/Staff/Support' });
    expect(workspaceUser('E002')?.organizations).toEqual([
      expect.objectContaining({ department: 'Support' }),
    ]);
    expect(workspaceUser('E012')?.suspended).toBe(false);
    expect(workspaceUser('E011')?.suspended).toBe(true);
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E011', action: 'archive', status: 'succeeded' }),
    ]);
    // The leaver is not unsuspended by the upsert the next night, and nothing else moves.
    expect((await night(rows)).writes).toEqual([]);
  });

  it('night 3: a truncated sheet trips the brake, and nothing is written', async () => {
    // Last night's sheet, cut after its 6th employee: nobody left, the export broke.
    const { archive, writes } = await night(lastNight.slice(0, 6));
    expect(archive.stoppedByBrake).toBe(true);
    expect(writes).toEqual([]);
    expect(google.directory.users().filter((user) => user.suspended !== true)).toHaveLength(11);
  });
});

describe('Google Sheet rows in CSV Parse & Validate (real n8n, fake Google)', () => {
  it('a row error points at the sheet row people see', async () => {
    const rows = everyone();
    rows[4] = { id: 'E005', email: 'e005-at-hr.example.org' };
    // An empty row between the header and the first employee: sheet rows 3 to 14.
    const { report } = await night(rows, undefined, [HEADER, [], ...rows.map(cells)]);
    const issues = report.issues as Array<{ line: number; externalId: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ externalId: 'E005', line: 7 })]),
    );
  });
});

describe('Google Sheet → a SCIM platform (real n8n, fake Google, scimmy)', () => {
  it("creates the sheet's employees in SCIM with their managers; a second run writes nothing", async () => {
    const file = 'nightly-google-sheet-to-scim.json';
    const first = await night(everyone(), undefined, undefined, file);
    expect(first.report.counts).toMatchObject({ created: 12, failed: 0, rejected: 0 });
    expect(scim.users()).toHaveLength(12);
    const manager = scim.users().find((user) => user.externalId === 'E001')!;
    const report = scim.users().find((user) => user.externalId === 'E003')!;
    expect(report[ENTERPRISE_USER]?.manager?.value).toBe(manager.id);
    const writesBefore = scim.writeCalls().length;
    const second = await night(everyone(), undefined, undefined, file);
    expect(scim.writeCalls().slice(writesBefore)).toEqual([]);
    expect(second.report.counts).toMatchObject({ created: 0, unchanged: 12 });
  });
});

describe('Google OAuth2 sign-in (real n8n, fake Google)', () => {
  it('reads the sheet and plans the Workspace with a refreshed token, and repeats no secret', async () => {
    const tokenRequestsBefore = google.tokens.requests.length;
    const { execution, report, writes } = await night(everyone(), (flow) => {
      for (const name of ['HR Source', 'User Upsert', 'Archive Missing Users']) {
        setParameters(flow, name, { googleAuthentication: 'oAuth2' });
        nodeNamed(flow, name).credentials = { hrSyncGoogleOAuth2Api: OAUTH2_CREDENTIAL };
      }
      setParameters(flow, 'User Upsert', { dryRun: true });
      setParameters(flow, 'Archive Missing Users', { dryRun: true });
    });
    expect(writes).toEqual([]);
    expect(report.counts).toMatchObject({ failed: 0, rejected: 0 });
    // One item per sheet row, with the row's number as `line` (the header is row 1).
    const rows = outputOf(execution.result, 'HR Source').map((item) => item.json);
    expect(rows.map((row) => row.line)).toEqual(IDS.map((_, index) => index + 2));
    expect(rows[0]).toMatchObject({ 'Employee ID': 'E001', 'Start Date': '2024-03-01' });
    // The refresh grant went out through n8n's request helper as a form, and was accepted.
    const requests = google.tokens.requests.slice(tokenRequestsBefore);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request).toMatchObject({ grantType: 'refresh_token', subject: ADMIN, status: 200 });
    }
    // The credential is kept encrypted in n8n's database, and nowhere in plain text.
    expectNoSecretsIn(execution, n8n.userFolder, [OAUTH2.clientSecret, OAUTH2.refreshToken]);
  });
});
