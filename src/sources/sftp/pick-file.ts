import type { SFTPWrapper } from 'ssh2';
import { SourceError } from '../source-error';
import { serverLabel, type SftpConnection } from './connection';
import { fileNameMatcher, newest } from './file-pattern';
import { joinRemote } from './remote-path';
import { readdir } from './sftp-calls';
import { toSourceError } from './ssh-errors';

/** The path of the newest regular file in `folder` whose name matches `pattern`. */
export async function newestMatchingFile(
  sftp: SFTPWrapper,
  connection: SftpConnection,
  folder: string,
  pattern: string,
): Promise<string> {
  const entries = await readdir(sftp, folder).catch((error: unknown) => {
    throw toSourceError(error, { connection, path: folder, action: 'list the folder' });
  });
  const matches = fileNameMatcher(pattern);
  const files = entries.filter((entry) => entry.attrs.isFile());
  const chosen = newest(
    files
      .filter((entry) => matches(entry.filename))
      .map((entry) => ({ fileName: entry.filename, mtime: entry.attrs.mtime })),
  );
  if (!chosen) {
    throw new SourceError(
      'no_match',
      `No file in the folder "${folder}" on the SFTP server ${serverLabel(connection)} ` +
        `matches "${pattern}" (it holds ${countFiles(files.length)}): check the folder ` +
        `and the file name pattern, or whether the export has arrived yet.`,
      { host: serverLabel(connection), path: folder },
    );
  }
  return joinRemote(folder, chosen.fileName);
}

function countFiles(count: number): string {
  return count === 1 ? '1 file' : `${count === 0 ? 'no' : count} files`;
}
