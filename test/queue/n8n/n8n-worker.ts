import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { installCommunityPackages, n8nEnvironment } from '../../e2e/n8n/n8n-instance';
import { freePort, locateN8nRuntime } from '../../e2e/n8n/n8n-runtime';
import { terminate } from '../../e2e/n8n/n8n-server';
import { watchProcess } from '../../e2e/n8n/watched-process';

const START_TIMEOUT_MS = 3 * 60_000;

/** One `n8n worker` process: takes jobs off the Redis queue and runs them. */
export interface N8nWorker {
  name: string;
  pid: number;
  /** Everything the worker printed (n8n logs each job it starts and finishes). */
  log(): string;
  exited(): boolean;
  /** SIGKILL: the worker dies at once, as on an out-of-memory kill or a lost machine. */
  kill(): Promise<void>;
  /** SIGTERM (n8n lets running jobs finish first), and removes its folder. */
  stop(): Promise<void>;
}

export interface N8nWorkerOptions {
  name: string;
  packageTgz: string;
  /** queueModeEnvironment(...): the same database, queue and key as main. */
  queueEnv: Record<string, string>;
  /** `n8n worker --concurrency`: how many executions it runs at once. */
  concurrency: number;
}

/**
 * A worker with a user folder of its own, as on another machine: the community package
 * installed there too (workers load node types from their own folder), and nothing on disk
 * shared with main or the other workers: what they share must go through Postgres or Redis.
 * Ready once its health server's /healthz/readiness answers 200 (database and Redis up).
 */
export async function startN8nWorker(options: N8nWorkerOptions): Promise<N8nWorker> {
  const runtime = await locateN8nRuntime();
  const userFolder = await mkdtemp(join(tmpdir(), `hr-sync-n8n-${options.name}-`));
  const healthPort = await freePort();
  const env = await n8nEnvironment(runtime, userFolder, {
    // The package's memory files stay in the worker's own folder unless queueEnv names a
    // folder all share (said explicitly: the test runner's own setting must not leak in).
    HR_SYNC_MEMORY_DIR: join(userFolder, '.n8n', 'hr-sync-memory'),
    ...options.queueEnv,
    QUEUE_HEALTH_CHECK_ACTIVE: 'true',
    QUEUE_HEALTH_CHECK_PORT: String(healthPort),
    N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
  });
  await installCommunityPackages(userFolder, [options.packageTgz], env);
  const child = spawn(
    join(runtime.nodeBin, 'node'),
    [runtime.n8nBin, 'worker', `--concurrency=${options.concurrency}`],
    // Its own process group: a SIGKILL must take its task runner child down with it.
    { cwd: userFolder, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const watched = watchProcess(child);
  const { exited, tail } = watched;
  const stop = async () => {
    await terminate(child, exited);
    killGroup(child.pid!); // a task runner child left behind by the worker
    await rm(userFolder, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (watched.exitCode() !== undefined)
        throw new Error(`n8n worker exited (${watched.exitCode()}):\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`n8n worker: not ready in time:\n${tail()}`);
      const status = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)
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
    name: options.name,
    pid: child.pid!,
    log: watched.log,
    exited: () => watched.exitCode() !== undefined,
    kill: async () => {
      killGroup(child.pid!);
      await exited;
    },
    stop,
  };
}

/** SIGKILL to the worker's process group (it leads its own, being spawned detached). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group has already ended
  }
}
