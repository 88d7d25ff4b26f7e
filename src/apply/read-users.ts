import type { DesiredUserKey, Directory, DirectoryUser } from '../targets/directory';
import type { ApplyOptions } from './apply-plan';
import { DEFAULT_RETRY, realSleep, withRetry } from './retry';

/** The target's users, read with the same retries as the writes; throws before any write. */
export async function readUsersWithRetry(
  directory: Directory,
  desired: readonly DesiredUserKey[],
  options: ApplyOptions,
): Promise<DirectoryUser[]> {
  const { value } = await withRetry(
    () => directory.readUsers(desired),
    options.retry ?? DEFAULT_RETRY,
    options.sleep ?? realSleep,
  );
  return value;
}
