/**
 * The demo's three nights (examples/data/nights) in n8n's queue mode: main only enqueues,
 * two workers with folders of their own run the nightly example from its production
 * webhook, Postgres is n8n's database and Redis its queue. What the package needs from
 * queue mode: the report's files stored where main can read them, and its brakes' memory
 * carried from night to night whichever worker runs. n8n 2.41 starts a worker's run with
 * empty static data (see static-data-queue.test.ts), so the memory goes through the folder
 * every worker shares (HR_SYNC_MEMORY_DIR); its static-data mirror is still saved to Postgres.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScimPeer } from '../peers/scim-server';
import type { SshdPeer } from '../peers/sshd';
import { outputOf, type ItemJson } from '../e2e/helpers/run-data';
import { seedSyncMemory } from '../e2e/helpers/sync-memory';
import { repoRoot } from '../support/repo-root';
import type { QueueCluster } from './n8n/queue-cluster';
import {
  MEMORY_KEY,
  startNightlyCluster,
  startNightlyPeers,
  type NightlyPeers,
} from './helpers/nightly-workflow';
import { productionRun } from './helpers/production-runs';

jest.setTimeout(20 * 60_000);

const NIGHTS = join(repoRoot(), 'examples', 'data', 'nights');
const WORKFLOW_ID = 'queueNightly';
const MEMORY_FILE = join(WORKFLOW_ID, 'scim-hrSyncScimPlatform.json');

let sshd: SshdPeer;
let scim: ScimPeer;
let memoryDir = '';
let peers: NightlyPeers | undefined;
let cluster: QueueCluster | undefined;

beforeAll(async () => {
  peers = await startNightlyPeers();
  ({ sshd, scim, memoryDir } = peers);
  // As in the demo: a former employee this sync archived last year, rehired on night 2.
  scim.seed([
    {
      userName: 'noor.visser@example.com',
      externalId: 'E1012',
      active: false,
      name: { givenName: 'Noor', familyName: 'Visser' },
      emails: [{ value: 'noor.visser@example.com', type: 'work', primary: true }],
    },
  ]);
  await seedSyncMemory(
    { memoryDir },
    { workflowId: WORKFLOW_ID, platform: 'scim', credentialId: 'hrSyncScimPlatform' },
    { archivedBySync: { E1012: '2025-11-30' } },
  );
  cluster = await startNightlyCluster({
    workers: 2,
    concurrency: 2,
    memoryDir,
    sshd,
    scim,
    workflowId: WORKFLOW_ID,
    folder: 'exports',
  });
});

afterAll(async () => {
  await cluster?.stop();
  await peers?.stop();
});

async function night(n: number) {
  await sshd.put('exports/employees.csv', readFileSync(join(NIGHTS, `night-${n}.csv`)));
  const writesBefore = scim.writeCalls().length;
  const { status, execution, ranOn } = await productionRun(
    cluster!,
    WORKFLOW_ID,
    `nightly-${WORKFLOW_ID}`,
  );
  expect(status).toBe(200);
  expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
  // Exactly one worker took the job, and main only put it on the queue.
  expect(ranOn).toHaveLength(1);
  expect(cluster!.main.log()).toContain(`Enqueued execution ${execution.id} (job`);
  const report = outputOf(execution.run, 'Sync Report')[0] as ItemJson;
  const archive = outputOf(execution.run, 'Archive Missing Users')[0]?.json ?? {};
  expect(String(archive.memory)).toContain(join(memoryDir, MEMORY_FILE));
  return {
    execution,
    report,
    archive,
    counts: report.json.counts as Record<string, number>,
    writes: scim.writeCalls().slice(writesBefore),
  };
}

const sharedMemory = async () =>
  JSON.parse(await readFile(join(memoryDir, MEMORY_FILE), 'utf8')) as Record<string, unknown>;

async function memoryInStaticData(): Promise<Record<string, unknown> | undefined> {
  const [row] = await cluster!.postgres.rows<{ staticData: { global?: object } | null }>(
    `select "staticData" from workflow_entity where id = '${WORKFLOW_ID}'`,
  );
  return (row?.staticData?.global as Record<string, Record<string, unknown>> | undefined)?.[
    MEMORY_KEY
  ];
}

const usersWith = (externalId: string) =>
  scim.users().filter((user) => user.externalId === externalId);

describe('the nightly sync in queue mode (main, two workers, Postgres, Redis)', () => {
  it('night 1: everyone is created on a worker; main reads the files it made from the database', async () => {
    const { counts, report, execution } = await night(1);
    expect(counts).toMatchObject({ created: 11, archived: 0, failed: 0 });

    // n8n 2.41 keeps binaries in Postgres in queue mode (N8N_DEFAULT_BINARY_DATA_MODE
    // unset): on a worker's own disk they would be out of main's reach.
    const { csv, html } = report.binary ?? {};
    expect(csv?.id).toMatch(/^database:/);
    expect(html?.id).toMatch(/^database:/);
    expect(await cluster!.rest.binary(csv!.id!)).toContain('E1001');
    expect(await cluster!.rest.binary(html!.id!)).toContain('Nightly employee sync');
    const source = outputOf(execution.run, 'HR Source')[0]?.binary?.data;
    expect(source?.id).toMatch(/^database:/);
    expect(await cluster!.rest.binary(source!.id!)).toContain('Employee ID,First Name');
  });

  it('night 2: two updates, the leaver archived, the rehire reactivated (not created twice)', async () => {
    const { counts, archive } = await night(2);
    expect(counts).toMatchObject({ created: 0, updated: 2, reactivated: 1, archived: 1 });
    expect(archive.outcomes).toEqual([
      expect.objectContaining({ externalId: 'E1011', action: 'archive', status: 'succeeded' }),
    ]);
    expect(usersWith('E1011').map((user) => user.active)).toEqual([false]);
    expect(usersWith('E1012').map((user) => user.active)).toEqual([true]);
  });

  it('night 3: the truncated export trips the brake, which remembers night 2 whichever worker runs', async () => {
    // What the brake compares with: night 2's snapshot, in the shared memory and mirrored
    // by the worker into the workflow's static data in Postgres.
    const remembered = await sharedMemory();
    expect(remembered).toMatchObject({ lastSnapshotSize: 11 });
    expect(await memoryInStaticData()).toMatchObject({
      revision: remembered.revision,
      lastSnapshotSize: 11,
    });
    const { counts, archive, writes } = await night(3);
    expect(archive.stoppedByBrake).toBe(true);
    expect(counts).toMatchObject({ archived: 0 });
    expect(writes).toEqual([]);
    expect(scim.users().filter((user) => user.active)).toHaveLength(11);
  });
});
