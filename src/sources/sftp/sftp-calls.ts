import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';

/**
 * The few SFTP requests the sources use, as promises. They reject with ssh2's own errors
 * (an SFTP status `code`); callers turn those into SourceErrors, since only they know
 * which path and action a message should name.
 */
export function stat(sftp: SFTPWrapper, path: string): Promise<Stats> {
  return new Promise((resolve, reject) =>
    sftp.stat(path, (error, stats) => (error ? reject(error) : resolve(stats))),
  );
}

/** The stats, or undefined when nothing is at `path`; other failures still reject. */
export async function statIfExists(sftp: SFTPWrapper, path: string): Promise<Stats | undefined> {
  try {
    return await stat(sftp, path);
  } catch (error) {
    if (isNoSuchFile(error)) return undefined;
    throw error;
  }
}

export function readdir(sftp: SFTPWrapper, path: string): Promise<FileEntryWithStats[]> {
  return new Promise((resolve, reject) =>
    sftp.readdir(path, (error, list) => (error ? reject(error) : resolve(list))),
  );
}

export function mkdir(sftp: SFTPWrapper, path: string): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.mkdir(path, (error) => (error ? reject(error) : resolve())),
  );
}

/**
 * Plain SFTP rename, never posix-rename@openssh.com: the plain one refuses to replace an
 * existing file (OpenSSH implements it with link + unlink), which is what keeps a move
 * from overwriting a file that appeared between our check and the rename.
 */
export function rename(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.rename(from, to, (error) => (error ? reject(error) : resolve())),
  );
}

export function realpath(sftp: SFTPWrapper, path: string): Promise<string> {
  return new Promise((resolve, reject) =>
    sftp.realpath(path, (error, absolute) => (error ? reject(error) : resolve(absolute))),
  );
}

export function isNoSuchFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 2;
}
