import { SourceError, scrubSecrets } from '../source-error';
import {
  DEFAULT_READY_TIMEOUT_MS,
  connectionSecrets,
  serverLabel,
  type SftpConnection,
} from './connection';
import { normalizeFingerprint } from './fingerprint';
import { ShortReadError } from './read-whole-file';

/** What was going on when an error came: the connection, and the file if there was one. */
export interface SftpErrorContext {
  connection: SftpConnection;
  /** Set by the host verifier when the server's key did not match the credential. */
  presentedHostKey?: string;
  path?: string;
  /** A verb phrase for messages: "read", "list the folder", "move the file to". */
  action?: string;
}

/** ssh2 status codes of SFTP (draft-ietf-secsh-filexfer-02, section 7). */
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

interface LibraryError {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

/** Turns whatever ssh2 threw or emitted into a SourceError an admin can act on. */
export function toSourceError(error: unknown, context: SftpErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const { connection } = context;
  const server = serverLabel(connection);
  const where = { host: server, ...(context.path !== undefined ? { path: context.path } : {}) };
  const raw = (typeof error === 'object' && error !== null ? error : {}) as LibraryError;
  const text = scrubSecrets(String(raw.message ?? error), connectionSecrets(connection));

  if (context.presentedHostKey !== undefined) {
    const configured = normalizeFingerprint(connection.hostKeyFingerprint);
    if (configured === '') {
      return new SourceError(
        'host_key_mismatch',
        `The SFTP server ${server} was not logged in to: the credential has no host key ` +
          `fingerprint, so nothing tells this server from an impostor, and no password or key ` +
          `was sent. The server presented the host key ${context.presentedHostKey}. Check it ` +
          `with the server's owner (ssh-keygen -lf on the server's public host key), then ` +
          `paste it into the credential's Host Key Fingerprint.`,
        where,
      );
    }
    return new SourceError(
      'host_key_mismatch',
      `The SFTP server ${server} was refused: its host key ${context.presentedHostKey} does not ` +
        `match the fingerprint in the credential SHA256:${configured}. If the server's key really ` +
        `changed, paste the new fingerprint into the credential.`,
      where,
    );
  }
  if (error instanceof ShortReadError) {
    return new SourceError(
      'unstable',
      `Only ${error.bytesRead} of its ${error.expectedBytes} bytes of ${context.path ?? 'the file'} ` +
        `could be read from the SFTP server ${server}: the file was cut short while it was read ` +
        `(it may still be being written). Nothing was read, so nothing was written; run again ` +
        `once the file is complete, or let HR Source wait until its size is stable.`,
      where,
    );
  }
  if (raw.level === 'client-authentication') {
    return new SourceError(
      'auth_failed',
      `The SFTP server ${server} refused the log-in of user "${connection.username}": check the ` +
        `user name and password or private key in the SFTP credential.`,
      where,
    );
  }
  if (/passphrase/i.test(text) || /privateKey/.test(text)) return keyError(text, where);
  if (raw.level === 'client-timeout' || raw.code === 'ETIMEDOUT') {
    const ms = connection.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    return new SourceError(
      'timeout',
      `The SFTP server ${server} did not answer in time (${ms} ms for the log-in): check the ` +
        `host and port, and that no firewall drops the connection.`,
      where,
    );
  }
  if (typeof raw.code === 'string' && UNREACHABLE_CODES.has(raw.code)) {
    return new SourceError(
      'unreachable',
      `Cannot reach the SFTP server ${server} (${raw.code}): check the host name and port, ` +
        `and that the server accepts connections from this machine.`,
      where,
    );
  }
  if (raw.code === SFTP_NO_SUCH_FILE) {
    return new SourceError(
      'not_found',
      `There is no ${context.path ?? 'such file'} on the SFTP server ${server}: check the path ` +
        `(a path without a leading / starts in the SFTP user's login folder).`,
      where,
    );
  }
  if (raw.code === SFTP_PERMISSION_DENIED) {
    return new SourceError(
      'auth_failed',
      `The SFTP user "${connection.username}" may not ${context.action ?? 'open'} ` +
        `${context.path ?? 'this path'} on ${server}: ask the server's admin for access.`,
      where,
    );
  }
  if (text === 'No response from server' || raw.level === 'client-socket') {
    return new SourceError(
      'unreachable',
      `The connection to the SFTP server ${server} was lost (${text}); try again, and check ` +
        `the server if it keeps happening.`,
      where,
    );
  }
  const doing = context.path ? ` while trying to ${context.action ?? 'open'} ${context.path}` : '';
  return new SourceError('protocol', `The SFTP server ${server} failed${doing}: ${text}`, where);
}

/** ssh2 cannot use the private key: say which part of the credential to fix. */
function keyError(text: string, where: { host: string }): SourceError {
  const hint = /passphrase/i.test(text)
    ? 'it is encrypted and its passphrase is missing or wrong: check the passphrase'
    : 'paste the whole key, including its BEGIN and END lines (OpenSSH or PEM format)';
  return new SourceError(
    'auth_failed',
    `The private key in the SFTP credential cannot be used: ${hint}.`,
    where,
  );
}
