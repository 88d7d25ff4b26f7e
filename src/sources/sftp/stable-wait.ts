import { setTimeout as sleep } from 'node:timers/promises';
import type { SFTPWrapper, Stats } from 'ssh2';
import { SourceError } from '../source-error';
import { serverLabel, type SftpConnection } from './connection';
import { stat } from './sftp-calls';
import { toSourceError } from './ssh-errors';

/** Enough for an upload that pauses now and then; beyond it, give up rather than hang. */
export const MAX_STABILITY_CHECKS = 5;

/**
 * Waits until the file's size and modification time hold still for `waitMs`, so a file
 * the HR system is still uploading is not read half-written. Resolves with the stable
 * stats; throws `unstable` when it keeps changing.
 */
export async function waitUntilStable(
  sftp: SFTPWrapper,
  connection: SftpConnection,
  path: string,
  waitMs: number,
): Promise<Stats> {
  const statOf = () =>
    stat(sftp, path).catch((error: unknown) => {
      throw toSourceError(error, { connection, path, action: 'check' });
    });
  let before = await statOf();
  for (let check = 1; check <= MAX_STABILITY_CHECKS; check += 1) {
    await sleep(waitMs);
    const after = await statOf();
    if (after.size === before.size && after.mtime === before.mtime) return after;
    before = after;
  }
  throw new SourceError(
    'unstable',
    `The file ${path} on the SFTP server ${serverLabel(connection)} was still changing after ` +
      `${MAX_STABILITY_CHECKS} checks ${waitMs} ms apart (probably still being uploaded): try ` +
      `again later, or wait longer between checks.`,
    { host: serverLabel(connection), path },
  );
}
