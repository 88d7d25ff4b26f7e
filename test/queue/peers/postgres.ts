/**
 * Debian's PostgreSQL 15 as n8n's database in queue mode (SQLite is not supported there):
 * a cluster of its own in a temp folder, made by initdb as the `postgres` system user
 * (postgres refuses to run as root), listening on a free loopback port, stopped by the pid
 * in its postmaster.pid. Installed by test/setup/install-queue-peers.sh.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../e2e/n8n/n8n-runtime';
import { run } from '../../peers/run-command';
import { claimServerFolder, stopServer, type ServerKind } from './server-folders';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const SYSTEM_USER = 'postgres';
const START_TIMEOUT_MS = 30_000;

export interface PostgresPeer {
  host: '127.0.0.1';
  port: number;
  database: string;
  user: string;
  password: string;
  /** Runs one query and gives its rows (as JSON objects). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** The server's log, for a failing test's diagnosis. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

const POSTGRES: ServerKind = {
  prefix: 'hrsync-queue-pg-',
  program: 'postgres',
  stopSignal: 'SIGINT',
  serverPid: async (folder) => {
    const text = await fs.readFile(join(folder, 'data', 'postmaster.pid'), 'utf8').catch(() => '');
    const pid = Number(text.split('\n')[0]);
    return pid > 0 ? pid : undefined;
  },
};

export async function startPostgres(): Promise<PostgresPeer> {
  const folder = await claimServerFolder(POSTGRES);
  const { uid, gid } = await systemUser();
  await fs.chown(folder, uid, gid);
  const user = 'n8n';
  const database = 'n8n';
  const password = randomBytes(16).toString('hex');
  const passwordFile = join(folder, 'password');
  await fs.writeFile(passwordFile, password, { mode: 0o600 });
  await fs.chown(passwordFile, uid, gid);
  const data = join(folder, 'data');
  await asPostgres(join(PG_BIN, 'initdb'), [
    `--pgdata=${data}`,
    `--username=${user}`,
    `--pwfile=${passwordFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--no-locale',
  ]);
  await fs.rm(passwordFile);

  const port = await freePort();
  const logFile = join(folder, 'postgres.log');
  const logFd = openSync(logFile, 'a');
  // Detached: postgres outlives the runuser that started it only as long as the test wants.
  const child = spawn(
    'runuser',
    [
      '-u',
      SYSTEM_USER,
      '--',
      join(PG_BIN, 'postgres'),
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      folder,
      // A throwaway cluster: durability costs time and buys nothing here.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  child.unref();

  const env = { ...process.env, PGPASSWORD: password };
  const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', user];
  const psql = (db: string, sql: string) =>
    run('psql', [...connection, '-d', db, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { env });
  const log = () => fs.readFile(logFile, 'utf8').catch(() => '');
  const stop = async () => {
    await stopServer(POSTGRES, folder);
    await fs.rm(folder, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while ((await psql('postgres', 'select 1').catch(() => undefined)) === undefined) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`postgres did not start on port ${port}:\n${(await log()).slice(-3000)}`);
      }
      await sleep(200);
    }
    await psql('postgres', `create database ${database}`);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    database,
    user,
    password,
    rows: async <T>(sql: string) => {
      const { stdout } = await psql(database, `select coalesce(json_agg(q), '[]') from (${sql}) q`);
      return JSON.parse(stdout) as T[];
    },
    log,
    stop,
  };
}

async function systemUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await run('id', [flag, SYSTEM_USER])).stdout.trim())),
  );
  return { uid: uid!, gid: gid! };
}

function asPostgres(program: string, args: string[]) {
  return run('runuser', ['-u', SYSTEM_USER, '--', program, ...args]);
}
