import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { n8nEnvironment, type N8nInstance } from './n8n-instance';
import { freePort, locateN8nRuntime } from './n8n-runtime';
import { watchProcess } from './watched-process';

const START_TIMEOUT_MS = 3 * 60_000;

/** `n8n start` of an instance, on a free loopback port. */
export interface N8nServer {
  pid: number;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The last lines n8n printed, for a failure's message. */
  tail(): string;
  /** The last 200 kB n8n printed (in queue mode main logs each execution it enqueues). */
  log(): string;
  /** Whether the process has ended. */
  exited(): boolean;
  /** SIGTERM, and waits for the exit (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

/** The instance's own environment (its encryption key is in its settings file by now). */
export async function instanceEnvironment(
  n8n: N8nInstance,
  extra: Record<string, string>,
): Promise<NodeJS.ProcessEnv> {
  const runtime = await locateN8nRuntime();
  const settings = JSON.parse(await readFile(join(n8n.userFolder, '.n8n', 'config'), 'utf8')) as {
    encryptionKey: string;
  };
  return n8nEnvironment(runtime, n8n.userFolder, {
    ...extra,
    N8N_ENCRYPTION_KEY: settings.encryptionKey,
  });
}

/**
 * Starts n8n and resolves once /healthz/readiness answers 200: the database is connected and
 * migrated and the server fully up. /healthz alone answers earlier, while every other path
 * still gets "200 n8n is starting up. Please wait" (text/html), which the bench once took
 * for a run that printed nothing. Activation of workflows may still trail it.
 */
export async function startN8nServer(
  n8n: N8nInstance,
  extraEnv: Record<string, string> = {},
): Promise<N8nServer> {
  const runtime = await locateN8nRuntime();
  const port = await freePort();
  const env = {
    ...(await instanceEnvironment(n8n, extraEnv)),
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
  };
  const child = spawn(join(runtime.nodeBin, 'node'), [runtime.n8nBin, 'start'], {
    cwd: n8n.userFolder,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchProcess(child);
  const { exited, tail } = watched;
  const base = `http://127.0.0.1:${port}`;
  const stop = () => terminate(child, exited);

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (watched.exitCode() !== undefined)
        throw new Error(`n8n start exited (${watched.exitCode()}):\n${tail()}`);
      if (Date.now() > deadline)
        throw new Error(`n8n start: no /healthz/readiness 200 in time:\n${tail()}`);
      const status = await fetch(`${base}/healthz/readiness`)
        .then((r) => r.status)
        .catch(() => 0);
      if (status === 200) break;
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid: child.pid!,
    base,
    tail,
    log: watched.log,
    exited: () => watched.exitCode() !== undefined,
    stop,
  };
}

/** SIGTERM, then SIGKILL after 30 s; resolves once the process has exited. */
export async function terminate(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
