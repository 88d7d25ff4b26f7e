import type { Request, Response, Router } from 'express';
import express from 'express';
import { FaultQueue, recordCalls, type FaultRuleBase, type RecordedCall } from '../http-peer';
import { parseUserQuery } from './directory-query';
import { DirectoryStore, type FakeUser } from './directory-store';
import { FakeQuota, sendAdminError } from './google-errors';
import type { TokenAuthority } from './google-tokens';

export interface DirectoryFaultRule extends FaultRuleBase {
  /** The Admin SDK reason sent with it: `userRateLimitExceeded`, `quotaExceeded`, `rateLimitExceeded`, `backendError`, `forbidden`. */
  reason?: string;
  /** Only requests of this method (GET, POST, PATCH, DELETE). */
  method?: string;
  /** Only requests about this primary e-mail (the body's, or the user the path names). */
  email?: string;
}

export interface DirectoryOptions {
  /** Queries per minute per user; more get 403 userRateLimitExceeded. Default: no limit. */
  queriesPerMinute?: number;
  /** The organisational units that exist (default `/` and what users use). */
  orgUnits?: string[];
  /** Users who are admins and so may use the API (default: every user the token acts as). */
  admins?: string[];
  now?: () => number;
}

export interface DirectoryControls {
  store: DirectoryStore;
  calls: RecordedCall[];
  seed(users: Array<Partial<FakeUser> & { primaryEmail: string }>): FakeUser[];
  users(): FakeUser[];
  failNext(rule: DirectoryFaultRule): void;
  /** Calls refused for the quota so far. */
  throttled(): number;
  /**
   * The next matching writes are carried out, and then answered 503 backendError instead
   * of their result: a create that landed although the client saw it fail.
   */
  landThenFail(rule: Omit<DirectoryFaultRule, 'status' | 'reason'>): void;
  reset(): void;
}

const WRITE_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';
const READ_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

/**
 * An Admin SDK Directory API for users (mount it at /admin/directory/v1), after
 * https://developers.google.com/workspace/admin/directory/reference/rest/v1/users.
 */
export function directoryRouter(
  tokens: TokenAuthority,
  options: DirectoryOptions = {},
): { router: Router; controls: DirectoryControls } {
  const store = new DirectoryStore();
  const calls: RecordedCall[] = [];
  const faults = new FaultQueue<DirectoryFaultRule>();
  const quota = new FakeQuota(options.queriesPerMinute, options.now ?? Date.now);
  const orgUnits = new Set(['/', ...(options.orgUnits ?? [])]);
  const landing = new FaultQueue<DirectoryFaultRule>();
  let throttled = 0;
  const router = express.Router();
  router.use(recordCalls(calls, '/admin/directory/v1'));
  router.use(express.json());

  router.use((req, res, next) => {
    const token = tokens.check(req);
    // No or a dead token: 401 "Login Required" (the Admin SDK's error shape).
    if (!token) {
      sendAdminError(res, 401, 'required', 'Login Required.');
      return;
    }
    const write = req.method !== 'GET';
    const scopes = new Set(token.scopes);
    if (!scopes.has(WRITE_SCOPE) && (write || !scopes.has(READ_SCOPE))) {
      sendAdminError(
        res,
        403,
        'insufficientPermissions',
        'Request had insufficient authentication scopes.',
      );
      return;
    }
    const caller = (token.subject ?? token.issuer).toLowerCase();
    // https://developers.google.com/workspace/admin/directory/v1/guides/delegation: only an
    // admin may manage users; anyone else gets 403 "Not Authorized to access this resource/api".
    if (options.admins && !options.admins.map((email) => email.toLowerCase()).includes(caller)) {
      sendAdminError(res, 403, 'forbidden', 'Not Authorized to access this resource/api');
      return;
    }
    // https://developers.google.com/workspace/admin/directory/v1/limits: over the queries per
    // minute per user, 403 userRateLimitExceeded (domain usageLimits), with no Retry-After.
    if (!quota.take(caller)) {
      throttled += 1;
      sendAdminError(
        res,
        403,
        'userRateLimitExceeded',
        "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'admin.googleapis.com'.",
        'usageLimits',
      );
      return;
    }
    const fault = faults.take((rule) => faultConcerns(rule, req, store));
    if (fault) {
      const reason =
        fault.reason ??
        (fault.status === 429
          ? 'rateLimitExceeded'
          : fault.status === 403
            ? 'userRateLimitExceeded'
            : 'backendError');
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      sendAdminError(
        res,
        fault.status,
        reason,
        faultMessage(reason),
        reason === 'forbidden' ? 'global' : 'usageLimits',
      );
      return;
    }
    if (req.method !== 'GET' && landing.take((rule) => faultConcerns(rule, req, store))) {
      loseAnswer(res);
    }
    next();
  });

  router.get('/users', (req, res) => listUsers(store, req, res));
  router.get('/users/:userKey', (req, res) => {
    const user = store.find(req.params.userKey ?? '');
    if (!user) return notFound(res);
    res.json(present(user, 'full'));
  });
  router.post('/users', (req, res) => insertUser(store, orgUnits, req, res));
  router.patch('/users/:userKey', (req, res) => patchUser(store, orgUnits, req, res));
  router.delete('/users/:userKey', (req, res) => {
    const user = store.find(req.params.userKey ?? '');
    if (!user) return notFound(res);
    store.remove(user.id);
    // https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/delete:
    // an empty body on success.
    res.status(204).end();
  });

  return {
    router,
    controls: {
      store,
      calls,
      seed: (users) => users.map((user) => structuredClone(store.add(user))),
      users: () => store.all().map((user) => structuredClone(user)),
      failNext: (rule) => faults.add(rule),
      throttled: () => throttled,
      landThenFail: (rule) => landing.add({ ...rule, status: 503 }),
      reset: () => {
        store.clear();
        calls.length = 0;
        faults.clear();
        landing.clear();
        quota.clear();
        throttled = 0;
      },
    },
  };
}

/** The write goes through; its answer is swapped for a 503 backendError. */
function loseAnswer(res: Response): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((..._args: unknown[]) => {
    res.statusCode = 503;
    res.setHeader('content-type', 'application/json');
    res.removeHeader('content-length');
    const message = 'Backend Error';
    return end(
      JSON.stringify({
        error: {
          code: 503,
          message,
          errors: [{ message, domain: 'global', reason: 'backendError' }],
        },
      }),
    );
  }) as Response['end'];
}

function faultMessage(reason: string): string {
  switch (reason) {
    case 'forbidden':
      return 'Not Authorized to access this resource/api';
    case 'quotaExceeded':
      return 'Quota exceeded: the limit of concurrent requests has been reached.';
    case 'rateLimitExceeded':
      return 'Rate Limit Exceeded';
    case 'userRateLimitExceeded':
      return 'User Rate Limit Exceeded';
    default:
      return 'Backend Error';
  }
}

function faultConcerns(rule: DirectoryFaultRule, req: Request, store: DirectoryStore): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== req.method) return false;
  if (rule.email === undefined) return true;
  const wanted = rule.email.toLowerCase();
  const body = req.body as { primaryEmail?: unknown } | undefined;
  if (typeof body?.primaryEmail === 'string' && body.primaryEmail.toLowerCase() === wanted)
    return true;
  const key = /^\/users\/([^/]+)$/.exec(req.path)?.[1];
  const user = key ? store.find(decodeURIComponent(key)) : undefined;
  return user?.primaryEmail.toLowerCase() === wanted;
}

/** 404 for an unknown userKey, as users.get, patch and delete answer it. */
function notFound(res: Response): void {
  sendAdminError(res, 404, 'notFound', 'Resource Not Found: userKey');
}

function invalid(res: Response, what: string): void {
  sendAdminError(res, 400, 'invalid', `Invalid Input: ${what}`);
}

/**
 * users.list (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/list):
 * `customer` or `domain` is required; `maxResults` 1 to 500 (default 100); the next page by
 * the opaque `nextPageToken`, absent on the last page; `projection` basic (no custom
 * schemas), custom (the `customFieldMask` schemas) or full; `query` a search (see
 * directory-query.ts).
 */
function listUsers(store: DirectoryStore, req: Request, res: Response): void {
  const query = req.query as Record<string, string | undefined>;
  if (!query.customer && !query.domain) {
    sendAdminError(res, 400, 'badRequest', 'Bad Request');
    return;
  }
  const maxResults = query.maxResults === undefined ? DEFAULT_PAGE : Number(query.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE) {
    invalid(res, 'maxResults');
    return;
  }
  const projection = query.projection ?? 'basic';
  if (!['basic', 'custom', 'full'].includes(projection)) return invalid(res, 'projection');
  if (projection === 'custom' && !query.customFieldMask) return invalid(res, 'customFieldMask');
  const matches = query.query ? parseUserQuery(query.query) : () => true;
  if (!matches) return invalid(res, query.query ?? '');
  const start = query.pageToken
    ? Number(Buffer.from(query.pageToken, 'base64url').toString('utf8'))
    : 0;
  if (!Number.isInteger(start) || start < 0) return invalid(res, 'pageToken');
  const all = store.all().filter(matches);
  const page = all.slice(start, start + maxResults);
  const next =
    start + maxResults < all.length
      ? Buffer.from(String(start + maxResults)).toString('base64url')
      : undefined;
  const mask = (query.customFieldMask ?? '').split(',').filter(Boolean);
  res.json({
    kind: 'admin#directory#users',
    ...(page.length > 0 ? { users: page.map((user) => present(user, projection, mask)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  });
}

/** The Users resource as returned: never the password; custom schemas as the projection says. */
function present(user: FakeUser, projection: string, mask: string[] = []): Record<string, unknown> {
  const copy = structuredClone(user) as Record<string, unknown>;
  delete copy.password;
  const schemas = copy.customSchemas as Record<string, unknown> | undefined;
  if (projection === 'basic' || !schemas) delete copy.customSchemas;
  else if (projection === 'custom')
    copy.customSchemas = Object.fromEntries(
      Object.entries(schemas).filter(([name]) => mask.includes(name)),
    );
  return copy;
}

/**
 * users.insert (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/insert):
 * primaryEmail, name.givenName, name.familyName and password are required (8 to 100 ASCII
 * characters); an address already used by a user or alias is 409 duplicate "Entity
 * already exists."; an unknown OU is 400.
 */
function insertUser(
  store: DirectoryStore,
  orgUnits: Set<string>,
  req: Request,
  res: Response,
): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const name = (body.name ?? {}) as Record<string, unknown>;
  if (typeof body.primaryEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(body.primaryEmail))
    return invalid(res, 'primary_user_email');
  if (typeof name.givenName !== 'string' || !name.givenName) return invalid(res, 'givenName');
  if (typeof name.familyName !== 'string' || !name.familyName) return invalid(res, 'familyName');
  if (
    typeof body.password !== 'string' ||
    body.password.length < 8 ||
    body.password.length > 100 ||
    !/^[\x20-\x7e]+$/.test(body.password)
  ) {
    return invalid(res, 'Password');
  }
  if (body.orgUnitPath !== undefined && !orgUnits.has(String(body.orgUnitPath)))
    return invalid(res, 'INVALID_OU_ID');
  if (store.taken(body.primaryEmail)) {
    sendAdminError(res, 409, 'duplicate', 'Entity already exists.');
    return;
  }
  const { password, ...rest } = body;
  const user = store.add({
    ...rest,
    primaryEmail: body.primaryEmail,
    orgUnitPath: body.orgUnitPath ?? '/',
  });
  store.passwords.set(user.id, String(password));
  res.json(present(user, 'full'));
}

/**
 * users.patch (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/patch,
 * with https://developers.google.com/workspace/admin/directory/v1/guides/performance#patch):
 * only the fields sent change; a repeated field (externalIds, phones, organizations,
 * relations, emails, addresses) sent replaces the whole list; `name` is merged; a custom
 * schema's fields are merged, null clearing one.
 */
function patchUser(
  store: DirectoryStore,
  orgUnits: Set<string>,
  req: Request,
  res: Response,
): void {
  const user = store.find(req.params.userKey ?? '');
  if (!user) return notFound(res);
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body.primaryEmail === 'string' && store.taken(body.primaryEmail, user.id)) {
    sendAdminError(res, 409, 'duplicate', 'Entity already exists.');
    return;
  }
  if (body.orgUnitPath !== undefined && !orgUnits.has(String(body.orgUnitPath)))
    return invalid(res, 'INVALID_OU_ID');
  for (const [key, value] of Object.entries(body)) {
    if (key === 'password') {
      store.passwords.set(user.id, String(value));
    } else if (key === 'name' && typeof value === 'object' && value !== null) {
      user.name = { ...(user.name as object), ...value };
    } else if (key === 'customSchemas' && typeof value === 'object' && value !== null) {
      const schemas = {
        ...((user.customSchemas as Record<string, Record<string, unknown>>) ?? {}),
      };
      for (const [schema, fields] of Object.entries(
        value as Record<string, Record<string, unknown>>,
      )) {
        const merged: Record<string, unknown> = { ...(schemas[schema] ?? {}) };
        for (const [field, fieldValue] of Object.entries(fields ?? {})) {
          if (fieldValue === null) Reflect.deleteProperty(merged, field);
          else merged[field] = fieldValue;
        }
        schemas[schema] = merged;
      }
      user.customSchemas = schemas;
    } else if (value === null) {
      Reflect.deleteProperty(user, key);
    } else {
      user[key] = value;
    }
  }
  res.json(present(user, 'full'));
}
