/**
 * The three workflows the bench runs: the package's nightly pipeline as shipped (pointed at
 * the bench's folder), n8n's start-up alone (Manual Trigger -> No Operation), and the
 * baseline: the same job built from n8n's own nodes.
 */
import {
  loadExample,
  nodeNamed,
  setParameters,
  type Workflow,
  type WorkflowNode,
} from '../../test/e2e/helpers/workflows';

const NIGHTLY = 'nightly-sftp-to-scim.manual.json';

/**
 * The nightly example's workflow settings. It does not save a successful run's data (the
 * Sync Report is that night's record); BENCH_N8N_SAVE_SUCCESS=all measures the same run
 * with n8n's own default, which saves it.
 */
function nightlySettings(): Record<string, unknown> {
  const settings = loadExample(NIGHTLY, 'settings').settings as Record<string, unknown>;
  const save = process.env.BENCH_N8N_SAVE_SUCCESS;
  return save ? { ...settings, saveDataSuccessExecution: save } : settings;
}

/** The nightly example (HR Source -> CSV Parse & Validate -> User Upsert -> Archive -> Report -> Move). */
export function pipeline(id: string, folder: string): Workflow {
  const workflow = { ...loadExample(NIGHTLY, id), settings: nightlySettings() };
  setParameters(workflow, 'HR Source', { folder, stableSeconds: 0 });
  // BENCH_N8N_CONCURRENCY: User Upsert's Parallel Requests (the example's is 4).
  const concurrency = Number(process.env.BENCH_N8N_CONCURRENCY ?? 0);
  if (concurrency > 0) {
    const options = nodeNamed(workflow, 'User Upsert').parameters.options as object;
    setParameters(workflow, 'User Upsert', { options: { ...options, concurrency } });
  }
  return setParameters(workflow, 'Move File to Processed', {
    processedFolder: `${folder}/processed`,
  });
}

let uuid = 0;
function node(
  name: string,
  type: string,
  typeVersion: number,
  parameters: Record<string, unknown>,
  position: [number, number],
): WorkflowNode {
  uuid += 1;
  const suffix = String(uuid).padStart(12, '0');
  return {
    id: `b3e1c0de-0000-4000-8000-${suffix}`,
    name,
    type,
    typeVersion,
    position,
    parameters,
  };
}

type Connections = Workflow['connections'];

function connect(pairs: Array<[from: string, to: string, output?: number, input?: number]>) {
  const connections: Connections = {};
  for (const [from, to, output = 0, input = 0] of pairs) {
    const outputs = (connections[from] ??= { main: [] }).main;
    while (outputs.length <= output) outputs.push([]);
    outputs[output]!.push({ node: to, type: 'main', index: input });
  }
  return connections;
}

const manualTrigger = (): WorkflowNode =>
  node('Run Now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 300]);

/** What every `n8n execute` pays before the first node: start-up, loading, the run's JSON. */
export function trivial(id: string): Workflow {
  return {
    id,
    name: `Bench: n8n start-up only [${id}]`,
    nodes: [manualTrigger(), node('No Operation', 'n8n-nodes-base.noOp', 1, {}, [220, 300])],
    connections: connect([['Run Now', 'No Operation']]),
    active: false,
    settings: { executionOrder: 'v1' },
  };
}

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The HR columns in SCIM attributes: what User Upsert's default SCIM mapping writes. */
const SCIM_FROM_ROW = `{
  userName: $json['E-mail'],
  name: { givenName: $json['First Name'], familyName: $json['Last Name'] },
  emails: [{ type: 'work', value: $json['E-mail'], primary: true }],
  phoneNumbers: [{ type: 'mobile', value: $json['Mobile Phone'], primary: true }],
  title: $json['Job Title'],
  preferredLanguage: $json['Language'],
  addresses: [{ type: 'work', country: $json['Country'] }]
}`;

/**
 * The same job from n8n's own nodes: read tonight's CSV from disk, extract its rows; read
 * the platform's users page by page and bring them into the file's columns; Compare
 * Datasets by Employee ID; PATCH every user that differs with the file's values (and, for
 * the same job in full, create those only in the file and deactivate those only in the
 * platform: both empty tonight). It runs with the nightly example's workflow settings (such
 * as whether a successful execution's data is saved), so both pay for the same.
 */
export function baseline(
  id: string,
  remotePath: string,
  scim: { url: string; token: string },
  pageSize: number,
): Workflow {
  const auth = { name: 'Authorization', value: `Bearer ${scim.token}` };
  const jsonResponse = { response: { response: { responseFormat: 'json' } } };
  const request = (method: string, url: string, body?: string) => ({
    method,
    url,
    sendHeaders: true,
    headerParameters: { parameters: [auth] },
    ...(body ? { sendBody: true, specifyBody: 'json', jsonBody: body } : {}),
    options: jsonResponse,
  });
  const column = (name: string, value: string) => ({
    id: `col-${name.replace(/\W/g, '')}`,
    name,
    value: `={{ ${value} }}`,
    type: 'string',
  });
  const nodes: WorkflowNode[] = [
    manualTrigger(),
    // The same transport as HR Source: n8n's own FTP node in SFTP mode reads the same file
    // from the same sshd, so both pipelines pay for the connection.
    {
      ...node(
        'Read CSV over SFTP',
        'n8n-nodes-base.ftp',
        1,
        { protocol: 'sftp', operation: 'download', path: remotePath, binaryPropertyName: 'data' },
        [220, 200],
      ),
      credentials: { sftp: { id: 'benchBaselineSftp', name: 'Baseline SFTP' } },
    },
    node(
      'Extract CSV Rows',
      'n8n-nodes-base.extractFromFile',
      1,
      { operation: 'csv', binaryPropertyName: 'data', options: {} },
      [440, 200],
    ),
    node(
      'Get Platform Users',
      'n8n-nodes-base.httpRequest',
      4.2,
      {
        method: 'GET',
        url: `${scim.url}/Users`,
        sendQuery: true,
        queryParameters: { parameters: [{ name: 'count', value: String(pageSize) }] },
        sendHeaders: true,
        headerParameters: { parameters: [auth] },
        options: {
          ...jsonResponse,
          pagination: {
            pagination: {
              paginationMode: 'updateAParameterInEachRequest',
              parameters: {
                parameters: [
                  { type: 'qs', name: 'startIndex', value: `={{ $pageCount * ${pageSize} + 1 }}` },
                ],
              },
              paginationCompleteWhen: 'other',
              completeExpression:
                '={{ $response.body.startIndex + $response.body.Resources.length > $response.body.totalResults }}',
            },
          },
        },
      },
      [220, 420],
    ),
    node(
      'One Item per User',
      'n8n-nodes-base.splitOut',
      1,
      { fieldToSplitOut: 'Resources', include: 'noOtherFields', options: {} },
      [440, 420],
    ),
    node(
      'Users as HR Columns',
      'n8n-nodes-base.set',
      3.4,
      {
        mode: 'manual',
        assignments: {
          assignments: [
            column('Employee ID', '$json.externalId'),
            column('First Name', '$json.name?.givenName'),
            column('Last Name', '$json.name?.familyName'),
            column('E-mail', '$json.userName'),
            column(
              'Mobile Phone',
              "($json.phoneNumbers ?? []).find(p => p.type === 'mobile')?.value",
            ),
            column('Country', "($json.addresses ?? []).find(a => a.type === 'work')?.country"),
            column('Language', '$json.preferredLanguage'),
            column('Job Title', '$json.title'),
            column('scimId', '$json.id'),
          ],
        },
        options: {},
      },
      [660, 420],
    ),
    node(
      'Compare with Platform',
      'n8n-nodes-base.compareDatasets',
      2.3,
      {
        mergeByFields: { values: [{ field1: 'Employee ID', field2: 'Employee ID' }] },
        resolve: 'mix',
        preferWhenMix: 'input1',
        exceptWhenMix: 'scimId',
        options: { skipFields: 'scimId' },
      },
      [880, 300],
    ),
    node(
      'Create New Users',
      'n8n-nodes-base.httpRequest',
      4.2,
      request(
        'POST',
        `${scim.url}/Users`,
        `={{ JSON.stringify({ schemas: ['${USER_SCHEMA}'], externalId: $json['Employee ID'], active: true, ...${SCIM_FROM_ROW} }) }}`,
      ),
      [1100, 100],
    ),
    node(
      'Update Changed Users',
      'n8n-nodes-base.httpRequest',
      4.2,
      request(
        'PATCH',
        `={{ '${scim.url}/Users/' + $json.scimId }}`,
        `={{ JSON.stringify({ schemas: ['${PATCH_OP}'], Operations: [{ op: 'replace', value: ${SCIM_FROM_ROW} }] }) }}`,
      ),
      [1100, 300],
    ),
    node(
      'Deactivate Leavers',
      'n8n-nodes-base.httpRequest',
      4.2,
      request(
        'PATCH',
        `={{ '${scim.url}/Users/' + $json.scimId }}`,
        `={{ JSON.stringify({ schemas: ['${PATCH_OP}'], Operations: [{ op: 'replace', path: 'active', value: false }] }) }}`,
      ),
      [1100, 500],
    ),
  ];
  return {
    id,
    name: `Bench: the same job from n8n's own nodes [${id}]`,
    nodes,
    connections: connect([
      ['Run Now', 'Read CSV over SFTP'],
      ['Run Now', 'Get Platform Users'],
      ['Read CSV over SFTP', 'Extract CSV Rows'],
      ['Extract CSV Rows', 'Compare with Platform', 0, 0],
      ['Get Platform Users', 'One Item per User'],
      ['One Item per User', 'Users as HR Columns'],
      ['Users as HR Columns', 'Compare with Platform', 0, 1],
      ['Compare with Platform', 'Create New Users', 0],
      ['Compare with Platform', 'Update Changed Users', 2],
      ['Compare with Platform', 'Deactivate Leavers', 3],
    ]),
    active: false,
    settings: { ...nightlySettings(), executionOrder: 'v1' },
  };
}
