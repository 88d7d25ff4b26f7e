/** Where and how to log in to an SFTP server; the fields of the n8n SFTP credential. */
export interface SftpConnection {
  host: string;
  /** 22 when absent. */
  port?: number;
  username: string;
  password?: string;
  /** OpenSSH or PEM private key text. */
  privateKey?: string;
  passphrase?: string;
  /**
   * The server's host key fingerprint, "SHA256:base64" as `ssh-keygen -lf` prints it, or
   * the bare base64 (a whole `ssh-keygen -lf` line is accepted too). Required: without it
   * the connection is refused during the key exchange, before any log-in is offered.
   */
  hostKeyFingerprint?: string;
  /** How long the connection and log-in may take; 20 s when absent. */
  readyTimeoutMs?: number;
}

export const DEFAULT_SFTP_PORT = 22;
export const DEFAULT_READY_TIMEOUT_MS = 20_000;

/** "host:port", the way messages name the server. */
export function serverLabel(connection: SftpConnection): string {
  return `${connection.host}:${connection.port ?? DEFAULT_SFTP_PORT}`;
}

/** Every secret of the connection, for scrubbing library text before it reaches a message. */
export function connectionSecrets(connection: SftpConnection): string[] {
  return [connection.password, connection.privateKey, connection.passphrase].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  );
}
