import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueCluster } from '../n8n/queue-cluster';
import type { SavedExecution } from '../n8n/rest';

const RUN_TIMEOUT_MS = 5 * 60_000;

/** What n8n's Postgres says about one execution. */
export interface ExecutionRow {
  id: string;
  mode: string;
  status: string;
}

/** POSTs to a published workflow's production webhook; resolves with n8n's answer once the run has ended. */
export async function callWebhook(cluster: QueueCluster, path: string): Promise<number> {
  // Activation can trail readiness: until the webhook is registered, n8n answers 404.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${cluster.main.base}/webhook/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
    });
    await response.text();
    if (response.status !== 404 || Date.now() > deadline) return response.status;
    await sleep(500);
  }
}

export async function executionsOf(
  cluster: QueueCluster,
  workflowId: string,
): Promise<ExecutionRow[]> {
  return cluster.postgres.rows<ExecutionRow>(
    `select id::text, mode, status from execution_entity where "workflowId" = '${workflowId}' order by id`,
  );
}

/** Waits until the execution has left `new` and `running`, and gives its row. */
export async function settled(cluster: QueueCluster, id: string): Promise<ExecutionRow> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const [row] = await cluster.postgres.rows<ExecutionRow>(
      `select id::text, mode, status from execution_entity where id = ${Number(id)}`,
    );
    if (row && row.status !== 'new' && row.status !== 'running') return row;
    if (Date.now() > deadline) throw new Error(`execution ${id} still ${row?.status}`);
    await sleep(500);
  }
}

/** The workers whose log shows they took up this execution's job. */
export function workersThatRan(cluster: QueueCluster, executionId: string): string[] {
  const started = new RegExp(`Worker started execution ${executionId} \\(job`);
  return cluster.workers.filter((worker) => started.test(worker.log())).map((w) => w.name);
}

/** One production run of the workflow, to its end: the saved execution and who ran it. */
export async function productionRun(
  cluster: QueueCluster,
  workflowId: string,
  webhookPath: string,
): Promise<{ status: number; execution: SavedExecution; ranOn: string[] }> {
  const before = (await executionsOf(cluster, workflowId)).length;
  const status = await callWebhook(cluster, webhookPath);
  const rows = await executionsOf(cluster, workflowId);
  if (rows.length !== before + 1) {
    throw new Error(`expected one new execution, found ${rows.length - before} (HTTP ${status})`);
  }
  const { id } = await settled(cluster, rows[rows.length - 1]!.id);
  return {
    status,
    execution: await cluster.rest.execution(id),
    ranOn: workersThatRan(cluster, id),
  };
}
