/**
 * Debian's Redis 7 as the queue between n8n main and its workers (Bull keeps its jobs
 * there): a server of its own on a free loopback port, with its own temp folder, no
 * persistence, a password, and stopped by the pid in its pid file. Installed by
 * test/setup/install-queue-peers.sh.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../e2e/n8n/n8n-runtime';
import { run } from '../../peers/run-command';
import { claimServerFolder, stopServer, type ServerKind } from './server-folders';

const START_TIMEOUT_MS = 15_000;

export interface RedisPeer {
  host: '127.0.0.1';
  port: number;
  password: string;
  stop(): Promise<void>;
}

const REDIS: ServerKind = {
  prefix: 'hrsync-queue-redis-',
  program: 'redis-server',
  stopSignal: 'SIGTERM',
  serverPid: async (folder) => {
    const pid = Number(await fs.readFile(join(folder, 'redis.pid'), 'utf8').catch(() => ''));
    return pid > 0 ? pid : undefined;
  },
};

export async function startRedis(): Promise<RedisPeer> {
  const folder = await claimServerFolder(REDIS);
  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  // The password goes in a config file, not on the command line other users can read.
  const config = join(folder, 'redis.conf');
  await fs.writeFile(
    config,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${folder}`,
      `pidfile ${join(folder, 'redis.pid')}`,
      `requirepass ${password}`,
      'save ""',
      'appendonly no',
      'daemonize no',
    ].join('\n') + '\n',
    { mode: 0o600 },
  );
  const logFd = openSync(join(folder, 'redis.log'), 'a');
  const child = spawn('redis-server', [config], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  child.unref();
  const stop = async () => {
    await stopServer(REDIS, folder);
    await fs.rm(folder, { recursive: true, force: true });
  };

  const env = { ...process.env, REDISCLI_AUTH: password };
  const ping = () =>
    run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { env, check: false });
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while ((await ping()).stdout.trim() !== 'PONG' || !(await REDIS.serverPid(folder))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        const log = await fs.readFile(join(folder, 'redis.log'), 'utf8').catch(() => '');
        throw new Error(`redis-server did not start on port ${port}:\n${log.slice(-3000)}`);
      }
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, password, stop };
}
