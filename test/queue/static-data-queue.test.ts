/**
 * What n8n 2.41.1 does with a workflow's static data in queue mode, which is why the
 * package's memory needs a folder every worker shares there (HR_SYNC_MEMORY_DIR). A
 * production run (webhook, schedule) is enqueued with `loadStaticData: false`, and the
 * execution's saved workflow snapshot carries no static data (toWorkflowSnapshot keeps id,
 * name, nodes, connections, settings), so the worker starts from `{}`; at the end it saves
 * what the run left over what the workflow had. Should a later n8n fix that, this test
 * fails, and the README's queue-mode section is to be updated.
 */
import { publishWorkflows } from '../e2e/n8n/publish';
import { outputOf } from '../e2e/helpers/run-data';
import { viaWebhook, type Workflow } from '../e2e/helpers/workflows';
import { startQueueCluster, type QueueCluster } from './n8n/queue-cluster';
import { productionRun } from './helpers/production-runs';

jest.setTimeout(15 * 60_000);

const WORKFLOW_ID = 'queueStaticData';
const PATH = 'static-data-counter';

/** Counts its runs in its static data, starting from the 5 an earlier life left there. */
function counter(): Workflow {
  const manual: Workflow = {
    id: WORKFLOW_ID,
    name: 'Static data counter',
    nodes: [
      {
        id: 'c0de0000-0000-4000-8000-000000000001',
        name: 'Run Now',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: 'c0de0000-0000-4000-8000-000000000002',
        name: 'Count Runs',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, 0],
        parameters: {
          jsCode: [
            "const memory = $getWorkflowStaticData('global');",
            'const before = memory.runs ?? 0;',
            'memory.runs = before + 1;',
            'return [{ json: { before } }];',
          ].join('\n'),
        },
      },
    ],
    connections: { 'Run Now': { main: [[{ node: 'Count Runs', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
    staticData: { global: { runs: 5 } },
  };
  return viaWebhook(manual, PATH);
}

let cluster: QueueCluster | undefined;

beforeAll(async () => {
  cluster = await startQueueCluster({
    workers: 1,
    concurrency: 2,
    prepare: async (n8n, queueEnv) => {
      await n8n.importWorkflow(counter());
      await publishWorkflows(n8n, [WORKFLOW_ID], queueEnv);
    },
  });
});

afterAll(() => cluster?.stop());

const savedRuns = async () =>
  (
    await cluster!.postgres.rows<{ runs: number | null }>(
      `select ("staticData"->'global'->>'runs')::int as runs from workflow_entity where id = '${WORKFLOW_ID}'`,
    )
  )[0]?.runs;

it("n8n 2.41.1 starts each of a worker's production runs with empty static data, and saves over it", async () => {
  expect(await savedRuns()).toBe(5);
  const seen: unknown[] = [];
  for (let run = 0; run < 2; run++) {
    const { execution, ranOn } = await productionRun(cluster!, WORKFLOW_ID, PATH);
    expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
    expect(ranOn).toEqual(['worker-1']);
    seen.push(outputOf(execution.run, 'Count Runs')[0]?.json.before);
  }
  // Outside queue mode the runs would see 5, then 6.
  expect(seen).toEqual([0, 0]);
  expect(await savedRuns()).toBe(1);
});
