/**
 * Temp folders for the queue tests' own database and Redis servers, each marked with the
 * test process that owns it. CI reuses machines and a killed test process cannot stop its
 * servers, so every start first stops the servers of folders whose owner has ended (by the
 * pid the server wrote, and only if that pid still runs the same program) and removes them.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OWNER_FILE = 'owner.pid';

export interface ServerKind {
  /** Folder name prefix under the temp dir, e.g. `hrsync-queue-pg-`. */
  prefix: string;
  /** The server's pid, as it wrote it into its folder. */
  serverPid(folder: string): Promise<number | undefined>;
  /** A word of the program's command line, so that a reused pid is never signalled. */
  program: string;
  /** What makes it stop without waiting for its clients (Postgres: SIGINT, its fast shutdown). */
  stopSignal: NodeJS.Signals;
}

export async function claimServerFolder(kind: ServerKind): Promise<string> {
  await reapStaleServers(kind);
  const folder = await fs.mkdtemp(join(tmpdir(), kind.prefix));
  await fs.writeFile(join(folder, OWNER_FILE), String(process.pid));
  return folder;
}

/** Stops the server by its pid (its stop signal, SIGKILL after 10 s) and waits until it is gone. */
export async function stopServer(kind: ServerKind, folder: string): Promise<void> {
  const pid = await kind.serverPid(folder);
  if (pid === undefined || !(await runs(pid, kind.program))) return;
  process.kill(pid, kind.stopSignal);
  for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 50) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 50) await sleep(50);
}

async function reapStaleServers(kind: ServerKind): Promise<void> {
  const names = await fs.readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => candidate.startsWith(kind.prefix))) {
    const folder = join(tmpdir(), name);
    const owner = Number(await fs.readFile(join(folder, OWNER_FILE), 'utf8').catch(() => ''));
    if (owner > 0 && isAlive(owner)) continue;
    await stopServer(kind, folder);
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** Whether pid is alive and runs `program` (a stale pid file may name a reused pid). */
async function runs(pid: number, program: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes(program);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
