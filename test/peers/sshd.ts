/**
 * A real OpenSSH server for the SFTP source tests: Debian's /usr/sbin/sshd, run as root on
 * a free loopback port with its own config, host key and authorized_keys in a temp dir.
 * Each peer serves its own folder (`root`) to one system user, so test files running in
 * parallel do not see each other's files.
 *
 * Traps met on the way (see /work/shared/N8N.md):
 * - `useradd` leaves the account locked and sshd refuses it; setting a password with
 *   `chpasswd` unlocks it.
 * - sshd needs its privilege separation folder /run/sshd.
 * - The machine is reused between CI runs and tests run in parallel workers, so user
 *   set-up is idempotent and race-tolerant, the password is one per machine (parallel
 *   peers must not change it under each other), and start reaps peers whose test process
 *   died without stopping them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './run-command';

export interface SshdPeer {
  host: '127.0.0.1';
  port: number;
  username: string;
  password: string;
  /** OpenSSH private key text, unencrypted. */
  privateKey: string;
  /** The same kind of key, encrypted with `passphrase`. */
  encryptedPrivateKey: string;
  passphrase: string;
  /** As `ssh-keygen -lf` prints it: "SHA256:...". */
  hostKeyFingerprint: string;
  /** The SFTP user's start folder on disk: relative SFTP paths start here. */
  root: string;
  /**
   * Writes a file under `root` owned by the SFTP user (folders too), so the user can also
   * move and replace it; root-owned files would only be readable.
   */
  put(
    relativePath: string,
    data: Buffer | string,
    options?: { modifiedAt?: Date },
  ): Promise<string>;
  /** sshd's own log (it runs with -e), for a failing test's diagnosis. */
  log(): string;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';
const USER = 'hrsync-sftp';
const PASSWORD_FILE = '/var/lib/hrsync-test/sftp-password';
const PEER_DIR_PREFIX = 'hrsync-sshd-';
const START_TIMEOUT_MS = 10_000;

export async function startSshd(options: { passwordAuth?: boolean } = {}): Promise<SshdPeer> {
  if (process.getuid?.() !== 0)
    throw new Error('the sshd peer runs sshd as root: run tests as root');
  await reapStalePeers();
  const [user] = await Promise.all([
    ensureUser(),
    fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 }),
  ]);
  const dir = await fs.mkdtemp(join(tmpdir(), PEER_DIR_PREFIX));
  // sshd reads authorized_keys as the user, so the user must be able to enter the folder.
  await fs.chmod(dir, 0o755);
  await fs.writeFile(join(dir, 'owner.pid'), String(process.pid));
  const passphrase = randomBytes(12).toString('base64url');
  const [hostKeyFingerprint, privateKey, encryptedPrivateKey] = await Promise.all([
    hostKey(dir),
    userKey(dir, 'user_key', ''),
    userKey(dir, 'user_key_encrypted', passphrase),
  ]);
  const pubKeys = await Promise.all(
    ['user_key.pub', 'user_key_encrypted.pub'].map((name) => fs.readFile(join(dir, name), 'utf8')),
  );
  await fs.writeFile(join(dir, 'authorized_keys'), pubKeys.join(''), { mode: 0o644 });
  const root = join(dir, 'root');
  await fs.mkdir(root, { mode: 0o755 });
  await fs.chown(root, user.uid, user.gid);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  await fs.writeFile(config, await sshdConfig(dir, root, port, options.passwordAuth ?? true));
  const daemon = await launch(config, port);

  return {
    host: '127.0.0.1',
    port,
    username: USER,
    password: user.password,
    privateKey,
    encryptedPrivateKey,
    passphrase,
    hostKeyFingerprint,
    root,
    put: (relativePath, data, putOptions = {}) =>
      putOwnedFile(root, relativePath, data, user, putOptions.modifiedAt),
    log: daemon.log,
    stop: once(async () => {
      await stopByPidFile(dir, daemon.child);
      await fs.rm(dir, { recursive: true, force: true });
    }),
  };
}

interface SftpUser {
  uid: number;
  gid: number;
  password: string;
}

async function ensureUser(): Promise<SftpUser> {
  if (!(await userExists())) {
    // nologin: the account exists for SFTP only. A parallel worker may win the race.
    const added = await run('useradd', ['-m', '-s', '/usr/sbin/nologin', USER], { check: false });
    if (added.code !== 0 && !(await userExists())) {
      throw new Error(`useradd ${USER} failed: ${added.stderr}`);
    }
  }
  const password = await machinePassword();
  await run('chpasswd', [], { input: `${USER}:${password}\n` });
  const uid = Number((await run('id', ['-u', USER])).stdout.trim());
  const gid = Number((await run('id', ['-g', USER])).stdout.trim());
  return { uid, gid, password };
}

async function userExists(): Promise<boolean> {
  return (await run('id', [USER], { check: false })).code === 0;
}

/** One random password per machine, created once: parallel peers share the user. */
async function machinePassword(): Promise<string> {
  await fs.mkdir(dirname(PASSWORD_FILE), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(PASSWORD_FILE, randomBytes(18).toString('base64url'), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await fs.readFile(PASSWORD_FILE, 'utf8')).trim();
}

async function hostKey(dir: string): Promise<string> {
  const file = join(dir, 'host_ed25519_key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hrsync-test-host', '-f', file]);
  const printed = (await run('ssh-keygen', ['-l', '-f', `${file}.pub`])).stdout;
  const fingerprint = printed.split(/\s+/)[1];
  if (!fingerprint?.startsWith('SHA256:'))
    throw new Error(`unexpected ssh-keygen -l output: ${printed}`);
  return fingerprint;
}

async function userKey(dir: string, name: string, passphrase: string): Promise<string> {
  const file = join(dir, name);
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    `hrsync-test-${name}`,
    '-f',
    file,
  ]);
  return fs.readFile(file, 'utf8');
}

async function sshdConfig(
  dir: string,
  root: string,
  port: number,
  passwordAuth: boolean,
): Promise<string> {
  const lines = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PasswordAuthentication ${passwordAuth ? 'yes' : 'no'}`,
    'PubkeyAuthentication yes',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin no',
    `AllowUsers ${USER}`,
    'Subsystem sftp internal-sftp',
    // -d: each peer's user starts in the peer's own folder instead of the shared home.
    `ForceCommand internal-sftp -d ${root}`,
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTTY no',
    'LogLevel VERBOSE',
  ];
  // OpenSSH 9.8+ blocks a source address after failed log-ins, which the tests provoke on
  // purpose; older versions refuse to start on the unknown option, so probe first.
  const probe = join(dir, 'probe_config');
  await fs.writeFile(probe, [...lines, 'PerSourcePenalties no', ''].join('\n'));
  const accepted = (await run(SSHD, ['-t', '-f', probe], { check: false })).code === 0;
  return [...lines, ...(accepted ? ['PerSourcePenalties no'] : []), ''].join('\n');
}

async function launch(
  config: string,
  port: number,
): Promise<{ child: ChildProcess; log: () => string }> {
  // -D keeps sshd in the foreground as our child, -e sends its log to stderr for log().
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await acceptsConnections(port))) {
    if (exited || Date.now() > deadline) {
      child.kill();
      throw new Error(`sshd did not start on port ${port}:\n${log}`);
    }
    await sleep(25);
  }
  return { child, log: () => log };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function putOwnedFile(
  root: string,
  relativePath: string,
  data: Buffer | string,
  owner: SftpUser,
  modifiedAt?: Date,
): Promise<string> {
  const file = join(root, relativePath);
  let folder = root;
  for (const part of dirname(relativePath)
    .split('/')
    .filter((p) => p !== '' && p !== '.')) {
    folder = join(folder, part);
    await fs.mkdir(folder, { recursive: true });
    await fs.chown(folder, owner.uid, owner.gid);
  }
  await fs.writeFile(file, data);
  await fs.chown(file, owner.uid, owner.gid);
  if (modifiedAt) await fs.utimes(file, modifiedAt, modifiedAt);
  return file;
}

/** Stops sshd by its pid file (the child handle is a fallback) and waits until it is gone. */
async function stopByPidFile(dir: string, child?: ChildProcess): Promise<void> {
  const fromFile = Number(await fs.readFile(join(dir, 'sshd.pid'), 'utf8').catch(() => ''));
  const pid = fromFile > 0 ? fromFile : child?.pid;
  if (!pid || !isAlive(pid) || !(await isSshd(pid))) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 25) await sleep(25);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Peers whose test process died without stopping them (a killed CI job). */
async function reapStalePeers(): Promise<void> {
  const names = await fs.readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(PEER_DIR_PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = Number(await fs.readFile(join(dir, 'owner.pid'), 'utf8').catch(() => ''));
    if (owner > 0 ? isAlive(owner) : await isRecent(dir)) continue;
    await stopByPidFile(dir);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A peer a parallel worker is still setting up has no owner.pid yet. */
async function isRecent(dir: string): Promise<boolean> {
  const stats = await fs.stat(dir).catch(() => undefined);
  return stats !== undefined && Date.now() - stats.mtimeMs < 60_000;
}

/** Only ever signal an sshd: a stale pid file may name a pid the system has reused. */
async function isSshd(pid: number): Promise<boolean> {
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes('sshd');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
