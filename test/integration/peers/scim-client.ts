import type { ScimPeer } from '../../peers/scim-server';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export interface ScimAnswer {
  status: number;
  headers: Headers;
  // Tests read whatever the server sent; each assertion names the fields it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A bare fetch against the peer, as a SCIM client would send it. */
export async function scim(
  peer: ScimPeer,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = peer.token,
): Promise<ScimAnswer> {
  const headers: Record<string, string> = { accept: 'application/scim+json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/scim+json';
  const response = await fetch(`${peer.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

export function newUser(externalId: string, extra: Record<string, unknown> = {}): object {
  return {
    schemas: [USER_SCHEMA],
    userName: `${externalId.toLowerCase()}@example.com`,
    externalId,
    active: true,
    name: { givenName: 'Ada', familyName: externalId },
    emails: [{ type: 'work', value: `${externalId.toLowerCase()}@example.com`, primary: true }],
    ...extra,
  };
}

export function filterPath(filter: string, extra = ''): string {
  return `/Users?filter=${encodeURIComponent(filter)}${extra}`;
}
