import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { DEFAULT_READY_TIMEOUT_MS, DEFAULT_SFTP_PORT, type SftpConnection } from './connection';
import { fingerprintsMatch, normalizeFingerprint, sshKeyFingerprint } from './fingerprint';
import { toSourceError } from './ssh-errors';

/** A dead peer is noticed after about 30 s instead of hanging the workflow forever. */
const KEEPALIVE_INTERVAL_MS = 10_000;
const KEEPALIVE_COUNT_MAX = 3;

/**
 * Logs in, opens the SFTP channel, runs `work`, and always closes the connection, whatever
 * `work` did. Every error leaves as a SourceError.
 */
export async function withSftp<T>(
  connection: SftpConnection,
  work: (sftp: SFTPWrapper) => Promise<T>,
): Promise<T> {
  const client = new Client();
  try {
    const sftp = await openSftp(client, connection);
    return await work(sftp);
  } catch (error) {
    throw toSourceError(error, { connection });
  } finally {
    client.end();
  }
}

function openSftp(client: Client, connection: SftpConnection): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    let presentedHostKey: string | undefined;
    const fail = (error: unknown) => reject(toSourceError(error, { connection, presentedHostKey }));
    // The listener stays for the life of the client: an 'error' without one would crash
    // the process, and after `ready` the pending SFTP call reports the failure itself.
    client.on('error', fail);
    client.on('close', () =>
      fail(Object.assign(new Error('closed before log-in'), { level: 'client-socket' })),
    );
    // SFTP is many small request/answer round trips: with Nagle's algorithm on, each one
    // waits for the peer's delayed ACK (about 40 ms here), which made reading a file slow.
    client.once('connect', () => client.setNoDelay(true));
    client.once('ready', () => {
      client.sftp((error, sftp) => (error ? fail(error) : resolve(sftp)));
    });
    // The host key is checked during the key exchange, before ssh2 offers any password or
    // key: a credential without a fingerprint is refused there too, since it cannot tell
    // the real server from an impostor. The error names what the server presented, for the
    // admin to check with the server's owner and paste.
    const expected = normalizeFingerprint(connection.hostKeyFingerprint);
    const verify = (key: Buffer): boolean => {
      const presented = sshKeyFingerprint(key);
      if (expected !== '' && fingerprintsMatch(presented, expected)) return true;
      presentedHostKey = presented;
      return false;
    };
    try {
      client.connect(connectConfig(connection, verify));
    } catch (error) {
      // ssh2 throws synchronously when it cannot parse the private key.
      fail(error);
    }
  });
}

function connectConfig(
  connection: SftpConnection,
  hostVerifier: (key: Buffer) => boolean,
): ConnectConfig {
  return {
    host: connection.host,
    port: connection.port ?? DEFAULT_SFTP_PORT,
    username: connection.username,
    ...(connection.password ? { password: connection.password } : {}),
    ...(connection.privateKey ? { privateKey: connection.privateKey } : {}),
    ...(connection.passphrase ? { passphrase: connection.passphrase } : {}),
    readyTimeout: connection.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    keepaliveInterval: KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    hostVerifier,
  };
}
