/**
 * Reading HR export files from an SFTP server, and moving them aside once processed.
 * Every function opens its own connection and always closes it; every failure is a
 * SourceError whose message an admin can act on.
 */
import type { SftpConnection } from './sftp/connection';
import { withSftp } from './sftp/session';
import { realpath } from './sftp/sftp-calls';

export type { SftpConnection } from './sftp/connection';
export { sshKeyFingerprint } from './sftp/fingerprint';
export { moveSftpFile } from './sftp/move-file';
export { readSftpFile, type FetchedFile, type SftpFileSpec } from './sftp/read-file';

/** Logs in and asks where the login folder is: the check behind n8n's credential test. */
export async function testSftpConnection(connection: SftpConnection): Promise<void> {
  await withSftp(connection, (sftp) => realpath(sftp, '.'));
}
