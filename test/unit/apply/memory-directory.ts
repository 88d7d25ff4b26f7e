import type { Sleep } from '../../../src/apply/retry';
import type { UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type {
  DesiredUserKey,
  Directory,
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../../../src/targets/directory';
import { RemoteError } from '../../../src/targets/remote-error';

/** Plan options on a MemoryDirectory's attributes: e-mail and job title, always written. */
export const MEMORY_PLAN: UpsertPlanOptions = {
  mappings: [
    { field: 'email', attribute: 'email', strength: 'always' },
    { field: 'jobTitle', attribute: 'job_title', strength: 'always' },
  ],
  emptySourceValue: 'leave',
  matchByEmail: true,
  externalIdAttribute: 'external_id',
  today: '2024-06-15',
  // HR's status wins here: these tests are about rehires; the holds have their own tests.
  reactivate: { archivedBySync: new Set(), hrStatusWins: true },
};

/**
 * A Directory held in memory, for unit tests of the orchestration. Errors can be queued
 * per external ID (one per try); it counts every call and the writes in flight.
 */
export class MemoryDirectory implements Directory {
  readonly label = 'The test directory';
  readonly externalIdAttribute = 'external_id';
  readonly users = new Map<string, DirectoryUser>();
  /** Every single write, in the order they started. */
  readonly writes: DirectoryWrite[] = [];
  readonly readKeys: DesiredUserKey[][] = [];
  capabilityCalls = 0;
  inFlight = 0;
  mostInFlight = 0;
  /** Thrown by readUsers, one per call, while any are left. */
  readErrors: unknown[] = [];
  protected readonly failures = new Map<string, unknown[]>();
  protected readonly landing = new Map<string, unknown[]>();

  constructor(
    users: readonly DirectoryUser[] = [],
    private readonly caps: DirectoryCapabilities = {},
  ) {
    for (const user of users) this.users.set(user.id, user);
  }

  /** The next writes of `externalId` fail with these errors, one per try. */
  failNext(externalId: string, ...errors: unknown[]): void {
    this.failures.set(externalId, [...(this.failures.get(externalId) ?? []), ...errors]);
  }

  /**
   * The next write of `externalId` is carried out, and then fails with this error anyway:
   * a request that landed but whose answer was lost (a timeout, a reset, a 5xx after it).
   */
  landNext(externalId: string, error: unknown): void {
    this.landing.set(externalId, [...(this.landing.get(externalId) ?? []), error]);
  }

  /** The lookups a retried or refused create made, by external ID. */
  readonly lookups: string[] = [];

  findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    this.lookups.push(externalId);
    const found = [...this.users.values()].find((user) => user.externalId === externalId);
    return Promise.resolve(found?.id);
  }

  /** Every write of `externalId` fails with this error. */
  failAlways(externalId: string, error: unknown): void {
    this.failNext(externalId, ...Array.from({ length: 1_000 }, () => error));
  }

  capabilities(): Promise<DirectoryCapabilities> {
    this.capabilityCalls += 1;
    return Promise.resolve(this.caps);
  }

  async readUsers(desired: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    this.readKeys.push([...desired]);
    const error = this.readErrors.shift();
    if (error !== undefined) throw error;
    return [...this.users.values()];
  }

  async write(write: DirectoryWrite): Promise<string> {
    this.writes.push(write);
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return this.perform(write);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Applies one write, or throws the next queued error for its external ID. */
  protected perform(write: DirectoryWrite): string {
    const error = this.failures.get(write.externalId)?.shift();
    if (error !== undefined) throw error;
    const lost = this.landing.get(write.externalId)?.shift();
    if (lost !== undefined) {
      this.apply(write);
      throw lost;
    }
    return this.apply(write);
  }

  private apply(write: DirectoryWrite): string {
    if (write.kind === 'create') {
      const id = `id-${write.externalId}`;
      this.users.set(id, {
        id,
        externalId: write.externalId,
        active: true,
        attributes: { ...write.attributes },
      });
      return id;
    }
    const user = this.users.get(write.user.id) ?? write.user;
    if (write.kind === 'archive' || write.kind === 'delete') {
      if (write.kind === 'delete') this.users.delete(user.id);
      else this.users.set(user.id, { ...user, active: false });
      return user.id;
    }
    if (write.kind === 'manager') {
      this.users.set(user.id, { ...user, managerId: write.managerId });
      return user.id;
    }
    const attributes = { ...user.attributes };
    for (const change of write.changes) attributes[change.attribute] = change.to;
    this.users.set(user.id, {
      ...user,
      externalId: write.externalId,
      active: true,
      attributes,
    });
    return user.id;
  }
}

/** A MemoryDirectory that also takes bulk requests, each write settling on its own. */
export class BulkMemoryDirectory extends MemoryDirectory {
  readonly bulkRequests: DirectoryWrite[][] = [];
  /** Thrown by the whole bulk request, one per call, while any are left. */
  bulkErrors: unknown[] = [];

  constructor(users: readonly DirectoryUser[], maxOperations: number) {
    super(users, { bulk: { maxOperations } });
  }

  async writeBulk(writes: readonly DirectoryWrite[]): Promise<Array<PromiseSettledResult<string>>> {
    this.bulkRequests.push([...writes]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const error = this.bulkErrors.shift();
    if (error !== undefined) throw error;
    return writes.map((write): PromiseSettledResult<string> => {
      try {
        return { status: 'fulfilled', value: this.perform(write) };
      } catch (reason) {
        return { status: 'rejected', reason };
      }
    });
  }
}

export const remoteError = (status: number, retryAfterMs?: number): RemoteError =>
  new RemoteError(`The test directory answered ${status}`, {
    status,
    retryable: status === 429 || status >= 500,
    detail: `server says ${status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

/** What a promise rejected with; fails the test when it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
