import type {
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../../../src/targets/directory';
import { BulkMemoryDirectory, MemoryDirectory } from '../apply/memory-directory';

/**
 * An in-memory Directory for the archive: says whether it can delete, and refuses a delete
 * when it cannot (as a platform without a delete call would), so a delete sent anyway fails
 * the test instead of passing silently.
 */
export class ArchiveDirectory extends MemoryDirectory {
  constructor(
    users: readonly DirectoryUser[],
    readonly canDelete = true,
  ) {
    super(users, { canDelete });
  }

  async write(write: DirectoryWrite): Promise<string> {
    if (write.kind === 'delete' && !this.canDelete) {
      throw new Error(`${this.label} was sent a delete it cannot make (${write.externalId})`);
    }
    return super.write(write);
  }

  /** The external IDs written with this kind, once per try. */
  written(kind: DirectoryWrite['kind']): string[] {
    return this.writes.filter((write) => write.kind === kind).map((write) => write.externalId);
  }

  /** The user with this external ID as the directory holds it now, if any. */
  byExternalId(externalId: string): DirectoryUser | undefined {
    return [...this.users.values()].find((entry) => entry.externalId === externalId);
  }
}

/** The same, taking bulk requests (SCIM Bulk) of at most `maxOperations`. */
export class BulkArchiveDirectory extends BulkMemoryDirectory {
  async capabilities(): Promise<DirectoryCapabilities> {
    return { ...(await super.capabilities()), canDelete: true };
  }

  written(kind: DirectoryWrite['kind']): string[] {
    return this.bulkRequests
      .flat()
      .filter((write) => write.kind === kind)
      .map((write) => write.externalId);
  }
}
