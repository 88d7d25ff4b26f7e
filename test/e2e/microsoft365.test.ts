/**
 * Microsoft 365 in a real n8n, against the local fake Microsoft Graph (test/peers/graph):
 * the Excel workbook on SharePoint synced to Entra ID night after night, and Entra ID's
 * users synced to a SCIM platform (scimmy). Each night is the shipped example workflow,
 * started by hand instead of by its schedule, its e-mail node taken out.
 */
import { graphCredentialData } from '../peers/peer-credentials';
import { addWorkbook, dateCell, type ExcelCell } from '../peers/graph/excel-routes';
import { startGraphServer, type GraphPeer } from '../peers/graph/graph-server';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../peers/scim-server';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { expectNoSecretsIn } from './assertions/no-secrets';
import { outputOf, runError, type ItemJson } from './helpers/run-data';
import { loadExample, startManually, withoutNode, type Workflow } from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Mobile Phone',
  'Country',
  'Language',
  'Department',
  'Job Title',
  'Manager ID',
  'Start Date',
  'End Date',
];
const IDS = Array.from({ length: 20 }, (_, index) => `E${String(index + 1).padStart(3, '0')}`);

interface Row {
  id: string;
  jobTitle?: string;
  endDate?: string;
  email?: string;
}

function cells({ id, jobTitle, endDate, email }: Row): ExcelCell[] {
  const n = Number(id.slice(1));
  return [
    // Stored as text, as HR sheets keep IDs with leading zeros.
    id,
    `Anne${n}`,
    n % 2 ? 'de Vries' : 'Müller',
    email ?? `${id.toLowerCase()}@contoso.com`,
    `+316${String(10000000 + n)}`,
    'NL',
    'nl',
    n <= 10 ? 'Sales' : 'Support',
    jobTitle ?? 'Clerk',
    // E001 manages everyone; the manager comes after the people it manages below.
    n === 1 ? '' : 'E001',
    dateCell('2024-03-01', 'yyyy-mm-dd'),
    endDate ?? '',
  ];
}

let graph: GraphPeer;
let scim: ScimPeer;
let n8n: N8nInstance;

const GRAPH_CREDENTIAL = { id: 'hrSyncGraphApp', name: 'Microsoft Graph (HR Sync app)' };

beforeAll(async () => {
  [graph, scim] = await Promise.all([
    startGraphServer(),
    startScimServer({ bulkMaxOperations: 0 }),
  ]);
  n8n = await createN8nInstance({ packageTgz: await packPackage() });
  await n8n.importCredentials([
    {
      ...GRAPH_CREDENTIAL,
      type: 'hrSyncMicrosoftGraphApi',
      data: graphCredentialData(graph),
    },
    {
      id: 'hrSyncScimPlatform',
      name: 'Employee platform (SCIM)',
      type: 'hrSyncScimApi',
      data: { baseUrl: scim.url, token: scim.token },
    },
  ]);
});

afterAll(async () => {
  await Promise.allSettled([n8n?.remove(), graph?.close(), scim?.close()]);
});

function example(file: string, id: string): Workflow {
  const workflow = loadExample(file, id);
  startManually(workflow, 'Every Night at 02:00');
  return withoutNode(workflow, 'E-mail the Report');
}

async function run(workflow: Workflow) {
  await n8n.importWorkflow(workflow);
  const execution = await n8n.execute(workflow.id);
  expect(runError(execution.result)).toBeUndefined();
  expect(execution.exitCode).toBe(0);
  const report = (outputOf(execution.result, 'Sync Report')[0] as ItemJson).json;
  const archive = outputOf(execution.result, 'Archive Missing Users')[0]?.json ?? {};
  return { execution, report, archive };
}

describe('Excel on SharePoint → Microsoft Entra ID (real n8n, fake Graph)', () => {
  const workflow = () => example('nightly-excel-to-entra.json', 'e2eExcelEntra');

  async function night(rows: Row[]) {
    addWorkbook(
      graph.excel,
      {
        hostname: 'contoso.sharepoint.com',
        sitePath: '/sites/HR',
        path: 'Employees/employees.xlsx',
      },
      { worksheets: { Employees: [HEADER, ...rows.map(cells)] } },
    );
    const writesBefore = graph.writeCalls().length;
    const result = await run(workflow());
    return { ...result, writes: graph.writeCalls().slice(writesBefore) };
  }

  const entraUser = (id: string) => graph.users().find((user) => user.employeeId === id);
  const everyone = (): Row[] => IDS.map((id) => ({ id }));
  let lastNight: Row[] = [];

  it('night 1: creates everyone with a sign-in name from the template, then links their manager', async () => {
    const { report, writes, execution } = await night(everyone());
    expect(report.counts).toMatchObject({ created: 20, failed: 0, rejected: 0 });
    expect(graph.users()).toHaveLength(20);
    const anne2 = entraUser('E002')!;
    // "Müller" without its umlaut, lower-cased, in the template's domain.
    expect(anne2.userPrincipalName).toBe('anne2.muller@contoso.com');
    expect(anne2).toMatchObject({ accountEnabled: true, usageLocation: 'NL', jobTitle: 'Clerk' });
    expect(anne2.employeeHireDate).toMatch(/^2024-03-01/);
    const manager = entraUser('E001')!;
    expect(IDS.slice(1).every((id) => entraUser(id)?.managerId === manager.id)).toBe(true);
    expect(manager.managerId).toBeNull();
    // 20 creates, then 19 manager links: all of them in $batch requests.
    expect(writes.filter((call) => call.method === 'POST' && call.path === '/users')).toHaveLength(
      20,
    );
    expect(writes.filter((call) => call.path.endsWith('/manager/$ref'))).toHaveLength(19);
    // No generated password and no client secret in any output, binary or kept file.
    const passwords = graph.users().map((user) => user.passwordProfile?.password ?? '');
    expect(passwords.every((password) => password.length >= 16)).toBe(true);
    expectNoSecretsIn(execution, n8n.userFolder, [...passwords, graph.clientSecret], 'E002');
  });

  it('a second night with the same workbook makes zero write requests', async () => {
    const { report, writes } = await night(everyone());
    expect(writes).toEqual([]);
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 20 });
  });

  it('an employee missing from the workbook is archived: accountEnabled false', async () => {
    const { archive, writes } = await night(everyone().filter((row) => row.id !== 'E020'));
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E020', action: 'archive', status: 'succeeded' }),
    ]);
    expect(writes).toHaveLength(1);
    expect(entraUser('E020')?.accountEnabled).toBe(false);
  });

  it('a change, a leaver by end date and a rehire, each applied once', async () => {
    const rows = everyone().map((row) =>
      row.id === 'E002'
        ? { ...row, jobTitle: 'Team Lead' }
        : row.id === 'E019'
          ? { ...row, endDate: '2020-01-31' }
          : row,
    );
    lastNight = rows;
    const { report, archive } = await night(rows);
    expect(report.counts).toMatchObject({ updated: 1, reactivated: 1, archived: 1, failed: 0 });
    expect(entraUser('E002')?.jobTitle).toBe('Team Lead');
    expect(entraUser('E020')?.accountEnabled).toBe(true);
    expect(entraUser('E019')?.accountEnabled).toBe(false);
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E019', action: 'archive', status: 'succeeded' }),
    ]);
    // The leaver is not reactivated by the upsert the next night, and nothing else moves.
    expect((await night(rows)).writes).toEqual([]);
  });

  it('a truncated workbook trips the brake, and nothing is written', async () => {
    // Last night's workbook, cut after its 12th employee: nobody left, the export broke.
    const { archive, writes } = await night(lastNight.slice(0, 12));
    expect(archive.stoppedByBrake).toBe(true);
    expect(writes).toEqual([]);
    expect(graph.users().filter((user) => user.accountEnabled)).toHaveLength(19);
  });

  it('a row error points at the sheet row people see', async () => {
    const rows = everyone();
    rows[4] = { id: 'E005', email: 'e005-at-contoso.com' };
    addWorkbook(
      graph.excel,
      {
        hostname: 'contoso.sharepoint.com',
        sitePath: '/sites/HR',
        path: 'Employees/employees.xlsx',
      },
      {
        worksheets: {
          // An empty row between the header and the first employee: sheet rows 3 to 22.
          Employees: [HEADER, [], ...rows.map(cells)],
        },
      },
    );
    const workflowRun = await run(workflow());
    const issues = workflowRun.report.issues as Array<{ line: number; externalId: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ externalId: 'E005', line: 7 })]),
    );
  });
});

describe('Entra ID users → a SCIM platform (real n8n, fake Graph, scimmy)', () => {
  it('creates the enabled Entra users with an employee ID in SCIM, with their managers; a second run writes nothing', async () => {
    const workflow = example('nightly-entra-users-to-scim.json', 'e2eEntraScim');
    // One Entra user without an employee ID is not HR's: the example's filter leaves it out.
    graph.seed([
      {
        displayName: 'Printer',
        userPrincipalName: 'printer@contoso.com',
        mailNickname: 'printer',
        accountEnabled: true,
      },
    ]);
    const first = await run(workflow);
    const enabled = graph.users().filter((user) => user.employeeId && user.accountEnabled);
    expect(first.report.counts).toMatchObject({ created: enabled.length, failed: 0 });
    expect(scim.users()).toHaveLength(enabled.length);
    expect(scim.users().some((user) => user.userName === 'printer@contoso.com')).toBe(false);
    const scimManager = scim.users().find((user) => user.externalId === 'E001')!;
    const report = scim.users().find((user) => user.externalId === 'E003')!;
    expect(report[ENTERPRISE_USER]?.manager?.value).toBe(scimManager.id);

    const writesBefore = scim.writeCalls().length;
    const second = await run(workflow);
    expect(scim.writeCalls().slice(writesBefore)).toEqual([]);
    expect(second.report.counts).toMatchObject({ created: 0, unchanged: enabled.length });
  });
});
