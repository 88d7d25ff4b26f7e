/**
 * The e2e harness itself: a real n8n (2.41.1 on Node 24, headless), the packed package
 * installed as a community package, credentials and workflows imported through n8n's CLI.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createN8nInstance, type N8nInstance } from './n8n/n8n-instance';
import { packPackage } from './n8n/pack-package';
import { outputOf, runError } from './helpers/run-data';

jest.setTimeout(10 * 60_000);

const manualTrigger = {
  id: '0b5c7d10-0000-4000-8000-000000000001',
  name: 'Start',
  type: 'n8n-nodes-base.manualTrigger',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

function chain(id: string, nodes: Array<Record<string, unknown>>): object {
  const all = [manualTrigger, ...nodes];
  const connections: Record<string, object> = {};
  for (let index = 0; index < all.length - 1; index += 1) {
    connections[String(all[index]!.name)] = {
      main: [[{ node: String(all[index + 1]!.name), type: 'main', index: 0 }]],
    };
  }
  return { id, name: `smoke ${id}`, active: false, nodes: all, connections, settings: {} };
}

const setGreeting = {
  id: '0b5c7d10-0000-4000-8000-000000000002',
  name: 'Set Greeting',
  type: 'n8n-nodes-base.set',
  typeVersion: 3.4,
  position: [200, 0],
  parameters: {
    mode: 'manual',
    assignments: {
      assignments: [
        { id: 'a1', name: 'greeting', value: 'hallo wereld', type: 'string' },
        { id: 'a2', name: 'count', value: 3, type: 'number' },
      ],
    },
    options: {},
  },
};

/** A disabled node is not run, but n8n still resolves its type: an unknown one fails the run. */
function disabledNodeOfType(type: string): Record<string, unknown> {
  return {
    id: '0b5c7d10-0000-4000-8000-000000000003',
    name: 'Package Node',
    type,
    typeVersion: 1,
    position: [400, 0],
    parameters: {},
    disabled: true,
  };
}

let n8n: N8nInstance;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[label] = Date.now() - started;
  }
}

beforeAll(async () => {
  const packageTgz = await timed('pack', () => packPackage());
  n8n = await timed('create (npm install of the package)', () => createN8nInstance({ packageTgz }));
});

afterAll(async () => {
  await n8n?.remove();
  process.stdout.write(`n8n smoke timings (ms): ${JSON.stringify(timings)}\n`);
});

it('runs Manual Trigger → Set and returns the set values as run data', async () => {
  const workflow = chain('smokeSet0000001', [setGreeting]);
  // The first import also creates and migrates the SQLite database.
  await timed('first import', () => n8n.importWorkflow(workflow));
  const execution = await timed('execute', () => n8n.execute('smokeSet0000001'));

  expect(n8n.version).toBe('2.41.1');
  expect(runError(execution.result)).toBeUndefined();
  expect(execution.exitCode).toBe(0);
  expect(execution.result).toMatchObject({ status: 'success', finished: true, mode: 'cli' });
  expect(outputOf(execution.result, 'Set Greeting').map((item) => item.json)).toEqual([
    { greeting: 'hallo wereld', count: 3 },
  ]);
});

it('loads the packed package: its node types resolve, an unknown one of the same package does not', async () => {
  await timed('second import', () =>
    n8n.importWorkflow(
      chain('smokePackage001', [
        setGreeting,
        disabledNodeOfType('n8n-nodes-hr-sync.csvParseValidate'),
      ]),
    ),
  );
  const known = await n8n.execute('smokePackage001');
  expect(runError(known.result)).toBeUndefined();
  expect(known.exitCode).toBe(0);

  await n8n.importWorkflow(
    chain('smokePackage002', [setGreeting, disabledNodeOfType('n8n-nodes-hr-sync.noSuchNode')]),
  );
  const unknown = await n8n.execute('smokePackage002');
  expect(unknown.exitCode).toBe(1);
  expect(unknown.result).toBeUndefined();
  expect(unknown.stdout).toContain('Unrecognized node type: n8n-nodes-hr-sync.noSuchNode');
});

describe('credentials imported decrypted', () => {
  let server: Server;
  let seen: IncomingHttpHeaders[];
  const secret = `smoke-secret-${Date.now()}`;

  beforeAll(async () => {
    seen = [];
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are encrypted at rest and decrypted for the node that uses them', async () => {
    const { port } = server.address() as AddressInfo;
    await timed('credentials import', () =>
      n8n.importCredentials([
        {
          id: 'smokeHeaderAuth1',
          name: 'Smoke header auth',
          type: 'httpHeaderAuth',
          data: { name: 'X-Smoke-Token', value: secret },
        },
      ]),
    );
    await n8n.importWorkflow(
      chain('smokeCredential1', [
        {
          id: '0b5c7d10-0000-4000-8000-000000000004',
          name: 'Call Peer',
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          position: [200, 0],
          parameters: {
            url: `http://127.0.0.1:${port}/echo`,
            authentication: 'genericCredentialType',
            genericAuthType: 'httpHeaderAuth',
            options: {},
          },
          credentials: { httpHeaderAuth: { id: 'smokeHeaderAuth1', name: 'Smoke header auth' } },
        },
      ]),
    );
    const execution = await n8n.execute('smokeCredential1');

    expect(runError(execution.result)).toBeUndefined();
    expect(outputOf(execution.result, 'Call Peer').map((item) => item.json)).toEqual([
      { ok: true },
    ]);
    expect(seen.map((headers) => headers['x-smoke-token'])).toEqual([secret]);
    const database = await readFile(join(n8n.userFolder, '.n8n', 'database.sqlite'));
    expect(database.includes(Buffer.from(secret))).toBe(false);
    expect(`${execution.stdout}${execution.stderr}`).not.toContain(secret);
  });
});
