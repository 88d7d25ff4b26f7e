/**
 * A worker killed (SIGKILL) in the middle of User Upsert, and the night run again on a
 * replacement worker. The SCIM peer lets a known number of writes through and holds the
 * next ones, so the kill lands at a known point; the held writes are then applied after the
 * worker has died (the platform did the work, nobody heard of it). n8n 2.41 lets no stalled
 * job run again (maxStalledCount 0): the killed execution fails once its lock lapses, and
 * the sync's next run must finish the job without creating anyone twice.
 */
import type { ScimPeer } from '../peers/scim-server';
import type { SshdPeer } from '../peers/sshd';
import { outputOf } from '../e2e/helpers/run-data';
import type { QueueCluster } from './n8n/queue-cluster';
import {
  startNightlyCluster,
  startNightlyPeers,
  type NightlyPeers,
} from './helpers/nightly-workflow';
import {
  callWebhook,
  executionsOf,
  productionRun,
  settled,
  workersThatRan,
} from './helpers/production-runs';

jest.setTimeout(20 * 60_000);

const WORKFLOW_ID = 'queueWorkerKilled';
const PATH = `nightly-${WORKFLOW_ID}`;
const HEADER = 'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Job Title';
/** 40 joiners to create, and 10 colleagues already on the platform whose title changes. */
const JOINERS = ids(1, 40);
const MOVERS = ids(41, 50);
const WRITES_BEFORE_KILL = 10;
/** User Upsert's Parallel Requests in the example: at most this many writes are held. */
const PARALLEL_REQUESTS = 4;

function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `K${String(from + i).padStart(3, '0')}`);
}

const email = (id: string) => `${id.toLowerCase()}@example.com`;

function file(): string {
  const rows = [...JOINERS, ...MOVERS].map((id) => {
    const n = Number(id.slice(1));
    return `${id},First${n},Last${n},${email(id)},+316${String(10000000 + n)},NL,nl,Night Clerk`;
  });
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

let sshd: SshdPeer;
let scim: ScimPeer;
let memoryDir = '';
let peers: NightlyPeers | undefined;
let cluster: QueueCluster | undefined;

beforeAll(async () => {
  peers = await startNightlyPeers();
  ({ sshd, scim, memoryDir } = peers);
  scim.seed(
    MOVERS.map((id) => ({
      userName: email(id),
      externalId: id,
      active: true,
      title: 'Day Clerk',
      name: { givenName: `First${Number(id.slice(1))}`, familyName: `Last${Number(id.slice(1))}` },
      emails: [{ value: email(id), type: 'work', primary: true }],
    })),
  );
  cluster = await startNightlyCluster({
    workers: 2,
    concurrency: 1,
    memoryDir,
    sshd,
    scim,
    workflowId: WORKFLOW_ID,
    folder: 'kill',
  });
});

afterAll(async () => {
  await cluster?.stop();
  await peers?.stop();
});

const copiesOf = (id: string) => scim.users().filter((user) => user.externalId === id).length;

describe('a worker killed in the middle of User Upsert (queue mode)', () => {
  let killedExecution = '';
  let killedStatus = '';
  let before = { joiners: 0, movers: 0 };
  const changedSoFar = () => ({
    joiners: JOINERS.filter((id) => copiesOf(id) > 0).length,
    movers: scim.users().filter((u) => MOVERS.includes(u.externalId!) && u.title === 'Night Clerk')
      .length,
  });

  it('the worker dies after a known number of writes; n8n ends the execution without finishing it', async () => {
    await sshd.put('kill/employees.csv', file());
    const hold = scim.holdWritesAfter(WRITES_BEFORE_KILL);
    const answer = callWebhook(cluster!, PATH).catch(() => 0);
    await hold.reached;

    const [running] = (await executionsOf(cluster!, WORKFLOW_ID)).slice(-1);
    killedExecution = running!.id;
    const [victimName] = workersThatRan(cluster!, killedExecution);
    const victim = cluster!.workers.find((worker) => worker.name === victimName)!;
    await victim.kill();
    expect(victim.log()).not.toContain(`Worker finished execution ${killedExecution} `);
    hold.release();

    // Its Bull lock lapses, the stalled-job check fails the job, main marks the execution
    // (n8n 2.41: error, "job stalled more than maxStalledCount"), and the webhook gets a 500.
    // Had n8n run the job again on the other worker instead, it would end in success.
    killedStatus = (await settled(cluster!, killedExecution)).status;
    expect(['crashed', 'error', 'success']).toContain(killedStatus);
    for (const id of [...JOINERS, ...MOVERS]) expect(copiesOf(id)).toBeLessThanOrEqual(1);
    before = changedSoFar();
    if (killedStatus === 'success') {
      expect(workersThatRan(cluster!, killedExecution)).toHaveLength(2);
      return;
    }
    expect(await answer).not.toBe(200);
    // Every write that reached the platform was applied once: the ones let through, and
    // the held ones, which landed after the worker had died.
    const writes = scim.writeCalls().length;
    expect(writes).toBeGreaterThan(WRITES_BEFORE_KILL);
    expect(writes).toBeLessThanOrEqual(WRITES_BEFORE_KILL + PARALLEL_REQUESTS);
    expect(before.joiners + before.movers).toBe(writes);
  });

  it('the night run again on a replacement worker applies every change, and creates nobody twice', async () => {
    const replacement = await cluster!.addWorker('worker-3');
    const { execution, ranOn } = await productionRun(cluster!, WORKFLOW_ID, PATH);
    expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
    expect(ranOn).toHaveLength(1);
    expect(cluster!.workers.find((worker) => worker.name === ranOn[0])?.exited()).toBe(false);
    expect(replacement.exited()).toBe(false);

    const counts = outputOf(execution.run, 'Sync Report')[0]?.json.counts as Record<string, number>;
    expect(counts).toMatchObject({
      failed: 0,
      created: JOINERS.length - before.joiners,
      updated: MOVERS.length - before.movers,
    });
    for (const id of [...JOINERS, ...MOVERS]) expect(copiesOf(id)).toBe(1);
    const users = scim.users().filter((user) => [...JOINERS, ...MOVERS].includes(user.externalId!));
    expect(users.map((user) => [user.active, user.title])).toEqual(
      users.map(() => [true, 'Night Clerk']),
    );
  });
});
