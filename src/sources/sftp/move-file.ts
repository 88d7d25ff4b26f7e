import type { SFTPWrapper } from 'ssh2';
import { SourceError } from '../source-error';
import { serverLabel, type SftpConnection } from './connection';
import { folderChain, joinRemote, remoteBaseName, timestampedName } from './remote-path';
import { mkdir, rename, stat, statIfExists } from './sftp-calls';
import { withSftp } from './session';
import { toSourceError } from './ssh-errors';

/** Enough for clashes within one second; more means something else is wrong. */
const MAX_NAME_ATTEMPTS = 5;

/**
 * Moves a processed file into `toFolder` (created if missing) and returns its new path.
 * An existing file of the same name is never replaced: the moved file gets a timestamp
 * before its extension instead.
 */
export async function moveSftpFile(
  connection: SftpConnection,
  fromPath: string,
  toFolder: string,
): Promise<string> {
  return withSftp(connection, async (sftp) => {
    await stat(sftp, fromPath).catch((error: unknown) => {
      throw toSourceError(error, { connection, path: fromPath, action: 'move' });
    });
    await ensureFolder(sftp, connection, toFolder);
    return renameWithoutOverwrite(sftp, connection, fromPath, toFolder);
  });
}

async function renameWithoutOverwrite(
  sftp: SFTPWrapper,
  connection: SftpConnection,
  fromPath: string,
  toFolder: string,
): Promise<string> {
  const fileName = remoteBaseName(fromPath);
  const now = new Date();
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt += 1) {
    const name = attempt === 0 ? fileName : timestampedName(fileName, now, attempt);
    const target = joinRemote(toFolder, name);
    if (await statIfExists(sftp, target)) continue;
    try {
      await rename(sftp, fromPath, target);
      return target;
    } catch (error) {
      // Someone created the target between our check and the rename: try the next name.
      if (await statIfExists(sftp, target)) continue;
      throw toSourceError(error, { connection, path: fromPath, action: `move to ${toFolder}` });
    }
  }
  throw new SourceError(
    'protocol',
    `Could not find a free name for ${fileName} in ${toFolder} on the SFTP server ` +
      `${serverLabel(connection)} after ${MAX_NAME_ATTEMPTS} tries: tidy up that folder.`,
    { host: serverLabel(connection), path: fromPath },
  );
}

/** `mkdir -p`: creates each missing folder of the chain. */
async function ensureFolder(
  sftp: SFTPWrapper,
  connection: SftpConnection,
  folder: string,
): Promise<void> {
  for (const path of folderChain(folder)) {
    const existing = await statIfExists(sftp, path).catch((error: unknown) => {
      throw toSourceError(error, { connection, path, action: 'check the folder' });
    });
    if (existing?.isDirectory()) continue;
    if (existing) {
      throw new SourceError(
        'protocol',
        `Cannot move files into ${folder} on the SFTP server ${serverLabel(connection)}: ` +
          `${path} is a file, not a folder.`,
        { host: serverLabel(connection), path },
      );
    }
    await mkdir(sftp, path).catch(async (error: unknown) => {
      // Another run may have created it meanwhile; that is fine.
      if ((await statIfExists(sftp, path))?.isDirectory()) return;
      throw toSourceError(error, { connection, path, action: 'create the folder' });
    });
  }
}
