import { posix } from 'node:path';

/**
 * SFTP paths are always "/"-separated, whatever the machine running n8n. A relative path
 * starts in the SFTP user's login folder, as with any SFTP client.
 */
export function joinRemote(folder: string, name: string): string {
  return folder === '' || folder === '.' ? name : posix.join(folder, name);
}

export function remoteBaseName(path: string): string {
  return posix.basename(path);
}

/** Each ancestor of a folder, shortest first: "a/b/c" -> a, a/b, a/b/c. */
export function folderChain(folder: string): string[] {
  const normalized = posix.normalize(folder).replace(/\/+$/, '');
  const absolute = normalized.startsWith('/');
  const parts = normalized.split('/').filter((part) => part !== '' && part !== '.');
  return parts.map((_, index) => (absolute ? '/' : '') + parts.slice(0, index + 1).join('/'));
}

/**
 * "employees.csv" -> "employees_20240501T101500Z.csv" (UTC, to the second), with "-2",
 * "-3", ... after it for further clashes in the same second. A name without an extension
 * gets the suffix at its end; a dotfile's leading dot is not an extension.
 */
export function timestampedName(fileName: string, at: Date, attempt = 1): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = attempt > 1 ? `_${stamp}-${attempt}` : `_${stamp}`;
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return `${fileName}${suffix}`;
  return `${fileName.slice(0, dot)}${suffix}${fileName.slice(dot)}`;
}
