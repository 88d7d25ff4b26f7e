/**
 * List pages the way a SCIM server with a database serves them: select, slice the page,
 * serialize only the page.
 *
 * The test peer (test/peers/scim-server.ts) hands SCIMMY every matching user and SCIMMY
 * coerces each of them through its User schema (about 220 µs a user on this machine) before
 * it slices out the page, so each page request costs O(N): a full read of 100,000 users in
 * pages of 200 would take the peer hours. That is the peer's cost, not the pipeline's, so
 * for the bench the list request (GET /Users without an id, attributes or sortBy) is
 * answered from the same store with the same filter matching, page by page; everything
 * else (reads by id, PATCH, POST, Bulk, errors) still goes through SCIMMY unchanged.
 * SCIMMY's handlers are process-wide, so this applies to every SCIM peer in this process.
 */
import { SCIMMY } from 'scimmy-routers';
import { selectUsers } from '../../test/peers/scim-filter';
import { ENTERPRISE_USER, type ScimUserRecord } from '../../test/peers/scim-server';
import type { ScimStore } from '../../test/peers/scim-store';

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

export function serveListPagesBeforeSerializing(): void {
  if (installed) return;
  installed = true;
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
