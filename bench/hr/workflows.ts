/**
 * The bench's workflows: each HR system's nightly example cut to HR Source → CSV Parse &
 * Validate → User Upsert (the SCIM platform, real writes), and the baseline: the same
 * three steps with HR Source swapped for n8n's own HTTP Request node reading the rows HR
 * Source handed on, as one JSON array, from a local server.
 */
import {
  loadExample,
  nodeNamed,
  setParameters,
  startManually,
  useCredential,
  withoutNode,
  type Workflow,
} from '../../test/e2e/helpers/workflows';
import type { HrSystem } from './people';

export const CREDENTIALS = {
  bamboohr: { id: 'benchBambooHr', name: 'BambooHR (bench)', type: 'hrSyncBambooHrApi' },
  personio: { id: 'benchPersonio', name: 'Personio (bench)', type: 'hrSyncPersonioApi' },
  hibob: { id: 'benchHiBob', name: 'HiBob (bench)', type: 'hrSyncHiBobApi' },
  scim: { id: 'benchScim', name: 'Employee platform (SCIM, bench)', type: 'hrSyncScimApi' },
} as const;

/** Each system's HR Source parameters and required fields, as its shipped example has them. */
const EXAMPLES: Record<HrSystem, string> = {
  bamboohr: 'nightly-bamboohr-to-scim.json',
  personio: 'nightly-personio-to-rest.json',
  hibob: 'nightly-hibob-to-scim.json',
};

export const SOURCE_NODE = 'HR Source';
export const BASELINE_NODE = 'Rows over HTTP';
export const VALIDATE_NODE = 'CSV Parse & Validate';
export const UPSERT_NODE = 'User Upsert';

/** The SCIM example (HiBob's) with the system's HR Source and CSV Parse & Validate in it. */
export function hrPipeline(system: HrSystem, id: string): Workflow {
  const workflow = cut(loadExample('nightly-hibob-to-scim.json', id));
  const own = loadExample(EXAMPLES[system], 'parameters');
  for (const name of [SOURCE_NODE, VALIDATE_NODE]) {
    const node = nodeNamed(workflow, name);
    node.parameters = structuredClone(nodeNamed(own, name).parameters);
    node.credentials = {};
  }
  const credential = CREDENTIALS[system];
  useCredential(workflow, SOURCE_NODE, credential.type, credential);
  return useCredential(workflow, UPSERT_NODE, CREDENTIALS.scim.type, CREDENTIALS.scim);
}

/** The same, HR Source swapped for n8n's HTTP Request node (one item per array element). */
export function baseline(system: HrSystem, id: string, rowsUrl: string): Workflow {
  const workflow = hrPipeline(system, id);
  const source = nodeNamed(workflow, SOURCE_NODE);
  source.name = BASELINE_NODE;
  source.type = 'n8n-nodes-base.httpRequest';
  source.typeVersion = 4.2;
  source.parameters = {
    method: 'GET',
    url: rowsUrl,
    options: { response: { response: { responseFormat: 'json' } } },
  };
  Reflect.deleteProperty(source, 'credentials');
  const connections = workflow.connections;
  connections[BASELINE_NODE] = connections[SOURCE_NODE]!;
  Reflect.deleteProperty(connections, SOURCE_NODE);
  for (const connection of Object.values(connections)) {
    for (const targets of connection.main) {
      for (const target of targets) if (target.node === SOURCE_NODE) target.node = BASELINE_NODE;
    }
  }
  return { ...workflow, name: `${workflow.name} (baseline)` };
}

/** Manual start; no archive, report or e-mail: read, validate, upsert. */
function cut(workflow: Workflow): Workflow {
  startManually(workflow, 'Every Night at 02:00');
  for (const name of ['E-mail the Report', 'Sync Report', 'Archive Missing Users']) {
    withoutNode(workflow, name);
  }
  return setParameters(workflow, UPSERT_NODE, {});
}

/** n8n's start-up alone: Manual Trigger → No Operation. */
export function trivial(id: string): Workflow {
  return {
    id,
    name: `Bench: n8n start-up only [${id}]`,
    nodes: [
      {
        id: 'b3e1c0de-0000-4000-8000-00000000a001',
        name: 'Run Now',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 300],
        parameters: {},
      },
      {
        id: 'b3e1c0de-0000-4000-8000-00000000a002',
        name: 'No Operation',
        type: 'n8n-nodes-base.noOp',
        typeVersion: 1,
        position: [220, 300],
        parameters: {},
      },
    ],
    connections: { 'Run Now': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    active: false,
    settings: { executionOrder: 'v1' },
  };
}
