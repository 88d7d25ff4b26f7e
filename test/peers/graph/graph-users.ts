import { randomBytes } from 'node:crypto';
import { GraphFault, badRequest, graphError, type GraphAnswer } from './graph-errors';
import { advancedQueryRequired, parseUserFilter } from './graph-filter';
import { READABLE, type GraphStore, type GraphUserRecord } from './graph-store';

/** A request as the users routes see it, whether it came alone or inside a $batch. */
export interface GraphCall {
  method: string;
  /** Below the version root, e.g. `/users/abc/manager/$ref`. */
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  body: unknown;
}

export type GraphPermission = 'User.Read.All' | 'User.ReadWrite.All';

export interface UsersContext {
  store: GraphStore;
  /** The version root as the client reached it, for `@odata.context` and `@odata.nextLink`. */
  baseUrl: string;
  permissions(): readonly GraphPermission[];
  /** Open `$skiptoken`s: what each one continues. */
  skipTokens: Map<string, { offset: number; query: string }>;
}

/**
 * "List users" returns this default set of properties without $select
 * (https://learn.microsoft.com/graph/api/user-list#response).
 */
const DEFAULT_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** "$top … 1 to 999 for users; 100 by default" (https://learn.microsoft.com/graph/paging). */
const PAGE_DEFAULT = 100;
const EXPANDED_PAGE_MAX = 100;
const PAGE_MAX = 999;

/** Answers the /users routes; undefined for any other path. */
export function answerUsers(context: UsersContext, call: GraphCall): GraphAnswer | undefined {
  const segments = call.path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] !== 'users') return undefined;
  try {
    checkPermission(context, call.method);
    return route(context, call, segments.slice(1));
  } catch (error) {
    if (error instanceof GraphFault) return error.answer();
    throw error;
  }
}

/**
 * Application permissions: reading users needs User.Read.All (or ReadWrite), writing them
 * User.ReadWrite.All; otherwise 403 Authorization_RequestDenied
 * (https://learn.microsoft.com/graph/api/user-list#permissions, https://learn.microsoft.com/graph/errors).
 */
function checkPermission(context: UsersContext, method: string): void {
  const granted = context.permissions();
  const allowed =
    method === 'GET'
      ? granted.includes('User.Read.All') || granted.includes('User.ReadWrite.All')
      : granted.includes('User.ReadWrite.All');
  if (!allowed) {
    throw new GraphFault(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
}

function route(context: UsersContext, call: GraphCall, rest: string[]): GraphAnswer {
  const { store } = context;
  const [key, relation, ref] = rest;
  if (key === undefined) {
    if (call.method === 'GET') return listUsers(context, call);
    if (call.method === 'POST') {
      const user = store.create(objectBody(call.body));
      return json(201, {
        '@odata.context': `${context.baseUrl}/$metadata#users/$entity`,
        ...project(user, DEFAULT_SELECT),
      });
    }
    return methodNotAllowed();
  }
  if (relation === undefined) {
    if (call.method === 'GET') {
      const select = parseSelect(call.query.get('$select'));
      const user = store.get(key);
      return json(200, {
        '@odata.context': `${context.baseUrl}/$metadata#users/$entity`,
        ...withExpand(context, user, select, call.query),
      });
    }
    if (call.method === 'PATCH') {
      store.update(key, objectBody(call.body));
      return { status: 204 };
    }
    if (call.method === 'DELETE') {
      store.delete(key);
      return { status: 204 };
    }
    return methodNotAllowed();
  }
  if (relation === 'manager' && ref === undefined && call.method === 'GET') {
    // "List manager": the manager as a directoryObject, 404 when there is none
    // (https://learn.microsoft.com/graph/api/user-list-manager).
    const user = store.get(key);
    if (!user.managerId)
      throw new GraphFault(
        404,
        'Request_ResourceNotFound',
        `Resource '${user.id}/manager' does not exist or one of its queried reference-property objects are not present.`,
      );
    const manager = store.get(user.managerId);
    return json(200, {
      '@odata.type': '#microsoft.graph.user',
      ...project(manager, parseSelect(call.query.get('$select'))),
    });
  }
  if (relation === 'manager' && ref === '$ref') {
    if (call.method === 'PUT') {
      store.setManager(key, referencedId(call.body));
      return { status: 204 };
    }
    if (call.method === 'DELETE') {
      store.removeManager(key);
      return { status: 204 };
    }
    return methodNotAllowed();
  }
  throw badRequest(`Resource not found for the segment '${relation ?? key}'.`, 'BadRequest');
}

/**
 * "List users" with $select, $filter, $top, $count, $expand=manager, paged by an opaque
 * $skiptoken in `@odata.nextLink` ("Paging Microsoft Graph data in your app",
 * https://learn.microsoft.com/graph/paging).
 */
function listUsers(context: UsersContext, call: GraphCall): GraphAnswer {
  const { query } = call;
  const advanced =
    call.header('consistencylevel')?.toLowerCase() === 'eventual' && query.get('$count') === 'true';
  if (query.get('$count') === 'true' && !advanced) {
    // $count on directory objects is itself an advanced query (https://learn.microsoft.com/graph/aad-advanced-queries).
    throw badRequest('$count is not currently supported.');
  }
  const select = parseSelect(query.get('$select'));
  parseExpand(query.get('$expand'));
  const expanding = Boolean(query.get('$expand')?.trim());
  // "When you use $expand … the maximum page size is 100", whatever $top asks
  // (https://learn.microsoft.com/graph/known-issues#directory-and-identity).
  const top = Math.min(pageSize(query.get('$top')), expanding ? EXPANDED_PAGE_MAX : PAGE_MAX);
  let users = context.store.all();
  const filterText = query.get('$filter');
  if (filterText) {
    const filter = parseUserFilter(filterText);
    if (filter.advanced.length > 0 && !advanced)
      throw advancedQueryRequired(filter.advanced[0] as string);
    users = users.filter(filter.matches);
  }
  const fingerprint = queryWithout(query, '$skiptoken');
  let offset = 0;
  const skipToken = query.get('$skiptoken');
  if (skipToken !== null) {
    const known = context.skipTokens.get(skipToken);
    if (!known || known.query !== fingerprint)
      throw badRequest(
        'The specified page token value has expired or is invalid.',
        'Directory_ExpiredPageToken',
      );
    offset = known.offset;
  }
  const page = users.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${context.baseUrl}/$metadata#users`,
    ...(advanced ? { '@odata.count': users.length } : {}),
    value: page.map((user) => withExpand(context, user, select, query)),
  };
  if (offset + top < users.length) {
    const token = randomBytes(18).toString('base64url');
    context.skipTokens.set(token, { offset: offset + top, query: fingerprint });
    const link = fingerprint ? `${fingerprint}&$skiptoken=${token}` : `$skiptoken=${token}`;
    body['@odata.nextLink'] = `${context.baseUrl}/users?${link}`;
  }
  return json(200, body);
}

function pageSize(text: string | null): number {
  if (text === null) return PAGE_DEFAULT;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX) {
    throw badRequest(
      `Invalid page size specified: '${text}'. Must be between 1 and ${PAGE_MAX} inclusive.`,
      'Request_UnsupportedQuery',
    );
  }
  return size;
}

function parseSelect(text: string | null): string[] {
  if (text === null || text.trim() === '') return DEFAULT_SELECT;
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!READABLE.has(name)) throw unknownProperty(name);
  }
  return names.includes('id') ? names : [...names, 'id'];
}

/** Only `manager`, optionally with its own `$select`: what a sync needs of $expand. */
function parseExpand(text: string | null): string[] | undefined {
  if (text === null || text.trim() === '') return undefined;
  const match = /^\s*manager\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/.exec(text);
  if (!match) throw unknownProperty(text.split('(')[0]?.trim() ?? text);
  return parseSelect(match[1] ?? null);
}

function unknownProperty(name: string): GraphFault {
  return badRequest(
    `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
    'BadRequest',
  );
}

function withExpand(
  context: UsersContext,
  user: GraphUserRecord,
  select: string[],
  query: URLSearchParams,
): Record<string, unknown> {
  const projected = project(user, select);
  const managerSelect = parseExpand(query.get('$expand'));
  if (managerSelect && user.managerId) {
    const manager = context.store.find(user.managerId);
    // An expanded manager is a directoryObject: it names its type
    // (https://learn.microsoft.com/graph/api/user-list-manager#example-2-get-manager-chain-up-to-the-root-level).
    if (manager)
      projected.manager = {
        '@odata.type': '#microsoft.graph.user',
        ...project(manager, managerSelect),
      };
  }
  return projected;
}

/** The selected properties, null when unset; passwordProfile never (Graph never returns it). */
function project(user: GraphUserRecord, select: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of select) {
    result[name] = structuredClone((user as unknown as Record<string, unknown>)[name] ?? null);
  }
  return result;
}

/** `{"@odata.id": "https://graph.microsoft.com/v1.0/users/{id}"}` (https://learn.microsoft.com/graph/api/user-post-manager). */
function referencedId(body: unknown): string {
  const link = (body as Record<string, unknown> | undefined)?.['@odata.id'];
  const match =
    typeof link === 'string' ? /\/(?:users|directoryObjects)\/([^/?#]+)\/?$/.exec(link) : null;
  if (!match?.[1]) throw badRequest(`Invalid object identifier '${String(link)}'.`);
  return decodeURIComponent(match[1]);
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  }
  return body as Record<string, unknown>;
}

function queryWithout(query: URLSearchParams, name: string): string {
  const parts: string[] = [];
  for (const [key, value] of query) {
    if (key !== name) parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

function json(status: number, body: unknown): GraphAnswer {
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}

function methodNotAllowed(): GraphAnswer {
  return graphError(
    405,
    'Request_BadRequest',
    'The requested HTTP method is not supported on this resource.',
  );
}
