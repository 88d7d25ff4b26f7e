import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, locateN8nRuntime, type N8nRuntime } from './n8n-runtime';
import { parseRawOutput } from './raw-output';
import { runChecked, runCommand, type CommandResult } from './run-command';

export interface N8nInstanceOptions {
  /** The packed community package(s), installed as n8n installs community nodes. */
  packageTgz: string | string[];
  /** Extra environment for n8n, e.g. NODE_EXTRA_CA_CERTS. */
  env?: Record<string, string>;
  /** How long one `n8n execute` may take; default 5 minutes. */
  executeTimeoutMs?: number;
}

export interface N8nCredential {
  id: string;
  name: string;
  type: string;
  /** Decrypted: `n8n import:credentials` encrypts an object `data` with the instance's key. */
  data: Record<string, unknown>;
}

export interface N8nExecution {
  /** 0 on success, 1 on a failed run; 139 is a segfault (see N8N_EXPRESSION_ENGINE below). */
  exitCode: number;
  /** The run (IRun) n8n printed, parsed; undefined when n8n printed none (e.g. an unknown node type). */
  result: unknown;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface N8nInstance {
  version: string;
  userFolder: string;
  importCredentials(credentials: N8nCredential[]): Promise<void>;
  /** The workflow must carry its `id`; importing the same id again replaces it. */
  importWorkflow(workflow: object): Promise<void>;
  /** `n8n execute --id=ID --rawOutput`; the workflow must start from a Manual Trigger. */
  execute(workflowId: string): Promise<N8nExecution>;
  remove(): Promise<void>;
}

const IMPORT_TIMEOUT_MS = 3 * 60_000;
const EXECUTE_TIMEOUT_MS = 5 * 60_000;

/**
 * A headless n8n of its own: a temp N8N_USER_FOLDER with its own SQLite database and
 * encryption key, the package installed as a community package. Every command is a fresh
 * `n8n` process; they run one at a time because they share the database.
 */
export async function createN8nInstance(options: N8nInstanceOptions): Promise<N8nInstance> {
  const runtime = await locateN8nRuntime();
  const userFolder = await mkdtemp(join(tmpdir(), 'hr-sync-n8n-'));
  try {
    const env = await n8nEnvironment(runtime, userFolder, options.env ?? {});
    await installCommunityPackages(userFolder, [options.packageTgz].flat(), env);
    return instance(runtime, userFolder, env, options.executeTimeoutMs ?? EXECUTE_TIMEOUT_MS);
  } catch (error) {
    await rm(userFolder, { recursive: true, force: true });
    throw error;
  }
}

export async function n8nEnvironment(
  runtime: N8nRuntime,
  userFolder: string,
  extra: Record<string, string>,
): Promise<NodeJS.ProcessEnv> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      // The test runner's NODE_ENV=test puts n8n in its own test mode; a developer's N8N_*
      // or DB_* settings would reach past the isolated folder.
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('N8N_') && !name.startsWith('DB_'),
    ),
  );
  return {
    ...inherited,
    PATH: [runtime.nodeBin, process.env.PATH ?? ''].join(delimiter),
    N8N_USER_FOLDER: userFolder,
    DB_TYPE: 'sqlite',
    N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
    N8N_RUNNERS_BROKER_PORT: String(await freePort()),
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    // The default engine (isolated-vm) sometimes segfaults as `execute` exits after a
    // good run; the legacy one did not in 10 of 10 runs.
    N8N_EXPRESSION_ENGINE: 'legacy',
    N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
    ...extra,
  };
}

/** What n8n's own installer does: npm install into ~/.n8n/nodes, scripts off, no n8n-workflow copy. */
export async function installCommunityPackages(
  userFolder: string,
  tarballs: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const nodesFolder = join(userFolder, '.n8n', 'nodes');
  await mkdir(nodesFolder, { recursive: true });
  await writeFile(
    join(nodesFolder, 'package.json'),
    JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
  );
  await runChecked(
    'npm',
    [
      'install',
      ...tarballs,
      '--ignore-scripts',
      '--legacy-peer-deps',
      '--no-audit',
      '--no-fund',
      '--omit=dev',
    ],
    { cwd: nodesFolder, env, timeoutMs: 5 * 60_000 },
  );
}

function instance(
  runtime: N8nRuntime,
  userFolder: string,
  env: NodeJS.ProcessEnv,
  executeTimeoutMs: number,
): N8nInstance {
  const importFolder = join(userFolder, 'import');
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const n8n = (args: string[], timeoutMs: number, stdoutToFile = false): Promise<CommandResult> =>
    runCommand(join(runtime.nodeBin, 'node'), [runtime.n8nBin, ...args], {
      cwd: userFolder,
      env,
      timeoutMs,
      stdoutToFile,
    });
  const importFile = async (command: string, file: string, what: string): Promise<void> => {
    const result = await n8n([command, `--input=${file}`], IMPORT_TIMEOUT_MS);
    // Some failures are only logged: the exit code alone does not prove the import.
    if (result.exitCode !== 0 || !result.stdout.includes('Successfully imported')) {
      throw new Error(
        `n8n ${command} failed for ${what} (exit ${result.exitCode}):\n${lastLines(result)}`,
      );
    }
  };

  return {
    version: runtime.version,
    userFolder,
    importCredentials: (credentials) =>
      serial(async () => {
        await mkdir(importFolder, { recursive: true });
        const file = join(importFolder, `credentials-${randomBytes(4).toString('hex')}.json`);
        // Decrypted secrets: readable by us only, and gone as soon as n8n has them.
        await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
        try {
          await importFile('import:credentials', file, credentials.map((c) => c.id).join(', '));
        } finally {
          await rm(file, { force: true });
        }
      }),
    importWorkflow: (workflow) =>
      serial(async () => {
        const id = (workflow as { id?: unknown }).id;
        if (typeof id !== 'string' || id === '')
          throw new Error('importWorkflow needs a workflow with an id');
        await mkdir(importFolder, { recursive: true });
        const file = join(importFolder, `workflow-${id}.json`);
        await writeFile(file, JSON.stringify(workflow, null, 2));
        await importFile('import:workflow', file, `workflow ${id}`);
      }),
    execute: (workflowId) =>
      serial(async () => {
        // The run's JSON is tens of MB at 100,000 employees, and `n8n execute` exits right
        // after printing it: through a pipe its end was sometimes lost ("n8n printed no run").
        const result = await n8n(
          ['execute', `--id=${workflowId}`, '--rawOutput'],
          executeTimeoutMs,
          true,
        );
        return { ...result, result: parseRawOutput(result.stdout) };
      }),
    remove: () =>
      serial(async () => {
        await rm(userFolder, { recursive: true, force: true });
      }),
  };
}

function lastLines({ stdout, stderr }: CommandResult): string {
  return `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
}
