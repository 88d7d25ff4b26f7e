import type { DirectoryWrite } from '../targets/directory';
import { RemoteError } from '../targets/remote-error';

/**
 * A target that can look one user up by external ID. A create whose earlier try may have
 * landed (a timeout, a reset, a 5xx after the request was sent), or that met a 409, is
 * looked up before it is sent again, so it is neither sent twice nor reported as failed.
 */
export interface FindsUserByExternalId {
  /** The id of the user that carries exactly this external ID, if there is one. */
  findUserIdByExternalId(externalId: string): Promise<string | undefined>;
}

export function canFindByExternalId<T extends object>(
  directory: T,
): directory is T & FindsUserByExternalId {
  return typeof (directory as Partial<FindsUserByExternalId>).findUserIdByExternalId === 'function';
}

/** A create worth looking up before it goes again, or instead of failing it. */
export function createMayExist(write: DirectoryWrite, error: unknown): boolean {
  return (
    write.kind === 'create' &&
    error instanceof RemoteError &&
    (error.status === 409 || error.mayHaveLanded)
  );
}

/** The id of the user a create made after all, or undefined (also for a target without lookup). */
export async function findCreatedUser(
  directory: object,
  write: DirectoryWrite,
): Promise<string | undefined> {
  if (write.kind !== 'create' || !canFindByExternalId(directory)) return undefined;
  return directory.findUserIdByExternalId(write.externalId);
}
