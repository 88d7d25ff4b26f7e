/**
 * Rows that arrive as items, as a spreadsheet node (Google Sheets, Excel) hands them over,
 * checked by CSV Parse & Validate in "Rows as Items" mode and upserted into the REST
 * platform, in a real n8n with the package installed as a community package. n8n's own
 * Code node stands in for the spreadsheet node.
 */
import { startRestPlatform, type RestPeer } from '../peers/rest-platform';
import { restCredentialData } from '../peers/peer-credentials';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { outputOf, runError, type ItemJson } from './helpers/run-data';
import type { Workflow, WorkflowNode } from './helpers/workflows';

jest.setTimeout(15 * 60_000);

const CREDENTIAL = { id: 'hrSyncRestItems', name: 'Employee platform (REST API, items)' };

/** What the sheet holds, as its node would output it: the header row's text as keys. */
const SHEET_ROWS: Record<string, unknown>[] = [
  {
    'Employee ID': 'E2001',
    'First Name': 'Sanne',
    'Last Name': 'de Vries',
    'E-mail': 'sanne.devries@example.com',
    'Mobile Phone': '06 12345678',
    Country: 'NL',
    Language: 'nl',
  },
  {
    'Employee ID': 'E2002',
    'First Name': 'Jan',
    'Last Name': 'Jansen',
    'E-mail': 'jan.jansen@example.com',
    'Mobile Phone': '06 11111111',
    Country: 'NL',
    Language: 'nl',
  },
  {
    'Employee ID': 'E2003',
    'First Name': 'Jürgen',
    'Last Name': 'Müller',
    'E-mail': 'juergen.mueller@example.com',
    'Mobile Phone': '0151 23456789',
    Country: 'DE',
    Language: 'de',
  },
  {
    'Employee ID': 'E2002',
    'First Name': 'Johanna',
    'Last Name': 'Jansen',
    'E-mail': 'johanna.jansen@example.com',
    'Mobile Phone': '06 22222222',
    Country: 'NL',
    Language: 'nl',
  },
  {
    // A spreadsheet cell formatted as a number loses its leading zero.
    'Employee ID': 'E2004',
    'First Name': 'Ans',
    'Last Name': 'Bakker',
    'E-mail': 'ans.bakker@example.com',
    'Mobile Phone': 687654321,
    Country: 'NL',
    Language: 'nl',
  },
  {
    'Employee ID': 'E2005',
    'First Name': 'Lotte',
    'Last Name': 'Peeters',
    'E-mail': '',
    'Mobile Phone': '+32 470 12 34 56',
    Country: 'BE',
    Language: 'nl-BE',
  },
];
const VALID_INDEXES = [0, 2, 4, 5];
const DUPLICATE_INDEXES = [1, 3];
const VALID_IDS = ['E2001', 'E2003', 'E2004', 'E2005'];

const node = (
  name: string,
  type: string,
  typeVersion: number,
  x: number,
  parameters: Record<string, unknown>,
): WorkflowNode => ({
  id: `c3d4e5f6-0000-4000-8000-${String(x).padStart(12, '0')}`,
  name,
  type,
  typeVersion,
  position: [x, 300],
  parameters,
});

/** Manual Trigger → Code (the sheet's rows) → CSV Parse & Validate (items) → User Upsert (REST). */
function itemsToRest(id: string): Workflow {
  const upsert = node('User Upsert', 'n8n-nodes-hr-sync.userUpsert', 1, 660, {
    target: 'rest',
    dryRun: false,
    matchByEmail: true,
    emptySourceValue: 'leave',
    mappingMode: 'default',
    protectedFields: ['privateMobilePhone', 'privateEmail'],
    options: { concurrency: 4 },
  });
  upsert.credentials = { hrSyncRestPlatformApi: CREDENTIAL };
  const nodes = [
    node('Run Now', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
    node('Sheet Rows', 'n8n-nodes-base.code', 2, 220, {
      jsCode: `return ${JSON.stringify(SHEET_ROWS)}.map((row) => ({ json: row }));`,
    }),
    node('CSV Parse & Validate', 'n8n-nodes-hr-sync.csvParseValidate', 1, 440, {
      inputType: 'items',
      requiredFields: 'externalId, firstName, lastName, country, language, email|mobilePhone',
      defaultCountry: 'NL',
      options: {},
    }),
    upsert,
  ];
  const to = (target: string) => ({ main: [[{ node: target, type: 'main', index: 0 }]] });
  return {
    id,
    name: `Sheet rows as items to a REST platform [${id}]`,
    nodes,
    connections: {
      'Run Now': to('Sheet Rows'),
      'Sheet Rows': to('CSV Parse & Validate'),
      'CSV Parse & Validate': to('User Upsert'),
    },
    active: false,
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

let n8n: N8nInstance;
let rest: RestPeer;

beforeAll(async () => {
  rest = await startRestPlatform({ apiKeyIn: 'query' });
  n8n = await createN8nInstance({ packageTgz: await packPackage() });
  await n8n.importCredentials([
    {
      ...CREDENTIAL,
      type: 'hrSyncRestPlatformApi',
      data: restCredentialData(rest),
    },
  ]);
});

afterAll(async () => {
  await Promise.allSettled([n8n?.remove(), rest?.close()]);
});

async function run(workflow: Workflow) {
  await n8n.importWorkflow(workflow);
  return n8n.execute(workflow.id);
}

/** The input item index each output item says it came from. */
function pairedIndexes(items: ItemJson[]): unknown[] {
  return items.map((item) => {
    const paired = item.pairedItem;
    if (Array.isArray(paired)) return paired.map((entry: { item?: number }) => entry.item);
    return typeof paired === 'number' ? paired : (paired as { item?: number } | undefined)?.item;
  });
}

function statuses(items: ItemJson[]): Record<string, string> {
  return Object.fromEntries(
    items.map(({ json }) => [String(json.externalId), `${json.action}:${json.status}`]),
  );
}

describe('Spreadsheet rows as items → CSV Parse & Validate → User Upsert (real n8n, Springest-shaped REST API)', () => {
  beforeAll(() => rest.reset());

  it('creates the valid rows with E.164 phones and rejects both rows of a duplicate ID', async () => {
    const { exitCode, result } = await run(itemsToRest('e2eItems1'));
    expect(runError(result)).toBeUndefined();
    expect(exitCode).toBe(0);

    const valid = outputOf(result, 'CSV Parse & Validate', 0);
    expect(valid.map((item) => item.json.externalId)).toEqual(VALID_IDS);
    expect(valid.map((item) => item.json.line)).toEqual(VALID_INDEXES.map((index) => index + 2));
    expect(pairedIndexes(valid)).toEqual(VALID_INDEXES);
    expect(valid.map((item) => item.json.mobilePhone)).toEqual([
      '+31612345678',
      '+4915123456789',
      '+31687654321',
      '+32470123456',
    ]);

    const rejected = outputOf(result, 'CSV Parse & Validate', 1);
    expect(rejected.map((item) => item.json.externalId)).toEqual(['E2002', 'E2002']);
    expect(rejected.map((item) => item.json.line)).toEqual(
      DUPLICATE_INDEXES.map((index) => index + 2),
    );
    expect(pairedIndexes(rejected)).toEqual(DUPLICATE_INDEXES);
    for (const item of rejected) {
      expect(item.json.issues).toEqual([
        expect.objectContaining({ field: 'externalId', code: 'duplicate_external_id' }),
      ]);
    }
    expect(String(rejected[0]?.json.errors)).toContain('line 5');
    expect(String(rejected[1]?.json.errors)).toContain('line 3');
    expect(rejected[0]?.json.row).toMatchObject({ 'Employee ID': 'E2002', 'First Name': 'Jan' });
    expect(rejected[0]?.binary?.errors).toMatchObject({
      fileName: 'errors.csv',
      mimeType: 'text/csv',
    });
    expect(rejected[1]?.binary).toBeUndefined();

    const outcomes = outputOf(result, 'User Upsert');
    expect(statuses(outcomes)).toEqual(
      Object.fromEntries(VALID_IDS.map((id) => [id, 'create:succeeded'])),
    );
    expect(pairedIndexes(outcomes)).toEqual(VALID_IDS.map((_, index) => index));

    const users = rest.users();
    expect(users.map((user) => user.external_id).sort()).toEqual(VALID_IDS);
    const byId = (id: string) => users.find((user) => user.external_id === id);
    expect(byId('E2001')).toMatchObject({
      first_name: 'Sanne',
      last_name: 'de Vries',
      email: 'sanne.devries@example.com',
      phone_number: '+31612345678',
      country: 'NL',
    });
    expect(byId('E2003')).toMatchObject({
      first_name: 'Jürgen',
      phone_number: '+4915123456789',
      country: 'DE',
    });
    expect(byId('E2004')?.phone_number).toBe('+31687654321');
    expect(byId('E2005')).toMatchObject({
      email: null,
      phone_number: '+32470123456',
      country: 'BE',
    });
    // The Springest seed documents no language field: the default mapping does not send it.
    expect(users.every((user) => !('language' in user))).toBe(true);
    expect(users.some((user) => user.email?.includes('jansen'))).toBe(false);
  });

  it('a second execution of the same rows makes no write call, though the lookup returns only the id, e-mail and active', async () => {
    const before = rest.writeCalls().length;
    // A create with an e-mail is two POSTs on this API, which has no e-mail lookup: the account
    // first, then its e-mail by external ID, so the platform's e-mail match takes over no one.
    const withEmail = rest.users().filter((user) => user.email).length;
    expect(before).toBe(VALID_IDS.length + withEmail);
    // The same workflow: its memory holds a fingerprint of what was sent to each user.
    const { exitCode, result } = await run(itemsToRest('e2eItems1'));
    expect(runError(result)).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(statuses(outputOf(result, 'User Upsert'))).toEqual(
      Object.fromEntries(VALID_IDS.map((id) => [id, 'unchanged:unchanged'])),
    );
    expect(outputOf(result, 'CSV Parse & Validate', 1)).toHaveLength(2);
    expect(rest.writeCalls().length).toBe(before);
  });
});
