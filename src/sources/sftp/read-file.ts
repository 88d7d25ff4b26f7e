import type { SFTPWrapper } from 'ssh2';
import { SourceError } from '../source-error';
import { serverLabel, type SftpConnection } from './connection';
import { newestMatchingFile } from './pick-file';
import { readWholeFile } from './read-whole-file';
import { remoteBaseName } from './remote-path';
import { withSftp } from './session';
import { stat } from './sftp-calls';
import { toSourceError } from './ssh-errors';
import { waitUntilStable } from './stable-wait';

/** Which file to read: an exact path, or the newest file in a folder matching a pattern. */
export interface SftpFileSpec {
  /** The exact file; wins over folder and pattern. */
  path?: string;
  /** Where to look for `pattern`; the login folder when absent. */
  folder?: string;
  /** A file name like `employees_*.csv`; the newest match by modification time wins. */
  pattern?: string;
  /**
   * If above 0: check the file's size and modification time, wait this long, check again,
   * and repeat while they change (up to 5 times, then SourceError 'unstable').
   */
  stableSizeWaitMs?: number;
}

export interface FetchedFile {
  path: string;
  fileName: string;
  size: number;
  modifiedAt: Date;
  data: Buffer;
}

export async function readSftpFile(
  connection: SftpConnection,
  spec: SftpFileSpec,
): Promise<FetchedFile> {
  requireTarget(connection, spec);
  return withSftp(connection, async (sftp) => {
    const path =
      spec.path ||
      (await newestMatchingFile(sftp, connection, spec.folder || '.', spec.pattern ?? ''));
    await requireRegularFile(sftp, connection, path);
    if ((spec.stableSizeWaitMs ?? 0) > 0) {
      await waitUntilStable(sftp, connection, path, spec.stableSizeWaitMs ?? 0);
    }
    const { data, stats } = await readWholeFile(sftp, path).catch((error: unknown) => {
      throw toSourceError(error, { connection, path, action: 'read' });
    });
    return {
      path,
      fileName: remoteBaseName(path),
      size: data.length,
      modifiedAt: new Date(stats.mtime * 1000),
      data,
    };
  });
}

function requireTarget(connection: SftpConnection, spec: SftpFileSpec): void {
  if (spec.path || spec.pattern) return;
  throw new SourceError(
    'not_found',
    `No file to read from the SFTP server ${serverLabel(connection)}: give the file's path, ` +
      `or a folder and a file name pattern such as employees_*.csv.`,
    { host: serverLabel(connection) },
  );
}

/** A folder given as the file would otherwise fail later with an obscure SFTP error. */
async function requireRegularFile(
  sftp: SFTPWrapper,
  connection: SftpConnection,
  path: string,
): Promise<void> {
  const stats = await stat(sftp, path).catch((error: unknown) => {
    throw toSourceError(error, { connection, path, action: 'read' });
  });
  if (stats.isFile()) return;
  throw new SourceError(
    'not_found',
    `${path} on the SFTP server ${serverLabel(connection)} is not a file${
      stats.isDirectory() ? ' but a folder: give the folder and a file name pattern instead' : ''
    }.`,
    { host: serverLabel(connection), path },
  );
}
