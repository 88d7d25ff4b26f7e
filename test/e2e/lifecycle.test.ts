/**
 * The safety lifecycle of the nightly example in a real n8n (real sshd, scimmy SCIM server),
 * night after night with one workflow: each night tries to make the sync re-admit, archive
 * or delete the wrong person, and checks that it does not.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SshdPeer } from '../peers/sshd';
import type { ScimPeer } from '../peers/scim-server';
import type { N8nInstance } from './n8n/n8n-instance';
import { startNightlyPeers, type NightlyPeers } from './helpers/nightly-peers';
import { outputOf, ranNode, runError, type ItemJson } from './helpers/run-data';
import { loadExample, setParameters, type Workflow } from './helpers/workflows';
import { seedSyncMemory } from './helpers/sync-memory';

jest.setTimeout(15 * 60_000);

const HEADER =
  'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Job Title,End Date';
const ALL = Array.from({ length: 20 }, (_, index) => `L${String(index + 1).padStart(3, '0')}`);
const WORKFLOW_ID = 'e2eLifecycle';

function row(id: string, fields: { email?: string; endDate?: string; externalId?: string } = {}) {
  const n = Number(id.slice(1));
  const email = fields.email ?? `${id.toLowerCase()}@example.com`;
  return `${fields.externalId ?? id},First${n},Last${n},${email},+316${String(10000000 + n)},NL,nl,Clerk,${fields.endDate ?? ''}`;
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

function nightly(archive: Record<string, unknown> = {}): Workflow {
  const workflow = loadExample('nightly-sftp-to-scim.manual.json', WORKFLOW_ID);
  setParameters(workflow, 'HR Source', { folder: 'life', stableSeconds: 0 });
  setParameters(workflow, 'Move File to Processed', { processedFolder: 'life/processed' });
  return setParameters(workflow, 'Archive Missing Users', archive);
}

async function night(csv: string, archive: Record<string, unknown> = {}) {
  await sshd.put('life/employees.csv', csv);
  const workflow = nightly(archive);
  await n8n.importWorkflow(workflow);
  const writesBefore = scim.writeCalls().length;
  const { result, exitCode } = await n8n.execute(workflow.id);
  expect(runError(result)).toBeUndefined();
  expect(exitCode).toBe(0);
  const report = (outputOf(result, 'Sync Report')[0] as ItemJson).json;
  const archiveItem = outputOf(result, 'Archive Missing Users')[0]?.json ?? {};
  return {
    result,
    report,
    archive: archiveItem,
    writes: scim.writeCalls().slice(writesBefore),
    fileMoved: !existsSync(join(sshd.root, 'life', 'employees.csv')),
  };
}

const active = (id: string) => scim.users().find((user) => user.externalId === id)?.active;

describe('the nightly sync never re-admits, archives or deletes the wrong person (real n8n)', () => {
  it('night 1: everyone is created, and the file is moved to processed', async () => {
    const { report, fileMoved } = await night(file(ALL));
    expect(report.counts).toMatchObject({ created: 20, archived: 0 });
    expect(fileMoved).toBe(true);
  });

  it('a leaver listed with a past end date for three nights is archived once, then no write at all', async () => {
    const leaving = file(ALL, { L020: row('L020', { endDate: '2020-01-31' }) });
    const first = await night(leaving);
    expect(first.archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'L020', action: 'archive', status: 'succeeded' }),
    ]);
    expect(active('L020')).toBe(false);
    for (const again of [await night(leaving), await night(leaving)]) {
      // Before the fix the upsert reactivated L020 and the archive took them again.
      expect(again.writes).toEqual([]);
      expect(active('L020')).toBe(false);
    }
  });

  it('a row whose external ID was blanked archives nobody: its e-mail still names the person', async () => {
    const blanked = file(ALL, {
      L020: row('L020', { endDate: '2020-01-31' }),
      L019: row('L019', { externalId: '' }),
    });
    const { archive, report, writes } = await night(blanked);
    expect(report.counts).toMatchObject({ rejected: 1, archived: 0 });
    expect(writes).toEqual([]);
    expect(active('L019')).toBe(true);
    expect(archive.held).toEqual([
      expect.objectContaining({
        externalId: 'L019',
        reason: expect.stringMatching(/row without an external ID/),
      }),
    ]);
  });

  it('a user an admin deactivated while HR still lists them is held, not reactivated, night after night', async () => {
    const suspended = scim.users().find((user) => user.externalId === 'L018')!;
    scim.seed([{ ...suspended, active: false }]);
    const tonight = file(ALL, { L020: row('L020', { endDate: '2020-01-31' }) });
    for (let n = 0; n < 2; n++) {
      const { result, writes } = await night(tonight);
      expect(writes).toEqual([]);
      expect(active('L018')).toBe(false);
      const held = outputOf(result, 'User Upsert').find((item) => item.json.externalId === 'L018');
      expect(held?.json).toMatchObject({ action: 'skip', status: 'skipped' });
      expect(String(held?.json.reason)).toMatch(/^Held: /);
    }
  });

  it('a user deactivated by someone else is never deleted; one this sync archived long ago is', async () => {
    // L017 leaves the export and was deactivated by hand; L020 was archived by this sync
    // (night 2), and its memory is dated back past the grace period.
    const byHand = scim.users().find((user) => user.externalId === 'L017')!;
    scim.seed([{ ...byHand, active: false }]);
    await seedSyncMemory(
      n8n,
      { workflowId: WORKFLOW_ID, platform: 'scim', credentialId: 'hrSyncScimPlatform' },
      {
        owned: Object.fromEntries(ALL.map((id) => [id, '2020-01-01'])),
        archivedBySync: { L020: '2020-02-01' },
      },
    );
    const withoutL017 = file(
      ALL.filter((id) => id !== 'L017'),
      { L020: row('L020', { endDate: '2020-01-31' }) },
    );
    const { archive } = await night(withoutL017, { deleteAfterGrace: true, graceDays: 30 });
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'L020', action: 'delete', status: 'succeeded' }),
    ]);
    expect(scim.users().find((user) => user.externalId === 'L020')).toBeUndefined();
    expect(scim.users().find((user) => user.externalId === 'L017')).toBeDefined();
  });

  it('a night a brake stopped leaves the export where it was; the approved run moves it', async () => {
    const truncated = file(ALL.slice(0, 12));
    const stopped = await night(truncated);
    expect(stopped.archive.stoppedByBrake).toBe(true);
    expect(stopped.writes).toEqual([]);
    expect(ranNode(stopped.result, 'Move File to Processed')).toBe(false);
    expect(stopped.fileMoved).toBe(false);

    const code = String(stopped.archive.approvalCode);
    const approved = await night(truncated, { brakes: { approvalCode: code } });
    expect(approved.archive.stoppedByBrake).toBe(false);
    expect(approved.fileMoved).toBe(true);
  });
});
