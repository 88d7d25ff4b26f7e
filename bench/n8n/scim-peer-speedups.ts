/**
 * The SCIM peer with the two indexes a real platform's database has, so that the bench
 * measures the pipeline and not the test double's O(N) per request.
 *
 * 1. List pages: select, slice the page, serialize only the page. The test peer (test/peers/scim-server.ts) hands SCIMMY every matching user and SCIMMY
 * coerces each of them through its User schema (about 220 µs a user on this machine) before
 * it slices out the page, so each page request costs O(N): a full read of 100,000 users in
 * pages of 200 would take the peer hours. That is the peer's cost, not the pipeline's, so
 * for the bench the list request (GET /Users without an id, attributes or sortBy) is
 * answered from the same store with the same filter matching, page by page; everything
 * else (reads by id, PATCH, POST, Bulk, errors) still goes through SCIMMY unchanged.
 *
 * 2. userName uniqueness: the store checks a new or changed userName against every user
 *    (lower-casing each): about 25 ms a write at 100,000 users, 25 s for 1,000 writes. The
 *    same check (case-insensitive, the user's own id excepted, 409 uniqueness) is answered
 *    from an index of lower-cased userNames, rebuilt after seed/remove/clear.
 *
 * SCIMMY's handlers and ScimStore's methods are process-wide, so this applies to every SCIM
 * peer in this process. The fix belongs in test/peers (slice before coercing; index
 * userName); this file goes when it is there.
 */
import { SCIMMY } from 'scimmy-routers';
import { selectUsers } from '../../test/peers/scim-filter';
import { ENTERPRISE_USER, type ScimUserRecord } from '../../test/peers/scim-server';
import { ScimStore, ScimStoreError } from '../../test/peers/scim-store';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** What test/peers/scim-server.ts passes SCIMMY's handlers as their context. */
interface PeerContext {
  store: ScimStore;
  pageSizeMax: number;
}

interface UserResource {
  id?: string;
  filter?: InstanceType<typeof SCIMMY.Types.Filter>;
  attributes?: unknown;
  constraints?: { sortBy?: string; startIndex?: number; count?: number };
}

type Read = (this: UserResource, ctx: unknown) => Promise<unknown>;

let installed = false;

export function speedUpScimPeer(): void {
  if (installed) return;
  installed = true;
  serveListPagesBeforeSerializing();
  indexUserNames();
}

function serveListPagesBeforeSerializing(): void {
  const prototype = SCIMMY.Resources.User.prototype as unknown as { read: Read };
  const scimmyRead = prototype.read;
  prototype.read = async function read(this: UserResource, ctx: unknown): Promise<unknown> {
    if (
      this.id !== undefined ||
      this.attributes !== undefined ||
      this.constraints?.sortBy !== undefined ||
      !isPeerContext(ctx)
    ) {
      return scimmyRead.call(this, ctx);
    }
    const matching = selectUsers(this.filter, ctx.store.all());
    const startIndex = Math.max(this.constraints?.startIndex ?? 1, 1);
    const count = Math.min(this.constraints?.count ?? ctx.pageSizeMax, ctx.pageSizeMax);
    const page = matching.slice(startIndex - 1, startIndex - 1 + count);
    return {
      schemas: [LIST_RESPONSE],
      totalResults: matching.length,
      startIndex,
      itemsPerPage: count,
      Resources: page.map(asResource),
    };
  };
}

function asResource(user: ScimUserRecord): Record<string, unknown> {
  return {
    schemas: user[ENTERPRISE_USER] ? [USER_SCHEMA, ENTERPRISE_USER] : [USER_SCHEMA],
    ...user,
    meta: { resourceType: 'User', ...user.meta },
  };
}

function isPeerContext(ctx: unknown): ctx is PeerContext {
  return (
    typeof ctx === 'object' &&
    ctx !== null &&
    'store' in ctx &&
    typeof (ctx as PeerContext).pageSizeMax === 'number'
  );
}

type StoreMethods = {
  save(id: string | undefined, attributes: Record<string, unknown>): ScimUserRecord;
  seed(user: Partial<ScimUserRecord>): ScimUserRecord;
  remove(id: string): void;
  clear(): void;
  assertUniqueUserName(userName: string, ownId: string | undefined): void;
};

/** Lower-cased userName -> the ids holding it (seed() may make clashes on purpose). */
const indexes = new WeakMap<ScimStore, Map<string, Set<string>>>();

function indexFor(store: ScimStore): Map<string, Set<string>> {
  let index = indexes.get(store);
  if (!index) {
    index = new Map();
    for (const user of store.all()) add(index, user.userName, user.id);
    indexes.set(store, index);
  }
  return index;
}

function add(index: Map<string, Set<string>>, userName: string, id: string): void {
  const key = userName.toLowerCase();
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function indexUserNames(): void {
  const prototype = ScimStore.prototype as unknown as StoreMethods;
  const { save, seed, remove, clear } = prototype;
  prototype.assertUniqueUserName = function assertUniqueUserName(this: ScimStore, userName, ownId) {
    const ids = indexFor(this).get(userName.toLowerCase());
    if (ids && [...ids].some((id) => id !== ownId)) {
      throw new ScimStoreError(409, 'uniqueness', `userName "${userName}" is already taken`);
    }
  };
  prototype.save = function indexedSave(this: ScimStore, id, attributes) {
    const previous = id === undefined ? undefined : this.get(id);
    const record = save.call(this, id, attributes);
    const index = indexFor(this);
    if (previous) index.get(previous.userName.toLowerCase())?.delete(previous.id);
    add(index, record.userName, record.id);
    return record;
  };
  const invalidating = <A extends unknown[], R>(method: (...args: A) => R) =>
    function (this: ScimStore, ...args: A): R {
      indexes.delete(this);
      return method.apply(this, args);
    };
  prototype.seed = invalidating(seed);
  prototype.remove = invalidating(remove);
  prototype.clear = invalidating(clear);
}
