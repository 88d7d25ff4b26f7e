import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSftpFile, testSftpConnection, type SftpConnection } from '../../../src/sources/sftp';
import { SourceError } from '../../../src/sources/source-error';
import { startSshd, type SshdPeer } from '../../peers/sshd';
import {
  expectNoSecrets,
  passwordConnection,
  secretsOf,
  sourceErrorOf,
} from './helpers/source-errors';

let peer: SshdPeer;
let keysOnly: SshdPeer;
/** Every SourceError the tests provoke, checked for secrets at the end. */
const provoked: SourceError[] = [];

beforeAll(async () => {
  [peer, keysOnly] = await Promise.all([startSshd(), startSshd({ passwordAuth: false })]);
  await peer.put('inbox/employees.csv', 'id\n1\n');
  await keysOnly.put('inbox/employees.csv', 'id\n1\n');
});

afterAll(async () => {
  await Promise.all([peer?.stop(), keysOnly?.stop()]);
});

async function failure(call: Promise<unknown>): Promise<SourceError> {
  const error = await sourceErrorOf(call);
  provoked.push(error);
  return error;
}

const keyConnection = (
  target: SshdPeer,
  overrides: Partial<SftpConnection> = {},
): SftpConnection => ({
  host: target.host,
  port: target.port,
  username: target.username,
  privateKey: target.privateKey,
  hostKeyFingerprint: target.hostKeyFingerprint,
  ...overrides,
});

const readInbox = (connection: SftpConnection) =>
  readSftpFile(connection, { path: 'inbox/employees.csv' });

describe('logging in', () => {
  it('logs in with a password', async () => {
    const file = await readInbox(passwordConnection(peer));
    expect(file.data.toString()).toBe('id\n1\n');
  });

  it('logs in with an unencrypted private key on a server that refuses passwords', async () => {
    const file = await readInbox(keyConnection(keysOnly));
    expect(file.data.toString()).toBe('id\n1\n');
  });

  it('logs in with an encrypted private key and its passphrase', async () => {
    const file = await readInbox(
      keyConnection(keysOnly, {
        privateKey: keysOnly.encryptedPrivateKey,
        passphrase: keysOnly.passphrase,
      }),
    );
    expect(file.data.toString()).toBe('id\n1\n');
  });

  it('fails with auth_failed on a wrong password, naming host, port and what to check', async () => {
    const error = await failure(
      readInbox(passwordConnection(peer, { password: 'wrong-password' })),
    );

    expect(error.code).toBe('auth_failed');
    expect(error.host).toBe(`127.0.0.1:${peer.port}`);
    expect(error.message).toContain(`127.0.0.1:${peer.port}`);
    expect(error.message).toContain('check the user name and password or private key');
    expect(error.message).not.toContain('wrong-password');
  });

  it('fails with auth_failed on an unknown user', async () => {
    const error = await failure(readInbox(passwordConnection(peer, { username: 'nobody-here' })));
    expect(error.code).toBe('auth_failed');
  });

  it('fails with auth_failed when a password-only credential meets a key-only server', async () => {
    const error = await failure(readInbox(passwordConnection(keysOnly)));
    expect(error.code).toBe('auth_failed');
  });

  it('fails with auth_failed on a wrong passphrase, saying to check the passphrase', async () => {
    const error = await failure(
      readInbox(
        keyConnection(keysOnly, { privateKey: keysOnly.encryptedPrivateKey, passphrase: 'not-it' }),
      ),
    );

    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('passphrase');
  });

  it('fails with auth_failed on an encrypted key without its passphrase', async () => {
    const error = await failure(
      readInbox(keyConnection(keysOnly, { privateKey: keysOnly.encryptedPrivateKey })),
    );

    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('passphrase');
  });

  it('fails with auth_failed on text that is no private key, saying to paste the whole key', async () => {
    const error = await failure(
      readInbox(keyConnection(keysOnly, { privateKey: keysOnly.privateKey.slice(0, 120) })),
    );

    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('BEGIN and END');
  });
});

describe('checking the host key', () => {
  const bare = () => peer.hostKeyFingerprint.replace(/^SHA256:/, '');

  it.each([
    ['as ssh-keygen prints it', () => peer.hostKeyFingerprint],
    ['as bare base64', bare],
    ['with base64 padding', () => `${bare()}=`],
    ['as the whole ssh-keygen -lf line', () => `256 ${peer.hostKeyFingerprint} root@hr (ED25519)`],
  ])('accepts the fingerprint %s', async (_form, fingerprint) => {
    await expect(
      testSftpConnection(passwordConnection(peer, { hostKeyFingerprint: fingerprint() })),
    ).resolves.toBeUndefined();
  });

  it('refuses a server whose key does not match, naming both fingerprints, before logging in', async () => {
    const other = 'SHA256:AlVuqjRy2oAmxl5TeCP/NOApv5jqzBHBaMulvNoO6lQ';
    const logBefore = peer.log();

    const error = await failure(readInbox(passwordConnection(peer, { hostKeyFingerprint: other })));

    expect(error.code).toBe('host_key_mismatch');
    expect(error.message).toContain(peer.hostKeyFingerprint);
    expect(error.message).toContain(other);
    expect(error.message).toContain('paste the new fingerprint');
    // The password never reached the server: sshd saw the key exchange fail (reason 3,
    // KEY_EXCHANGE_FAILED) and no log-in attempt at all.
    const logDuring = await logUntil(peer, logBefore.length, /\[preauth\]/);
    expect(logDuring).toMatch(/Received disconnect from 127\.0\.0\.1 port \d+:3:/);
    expect(logDuring).not.toMatch(/Accepted|Failed|Invalid user/);
  });
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['absent', undefined],
  ])(
    'refuses to go on without a fingerprint (%s), naming the one the server presented, before logging in',
    async (_form, fingerprint) => {
      const logBefore = peer.log();

      const error = await failure(
        readInbox(passwordConnection(peer, { hostKeyFingerprint: fingerprint })),
      );

      expect(error.code).toBe('host_key_mismatch');
      expect(error.host).toBe(`127.0.0.1:${peer.port}`);
      expect(error.message).toContain(peer.hostKeyFingerprint);
      expect(error.message).toContain('no host key fingerprint');
      expect(error.message).toContain('paste it into the credential');
      // As for a mismatch: the key exchange is refused, so no password was ever offered.
      const logDuring = await logUntil(peer, logBefore.length, /\[preauth\]/);
      expect(logDuring).toMatch(/Received disconnect from 127\.0\.0\.1 port \d+:3:/);
      expect(logDuring).not.toMatch(/Accepted|Failed|Invalid user|password/i);
    },
  );
});

describe('reaching the server', () => {
  let silent: Server;
  const silentSockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts TCP connections but never speaks SSH: a server that hangs.
    silent = createServer((socket) => silentSockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    silentSockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails with unreachable on a port where nothing listens', async () => {
    const closed = await closedPort();

    const error = await failure(readInbox(passwordConnection(peer, { port: closed })));

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${closed}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails with unreachable on a host name that does not resolve', async () => {
    const error = await failure(
      readInbox(passwordConnection(peer, { host: 'no-such-host.invalid' })),
    );

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('no-such-host.invalid:');
  });

  it('fails with timeout when the server never completes the handshake', async () => {
    const port = (silent.address() as { port: number }).port;

    const error = await failure(readInbox(passwordConnection(peer, { port, readyTimeoutMs: 300 })));

    expect(error.code).toBe('timeout');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('testSftpConnection', () => {
  it('resolves for a working credential', async () => {
    await expect(testSftpConnection(passwordConnection(peer))).resolves.toBeUndefined();
  });

  it('rejects with the same SourceError a read would give', async () => {
    const error = await failure(testSftpConnection(passwordConnection(peer, { password: 'nope' })));
    expect(error.code).toBe('auth_failed');
  });
});

describe('secrets', () => {
  it('appear in no error the tests above provoked', () => {
    expect(provoked.length).toBeGreaterThanOrEqual(10);
    const secrets = [
      ...secretsOf(peer),
      ...secretsOf(keysOnly),
      'wrong-password',
      'not-it',
      'nope',
    ];
    for (const error of provoked) expectNoSecrets(error, secrets);
  });
});

/** sshd's log since `from`, once it shows `until` (it writes after our client has left). */
async function logUntil(target: SshdPeer, from: number, until: RegExp): Promise<string> {
  for (let waited = 0; waited < 3_000; waited += 50) {
    if (until.test(target.log().slice(from))) break;
    await sleep(50);
  }
  return target.log().slice(from);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
