import type { GraphApi } from '../../graph/graph-api';
import type { HttpResponse } from '../../http/http-client';
import { SourceError } from '../source-error';
import { needsAdvancedQuery } from './entra-query';
import { graphError, graphGet, isSuccess, readFailure } from './graph-failure';
import { LINE_KEY, type SheetRow as HrRow } from '../sheet-rows';

/**
 * Microsoft Entra ID users as HR rows in the canonical field names, for CSV Parse & Validate
 * (https://learn.microsoft.com/graph/api/user-list). Graph's `country` is free text and goes
 * on as it is: the validator repairs or reports it.
 */
export interface EntraUsersOptions {
  /** An OData `$filter`, e.g. `employeeId ne null and accountEnabled eq true`. */
  filter?: string;
  /** A `$search` expression, e.g. `"department:Sales"` (always an advanced query). */
  search?: string;
  /** More user properties to read, kept under their Graph name (`officeLocation`, `a/b`). */
  attributes?: readonly string[];
  /** Force (true) or forbid (false) advanced query parameters; by default the filter decides. */
  advancedQuery?: boolean;
  /** `$top` per page (default and maximum 999). */
  pageSize?: number;
  /** Told what the rows cannot show, e.g. end dates the app may not read. */
  onWarning?: (message: string) => void;
}

export const USER_PERMISSIONS = 'User.Read.All (application)';
const MAX_PAGE_SIZE = 999;
const MAX_PAGES = 100000;

/** Graph property → canonical column; `businessPhones`, dates and the manager are special. */
const PLAIN_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['employeeId', 'externalId'],
  ['givenName', 'firstName'],
  ['surname', 'lastName'],
  ['mail', 'email'],
  ['mobilePhone', 'mobilePhone'],
  ['department', 'department'],
  ['jobTitle', 'jobTitle'],
  ['country', 'country'],
  ['usageLocation', 'usageLocation'],
  ['preferredLanguage', 'language'],
];

const SELECT = [
  'id',
  ...PLAIN_FIELDS.map(([property]) => property),
  'businessPhones',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'accountEnabled',
];

/** Expanding only what we need keeps each manager small (https://learn.microsoft.com/graph/api/user-list-manager). */
const EXPAND_MANAGER = 'manager($select=id,employeeId)';

type GraphUser = Record<string, unknown> & { id?: unknown; manager?: unknown };

export async function readEntraUsers(
  graph: GraphApi,
  options: EntraUsersOptions = {},
): Promise<HrRow[]> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const attributes = (options.attributes ?? []).map((name) => name.trim()).filter(Boolean);
  const select = [...new Set([...SELECT, ...attributes.map((name) => name.split('/')[0] ?? name)])];
  const filter = options.filter?.trim() || undefined;
  const search = options.search?.trim() || undefined;
  const query = { select, filter, search, pageSize };
  let advanced = options.advancedQuery ?? needsAdvancedQuery(filter, search);
  let users: GraphUser[];
  try {
    users = await listUsers(graph, { ...query, advanced });
  } catch (error) {
    // Graph's own word that the query is advanced (Request_UnsupportedQuery): ask again as one,
    // unless the caller ruled advanced queries out.
    if (!(error instanceof UnsupportedQuery) || advanced || options.advancedQuery === false) {
      throw error instanceof UnsupportedQuery ? error.sourceError : error;
    }
    advanced = true;
    users = await listUsers(graph, { ...query, advanced });
  }
  // "$expand is not currently supported with advanced queries"
  // (https://learn.microsoft.com/graph/aad-advanced-queries): the managers then come from a
  // second, default query over all users, ids and managers only.
  const managers = advanced ? await managersById(graph, pageSize) : undefined;
  const leaveDates = users.length === 0 || users.some((user) => 'employeeLeaveDateTime' in user);
  if (!leaveDates) {
    options.onWarning?.(
      `${graph.label} returned no employeeLeaveDateTime for any user: reading it needs the` +
        ' User-LifeCycleInfo.Read.All permission (https://learn.microsoft.com/graph/api/resources/user).' +
        ' The rows carry no endDate column, so no end date is changed.',
    );
  }
  return users.map((user, index) =>
    userRow(user, index + 1, {
      attributes,
      leaveDates,
      managerExternalId: managers ? managers.get(String(user.id)) : managerEmployeeId(user.manager),
    }),
  );
}

export interface UserRowOptions {
  attributes: readonly string[];
  /** Whether Graph returned employeeLeaveDateTime at all; if not, no endDate column. */
  leaveDates: boolean;
  managerExternalId: string | undefined;
}

/** One Graph user as an HR row; `line` is its place in the listing (1 = first). */
export function userRow(
  user: Record<string, unknown>,
  line: number,
  options: UserRowOptions,
): HrRow {
  const row = { [LINE_KEY]: line } as HrRow;
  for (const [property, column] of PLAIN_FIELDS) row[column] = text(user[property]);
  const phones = user.businessPhones;
  row.businessPhone = Array.isArray(phones) ? text(phones[0]) : '';
  row.startDate = datePart(user.employeeHireDate);
  if (options.leaveDates) row.endDate = datePart(user.employeeLeaveDateTime);
  row.managerExternalId = options.managerExternalId ?? '';
  row.accountEnabled = text(user.accountEnabled);
  for (const attribute of options.attributes) {
    if (attribute === LINE_KEY || attribute in row) continue;
    row[attribute] = text(valueAt(user, attribute));
  }
  return row;
}

/** `onPremisesExtensionAttributes/extensionAttribute1` reads the nested property. */
function valueAt(user: Record<string, unknown>, path: string): unknown {
  let value: unknown = user;
  for (const part of path.split('/')) {
    value =
      value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).join(',');
  return JSON.stringify(value);
}

/** `2026-03-01T00:00:00Z` → `2026-03-01`: Graph keeps these dates as UTC timestamps. */
function datePart(value: unknown): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match ? (match[1] ?? '') : value;
}

function managerEmployeeId(manager: unknown): string | undefined {
  if (!manager || typeof manager !== 'object') return undefined;
  const employeeId = (manager as { employeeId?: unknown }).employeeId;
  return typeof employeeId === 'string' && employeeId !== '' ? employeeId : undefined;
}

interface ListQuery {
  select: string[];
  filter: string | undefined;
  search: string | undefined;
  pageSize: number;
  advanced: boolean;
}

class UnsupportedQuery extends Error {
  constructor(readonly sourceError: SourceError) {
    super(sourceError.message);
  }
}

async function listUsers(graph: GraphApi, query: ListQuery): Promise<GraphUser[]> {
  const params: Record<string, string | number> = {
    $select: query.select.join(','),
    $top: query.pageSize,
  };
  if (query.filter) params.$filter = query.filter;
  if (query.search) params.$search = query.search;
  let headers: Record<string, string> | undefined;
  if (query.advanced) {
    // https://learn.microsoft.com/graph/aad-advanced-queries: the header, and $count=true
    // (which $search does not need, but accepts).
    headers = { ConsistencyLevel: 'eventual' };
    params.$count = 'true';
  } else {
    params.$expand = EXPAND_MANAGER;
  }
  const what = describeQuery(query);
  return allPages(graph, '/users', params, headers, what);
}

/** Every user's manager's employeeId, by user id, from a default query with $expand. */
async function managersById(graph: GraphApi, pageSize: number): Promise<Map<string, string>> {
  const params = { $select: 'id', $expand: EXPAND_MANAGER, $top: pageSize };
  const users = await allPages(graph, '/users', params, undefined, 'the users\u2019 managers');
  const managers = new Map<string, string>();
  for (const user of users) {
    const employeeId = managerEmployeeId(user.manager);
    if (typeof user.id === 'string' && employeeId) managers.set(user.id, employeeId);
  }
  return managers;
}

/**
 * Follows `@odata.nextLink` as it comes, the next page's whole URL
 * (https://learn.microsoft.com/graph/paging). With `$expand` Graph returns at most 100 users a
 * page whatever `$top` says (https://learn.microsoft.com/graph/query-parameters#expand), so
 * a page count is never assumed.
 */
async function allPages(
  graph: GraphApi,
  path: string,
  params: Record<string, string | number>,
  headers: Record<string, string> | undefined,
  what: string,
): Promise<GraphUser[]> {
  const users: GraphUser[] = [];
  let next: string | undefined = path;
  let query: Record<string, string | number> | undefined = params;
  for (let page = 0; next !== undefined; page++) {
    if (page >= MAX_PAGES) {
      throw new SourceError('protocol', `${graph.label} kept sending next pages of ${what}.`);
    }
    const response: HttpResponse = await graphGet(graph, next, query, headers);
    if (!isSuccess(response)) throw pageFailure(graph, response, what);
    const body = (response.body ?? {}) as { value?: unknown; '@odata.nextLink'?: unknown };
    if (!Array.isArray(body.value)) {
      throw new SourceError('protocol', `${graph.label} answered ${what} without a list of users.`);
    }
    for (const user of body.value)
      if (user && typeof user === 'object') users.push(user as GraphUser);
    const link = body['@odata.nextLink'];
    next = typeof link === 'string' && link !== '' ? link : undefined;
    query = undefined;
  }
  return users;
}

function pageFailure(graph: GraphApi, response: HttpResponse, what: string): Error {
  const failure = readFailure(graph, response, what, USER_PERMISSIONS);
  const { codes } = graphError(response.body);
  if (response.status === 400 && codes.includes('Request_UnsupportedQuery')) {
    return new UnsupportedQuery(failure);
  }
  return failure;
}

function describeQuery(query: ListQuery): string {
  const parts = [
    query.filter ? `filter ${query.filter}` : '',
    query.search ? `search ${query.search}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return parts ? `the users (${parts})` : 'the users';
}
