import { SourceError } from '../../../../src/sources/source-error';
import type { SftpConnection } from '../../../../src/sources/sftp';
import type { SshdPeer } from '../../../peers/sshd';

/** The SourceError a call rejects with; fails the test when it resolves or throws another kind. */
export async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw new Error(`expected a SourceError, got ${String(error)}`);
  }
  throw new Error('expected a SourceError, but the call succeeded');
}

/**
 * Every way an error may be shown or logged: its message, its stack, String(), and
 * JSON.stringify (which n8n uses for execution data). None may hold a secret.
 */
export function expectNoSecrets(error: Error, secrets: ReadonlyArray<string>): void {
  const renderings = [error.message, error.stack ?? '', String(error), JSON.stringify(error)];
  for (const value of Object.values(error)) renderings.push(String(value));
  for (const secret of secrets.filter((s) => s.length > 0)) {
    for (const rendering of renderings) expect(rendering).not.toContain(secret);
    // A private key may be printed in part: no line of it may appear either.
    for (const line of secret.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) {
      for (const rendering of renderings) expect(rendering).not.toContain(line);
    }
  }
}

export function secretsOf(peer: SshdPeer): string[] {
  return [peer.password, peer.privateKey, peer.encryptedPrivateKey, peer.passphrase];
}

/** Log in with the password and check the host key, unless overridden. */
export function passwordConnection(
  peer: SshdPeer,
  overrides: Partial<SftpConnection> = {},
): SftpConnection {
  return {
    host: peer.host,
    port: peer.port,
    username: peer.username,
    password: peer.password,
    hostKeyFingerprint: peer.hostKeyFingerprint,
    ...overrides,
  };
}
