/**
 * Manual executions, as an admin presses "Execute workflow" in the editor: n8n saves no
 * static data for them (its execution lifecycle hooks skip manual mode), so a memory kept
 * only there loses the brakes' last snapshot size, the ownership ledger and spent
 * approvals on every manual run. Here a started n8n, signed in as its owner, runs the
 * nightly example manually through the same REST call the editor makes, night after night.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SshdPeer } from '../peers/sshd';
import type { ScimPeer } from '../peers/scim-server';
import type { N8nInstance } from './n8n/n8n-instance';
import { startN8nServer, type N8nServer } from './n8n/n8n-server';
import { signUpOwner } from './n8n/owner';
import { startNightlyPeers, type NightlyPeers } from './helpers/nightly-peers';
import { loadExample, setParameters, type Workflow } from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const HEADER = 'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Job Title';
const ALL = Array.from({ length: 20 }, (_, index) => `M${String(index + 1).padStart(3, '0')}`);
const WORKFLOW_ID = 'e2eManualNights';

function file(ids: readonly string[]): string {
  const rows = ids.map((id) => {
    const n = Number(id.slice(1));
    return `${id},First${n},Last${n},${id.toLowerCase()}@example.com,+316${String(10000000 + n)},NL,nl,Clerk`;
  });
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

let n8n: N8nInstance;
let server: N8nServer;
let sshd: SshdPeer;
let scim: ScimPeer;
let cookie = '';

/** The nightly example with the percentage brake wide open: only the shrink brake can stop it. */
function nightly(brakes: Record<string, unknown>): Workflow {
  const workflow = loadExample('nightly-sftp-to-scim.manual.json', WORKFLOW_ID);
  setParameters(workflow, 'HR Source', { folder: 'manual', stableSeconds: 0 });
  setParameters(workflow, 'Move File to Processed', { processedFolder: 'manual/processed' });
  // The example saves no successful run's data; here the execution is read back.
  workflow.settings = { ...(workflow.settings as object), saveDataSuccessExecution: 'all' };
  return setParameters(workflow, 'Archive Missing Users', {
    brakes: { maxPercentage: 100, ...brakes },
  });
}

let peers: NightlyPeers | undefined;

beforeAll(async () => {
  peers = await startNightlyPeers();
  ({ n8n, sshd, scim } = peers);
  await n8n.importWorkflow(nightly({}));
  server = await startN8nServer(n8n, {});
  cookie = await signUpOwner(server);
});

afterAll(async () => {
  await server?.stop();
  await peers?.stop();
});

/** One REST call as the editor makes it; a route not found yet (n8n still starting) is tried again. */
async function rest(method: string, path: string, body?: unknown): Promise<unknown> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${server.base}/rest${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status === 200) return (JSON.parse(text) as { data: unknown }).data;
    if (response.status !== 404 || Date.now() > deadline) {
      throw new Error(
        `${method} ${path}: ${response.status} ${text.slice(0, 500)}\n${server.tail()}`,
      );
    }
    await sleep(1000);
  }
}

/** Saves the workflow as the editor does, runs it manually, and waits for the execution. */
async function manualNight(csv: string, brakes: Record<string, unknown> = {}) {
  await sshd.put('manual/employees.csv', csv);
  const saved = (await rest('GET', `/workflows/${WORKFLOW_ID}`)) as Record<string, unknown>;
  const workflow = nightly(brakes);
  await rest('PATCH', `/workflows/${WORKFLOW_ID}?forceSave=true`, {
    versionId: saved.versionId,
    nodes: workflow.nodes,
    connections: workflow.connections,
    settings: workflow.settings,
  });
  const started = (await rest('POST', `/workflows/${WORKFLOW_ID}/run`, {
    triggerToStartFrom: { name: 'Run Now' },
  })) as { executionId: string };
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const execution = (await rest('GET', `/executions/${started.executionId}`)) as {
      mode: string;
      status: string;
      finished: boolean;
      data: string;
    };
    if (execution.status !== 'running' && execution.status !== 'new') {
      expect(execution.mode).toBe('manual');
      return execution;
    }
    if (Date.now() > deadline) throw new Error(`execution ${started.executionId} still running`);
    await sleep(500);
  }
}

const activeCount = () => scim.users().filter((user) => user.active).length;

describe('manual runs keep the sync memory (started n8n, runs as the editor makes them)', () => {
  it('night 1, run by hand: everyone is created', async () => {
    const execution = await manualNight(file(ALL));
    expect(execution.status).toBe('success');
    expect(activeCount()).toBe(20);
  });

  it('night 2, by hand: a truncated export is stopped by the shrink brake, which needs night 1 remembered', async () => {
    // Without the memory of night 1's 20, nothing would stop 8 archives (the percentage
    // brake is open here), and without its ownership ledger nobody would be archived anyway.
    const writesBefore = scim.writeCalls().length;
    const execution = await manualNight(file(ALL.slice(0, 12)));
    expect(execution.data).toContain('snapshot_shrunk');
    expect(execution.data).toMatch(/fewer than the 20 of the last successful run/);
    expect(scim.writeCalls().length).toBe(writesBefore);
    expect(activeCount()).toBe(20);
  });

  it('night 3, by hand, approved by the code: exactly those 8 are archived; the same code does not pass twice', async () => {
    const stopped = await manualNight(file(ALL.slice(0, 12)));
    // The execution data is flatted JSON, its quotes escaped.
    const code = /Approve Plan\W+to ([0-9A-F]{4}-[0-9A-F]{4})/.exec(stopped.data)?.[1];
    expect(code).toBeDefined();
    await manualNight(file(ALL.slice(0, 12)), { approvalCode: code });
    expect(activeCount()).toBe(12);
    // They come back (reactivated: this sync archived them), then leave again.
    await manualNight(file(ALL));
    expect(activeCount()).toBe(20);
    const again = await manualNight(file(ALL.slice(0, 12)), { approvalCode: code });
    expect(again.data).toContain('already used once');
    expect(activeCount()).toBe(20);
  });
});
