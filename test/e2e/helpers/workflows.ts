import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';

/** The shape of an exported n8n workflow, as far as the tests touch it. */
export interface WorkflowNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  executeOnce?: boolean;
}

export interface Workflow {
  id: string;
  name: string;
  nodes: WorkflowNode[];
  connections: Record<
    string,
    { main: Array<Array<{ node: string; type: string; index: number }>> }
  >;
  [key: string]: unknown;
}

const EXAMPLES = join(repoRoot(), 'examples', 'workflows');

/** An example workflow as shipped, under a new id so each test variant is its own workflow. */
export function loadExample(file: string, id: string): Workflow {
  const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Workflow;
  return { ...workflow, id, name: `${workflow.name} [${id}]` };
}

export function nodeNamed(workflow: Workflow, name: string): WorkflowNode {
  const node = workflow.nodes.find((candidate) => candidate.name === name);
  if (!node) throw new Error(`workflow ${workflow.id} has no node "${name}"`);
  return node;
}

/** Points a node of the example at the test's peers (paths, folders, options). */
export function setParameters(
  workflow: Workflow,
  name: string,
  parameters: Record<string, unknown>,
): Workflow {
  const node = nodeNamed(workflow, name);
  node.parameters = { ...node.parameters, ...parameters };
  return workflow;
}

export function useCredential(
  workflow: Workflow,
  name: string,
  type: string,
  credential: { id: string; name: string },
): Workflow {
  const node = nodeNamed(workflow, name);
  node.credentials = { ...node.credentials, [type]: credential };
  return workflow;
}

/**
 * Swaps a trigger that cannot start headless (Schedule, Form) for a Manual Trigger
 * followed by `replacement`, which takes over the trigger's outgoing connections.
 */
export function startManually(
  workflow: Workflow,
  trigger: string,
  replacement?: WorkflowNode,
): Workflow {
  const outgoing = workflow.connections[trigger];
  Reflect.deleteProperty(workflow.connections, trigger);
  workflow.nodes = workflow.nodes.filter((node) => node.name !== trigger);
  const manual: WorkflowNode = {
    id: 'a0f1c7de-0000-4000-8000-000000000001',
    name: 'Run Now',
    type: 'n8n-nodes-base.manualTrigger',
    typeVersion: 1,
    position: [0, 300],
    parameters: {},
  };
  workflow.nodes.push(manual);
  if (replacement) {
    workflow.nodes.push(replacement);
    workflow.connections['Run Now'] = {
      main: [[{ node: replacement.name, type: 'main', index: 0 }]],
    };
    if (outgoing) workflow.connections[replacement.name] = outgoing;
  } else if (outgoing) {
    workflow.connections['Run Now'] = outgoing;
  }
  return workflow;
}

/** The workflow without one node and its connections (an e-mail node with no SMTP to send to). */
export function withoutNode(workflow: Workflow, name: string): Workflow {
  workflow.nodes = workflow.nodes.filter((node) => node.name !== name);
  Reflect.deleteProperty(workflow.connections, name);
  for (const connection of Object.values(workflow.connections)) {
    connection.main = connection.main.map((targets) =>
      targets.filter((target) => target.node !== name),
    );
  }
  return workflow;
}

/**
 * For a started n8n: the Manual Trigger ("Run Now") swapped for a Webhook of the same name
 * (POST /webhook/<path>), answering once the run has ended with the last node's first item
 * (`noData`: an empty answer, for a run whose last node may send none, such as an If).
 * A published workflow's webhook starts a production execution, as a schedule would: its
 * static data is saved, and in queue mode it runs on a worker.
 */
export function viaWebhook(
  workflow: Workflow,
  path: string,
  responseData: 'firstEntryJson' | 'noData' = 'firstEntryJson',
): Workflow {
  const trigger = workflow.nodes.find((n) => n.name === 'Run Now');
  if (!trigger) throw new Error(`workflow ${workflow.id} has no "Run Now" trigger`);
  const webhook = {
    id: trigger.id,
    name: 'Run Now',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: trigger.position,
    parameters: {
      httpMethod: 'POST',
      path,
      responseMode: 'lastNode',
      responseData,
      options: {},
    },
    // n8n keys a production webhook by this id; one per path keeps workflows apart.
    webhookId: webhookIdFor(path),
  };
  return { ...workflow, nodes: workflow.nodes.map((n) => (n === trigger ? webhook : n)) };
}

function webhookIdFor(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 12);
  return `b3e1c0de-1000-4000-8000-${hex}`;
}
