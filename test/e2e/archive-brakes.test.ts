/**
 * The full nightly pipeline (HR Source → CSV Parse & Validate → User Upsert → Archive
 * Missing Users → Sync Report) night after night in a real n8n, against the real sshd and
 * the scimmy SCIM server: leavers archived, a rehire reactivated, an invalid row not taken
 * for a leaver, and the safety brakes stopping an empty, a truncated and a too-large drop.
 * One workflow for all nights, so the brakes compare with the last successful night as
 * remembered in the workflow's static data.
 */
import type { SshdPeer } from '../peers/sshd';
import type { ScimPeer } from '../peers/scim-server';
import type { N8nInstance } from './n8n/n8n-instance';
import { startNightlyPeers, type NightlyPeers } from './helpers/nightly-peers';
import { outputOf, runError, type ItemJson } from './helpers/run-data';
import { loadExample, setParameters, type Workflow } from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const HEADER = 'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Job Title';
const ALL = Array.from({ length: 20 }, (_, index) => `E${String(index + 1).padStart(3, '0')}`);

function row(id: string, email = `${id.toLowerCase()}@example.com`): string {
  const n = Number(id.slice(1));
  return `${id},First${n},Last${n},${email},+316${String(10000000 + n)},NL,nl,Clerk`;
}

function file(ids: readonly string[], overrides: Record<string, string> = {}): string {
  return [HEADER, ...ids.map((id) => overrides[id] ?? row(id))].join('\r\n') + '\r\n';
}

let n8n: N8nInstance;
let sshd: SshdPeer;
let scim: ScimPeer;

let peers: NightlyPeers | undefined;

beforeAll(async () => {
  peers = await startNightlyPeers();
  ({ n8n, sshd, scim } = peers);
});

afterAll(() => peers?.stop());

/** The nightly example as shipped, reading this test's folder; the same workflow every night. */
function nightly(brakes: Record<string, unknown> = {}): Workflow {
  const workflow = loadExample('nightly-sftp-to-scim.manual.json', 'e2eArchiveNights');
  setParameters(workflow, 'HR Source', { folder: 'nights', stableSeconds: 0 });
  setParameters(workflow, 'Move File to Processed', { processedFolder: 'nights/processed' });
  return setParameters(workflow, 'Archive Missing Users', { brakes });
}

async function night(
  csv: string,
  brakes: Record<string, unknown> = {},
  archiveOptions: Record<string, unknown> = {},
) {
  await sshd.put('nights/employees.csv', csv);
  const workflow = setParameters(nightly(brakes), 'Archive Missing Users', {
    options: archiveOptions,
  });
  await n8n.importWorkflow(workflow);
  const from = scim.calls.length;
  const { result, exitCode } = await n8n.execute(workflow.id);
  // GET /Users without an id: a page of the list, read by User Upsert and, unless handed
  // over, again by Archive Missing Users.
  const listReads = scim.calls
    .slice(from)
    .filter((call) => call.method === 'GET' && call.path === '/Users').length;
  expect(runError(result)).toBeUndefined();
  expect(exitCode).toBe(0);
  const report = outputOf(result, 'Sync Report')[0] as ItemJson;
  const archive = outputOf(result, 'Archive Missing Users')[0]?.json ?? {};
  return { result, report: report.json, archive, binary: report.binary, listReads };
}

const active = (id: string) => scim.users().find((user) => user.externalId === id)?.active;

describe('Archive Missing Users and Sync Report, night after night (real n8n, sshd, scimmy SCIM server)', () => {
  it('night 1: creates all 20 employees; nobody to archive; the report says success', async () => {
    const { report } = await night(file(ALL));
    expect(report.status).toBe('success');
    expect(report.counts).toMatchObject({ rowsRead: 20, valid: 20, created: 20, archived: 0 });
    expect(scim.users()).toHaveLength(20);
  });

  it('night 2: archives the leaver, but not the employee whose row is invalid tonight', async () => {
    const withoutLeaver = ALL.filter((id) => id !== 'E020');
    const { report, archive, binary, listReads } = await night(
      file(withoutLeaver, { E005: row('E005', 'not-an-email') }),
    );
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E020', action: 'archive', status: 'succeeded' }),
    ]);
    expect(active('E020')).toBe(false);
    expect(active('E005')).toBe(true);
    expect(report.status).toBe('partial');
    expect(report.counts).toMatchObject({
      rowsRead: 19,
      valid: 18,
      rejected: 1,
      archived: 1,
      unchanged: 18,
    });
    expect(binary?.html?.mimeType).toBe('text/html');
    expect(binary?.errors?.fileName).toBe('errors.csv');
    expect(String(report.subject)).toContain('1 archived');
    // The archive planned on the users as User Upsert left them: one read of the list.
    expect(archive.usersFrom).toBe('user upsert of this run');
    expect(listReads).toBe(1);
  });

  it('night 3: the leaver comes back and is reactivated, not created twice (the archive reading the platform again, as asked)', async () => {
    const { report, archive, listReads } = await night(file(ALL), {}, { readAgain: true });
    expect(archive.usersFrom).toBe('platform');
    expect(listReads).toBe(2);
    expect(report.counts).toMatchObject({
      reactivated: 1,
      unchanged: 19,
      created: 0,
      archived: 0,
    });
    expect(active('E020')).toBe(true);
    expect(scim.users().filter((user) => user.externalId === 'E020')).toHaveLength(1);
  });

  it('a 15% drop with the default 10% limit: the brake stops, nobody is archived, the report says which brake', async () => {
    const writesBefore = scim.writeCalls().length;
    const { report, archive } = await night(file(ALL.slice(0, 17)));
    expect(archive.stoppedByBrake).toBe(true);
    expect(String(archive.error)).toMatch(
      /3 of 20 users \(15%\).*10%.*"Approve Plan" to [0-9A-F]{4}-[0-9A-F]{4}/,
    );
    expect(String(archive.error)).toContain(String(archive.approvalCode));
    expect(scim.writeCalls().length).toBe(writesBefore);
    expect(ALL.slice(17).map(active)).toEqual([true, true, true]);
    // The upsert went through; the archive stage stopped: partial, with the brake named.
    expect(report.status).toBe('partial');
    expect(report.failures).toEqual([
      expect.objectContaining({
        node: 'Archive Missing Users',
        message: expect.stringMatching(/^Safety brake/),
      }),
    ]);
    expect(report.brakes).toEqual(
      expect.arrayContaining([expect.objectContaining({ brake: 'max_percentage', tripped: true })]),
    );
  });

  it('a truncated file (60% of the last one): the shrink brake stops it', async () => {
    const { archive } = await night(file(ALL.slice(0, 12)));
    expect(archive.stoppedByBrake).toBe(true);
    const brakes = archive.brakes as Array<{ brake: string; tripped: boolean }>;
    expect(brakes.find((brake) => brake.brake === 'snapshot_shrunk')?.tripped).toBe(true);
    expect(scim.users().filter((user) => user.active)).toHaveLength(20);
  });

  it('a file with a header and no rows: the empty-snapshot brake stops it', async () => {
    const { archive, report } = await night(`${HEADER}\r\n`);
    const brakes = archive.brakes as Array<{ brake: string; tripped: boolean }>;
    expect(brakes.find((brake) => brake.brake === 'empty_snapshot')?.tripped).toBe(true);
    expect(scim.users().filter((user) => user.active)).toHaveLength(20);
    expect(report.status).toBe('failed');
  });

  it("the admin approves the plan's code once: exactly that plan goes through, no other plan of the same size, and the same approval not twice", async () => {
    const stopped = await night(file(ALL.slice(0, 17)));
    const code = String(stopped.archive.approvalCode);
    expect(stopped.archive.stoppedByBrake).toBe(true);
    // Another three people leaving is another plan: the code does not let them go.
    const others = await night(file(ALL.slice(3)), { approvalCode: code });
    expect(others.archive.stoppedByBrake).toBe(true);
    expect(ALL.slice(0, 3).map(active)).toEqual([true, true, true]);

    const { archive } = await night(file(ALL.slice(0, 17)), { approvalCode: code.toLowerCase() });
    expect(archive.stoppedByBrake).toBe(false);
    expect(ALL.slice(17).map(active)).toEqual([false, false, false]);
    // The three are back, then leave again: the spent approval no longer opens the brake.
    await night(file(ALL));
    const again = await night(file(ALL.slice(0, 17)), { approvalCode: code });
    expect(again.archive.stoppedByBrake).toBe(true);
    expect(String(again.archive.error)).toContain('already used once');
  });
});

describe('Sync Report in the error workflow (real n8n)', () => {
  it('names the node that stopped the sync and why, with status failed', async () => {
    // n8n starts an error workflow with the failed execution as its item; a Code node hands
    // the same shape to the report here, since an Error Trigger cannot start headless.
    const failed = {
      execution: {
        id: '231',
        lastNodeExecuted: 'HR Source',
        error: {
          message: 'Could not log in to the SFTP server 10.0.0.5:22 as hr: check the password',
        },
        mode: 'trigger',
      },
      workflow: { id: 'hrSyncNightlySftpScim', name: 'Nightly SFTP sync to a SCIM platform' },
    };
    const workflow: Workflow = {
      ...loadExample('report-failed-sync.json', 'e2eErrorWorkflow'),
      nodes: [
        {
          id: 'c1',
          name: 'Run Now',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'c2',
          name: 'Sync Failed',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [200, 0],
          parameters: { jsCode: `return [{ json: ${JSON.stringify(failed)} }];` },
        },
        {
          id: 'c3',
          name: 'Sync Report',
          type: 'n8n-nodes-hr-sync.syncReport',
          typeVersion: 1,
          position: [400, 0],
          parameters: { title: 'Nightly employee sync FAILED', options: {} },
        },
      ],
      connections: {
        'Run Now': { main: [[{ node: 'Sync Failed', type: 'main', index: 0 }]] },
        'Sync Failed': { main: [[{ node: 'Sync Report', type: 'main', index: 0 }]] },
      },
    };
    await n8n.importWorkflow(workflow);
    const { result } = await n8n.execute(workflow.id);
    expect(runError(result)).toBeUndefined();
    const report = outputOf(result, 'Sync Report')[0]?.json ?? {};
    expect(report.status).toBe('failed');
    expect(report.failures).toEqual([
      {
        node: 'Nightly SFTP sync to a SCIM platform → HR Source',
        message: 'Could not log in to the SFTP server 10.0.0.5:22 as hr: check the password',
      },
    ]);
    expect(String(report.html)).toContain('HR Source');
  });
});

describe('A night where every row is rejected (real n8n)', () => {
  it('archives nobody, and the report still runs and says failed', async () => {
    const allBad = Object.fromEntries(ALL.map((id) => [id, row(id, 'not-an-email')]));
    const writesBefore = scim.writeCalls().length;
    const { report, archive } = await night(file(ALL, allBad));
    expect(archive.outcomes).toEqual([]);
    expect(scim.writeCalls().length).toBe(writesBefore);
    expect(report.status).toBe('failed');
    expect(report.counts).toMatchObject({ rowsRead: 20, valid: 0, rejected: 20, archived: 0 });
  });
});
