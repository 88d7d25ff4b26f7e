import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { SCIMMY, SCIMMYRouters } from 'scimmy-routers';
import {
  FaultQueue,
  peerControls,
  listenOnLoopback,
  recordCalls,
  sendFault,
  type FaultRuleBase,
  type PeerControls,
  type RecordedCall,
} from './http-peer';
import { isScimWrite, scimFaultConcerns, type WriteSelector } from './scim-faults';
import { selectUsers } from './scim-filter';
import { ScimStore, ScimStoreError, type ScimUserRecord } from './scim-store';

export { ENTERPRISE_USER, type ScimUserRecord } from './scim-store';

export interface ScimServerOptions {
  /** Largest Bulk request; 0 means the server does not support Bulk (501). Default 100. */
  bulkMaxOperations?: number;
  /** Largest page (filter.maxResults); also the page size when a request names no count. Default 100. */
  pageSizeMax?: number;
  /** `false`: a server that does not refuse a second user with the same userName. Default true. */
  uniqueUserNames?: boolean;
  /**
   * Serve /ServiceProviderConfig, /Schemas and /ResourceTypes without a token, as RFC 7644
   * §4 allows and many servers do; the users still need it. Default false.
   */
  openDiscovery?: boolean;
}

const DISCOVERY_PATHS = new Set(['/ServiceProviderConfig', '/Schemas', '/ResourceTypes']);

/**
 * A write that is carried out but whose answer is lost: held back `delayMs` (past the
 * client's timeout), or replaced by a `status` failure (a 5xx after the work was done).
 */
export interface ScimLandingFault extends WriteSelector {
  delayMs?: number;
  status?: 500 | 502 | 503;
  /** How many matching writes it spoils; default 1. */
  times?: number;
}

export interface ScimFaultRule extends FaultRuleBase {
  userName?: string;
  externalId?: string;
  /** The write method to fail; for /Bulk the method of an operation inside it. */
  method?: string;
}

/** `calls` holds every request in arrival order, with paths relative to `url`. */
export interface ScimPeer extends PeerControls<ScimUserRecord, ScimFaultRule> {
  /** Base URL, e.g. http://127.0.0.1:PORT/scim/v2 */
  url: string;
  /** Bearer token; any other Authorization gets 401. */
  token: string;
  /**
   * The next `times` write calls that concern the user (by the request body, by the record a
   * /Users/:id path names, or by any operation of a /Bulk request) fail with `status` before
   * anything is applied; a rule naming neither userName nor externalId matches every write.
   */
  failNext(rule: ScimFaultRule): void;
  /** The next matching writes land, and then their answers are lost (see ScimLandingFault). */
  landThenLose(fault: ScimLandingFault): void;
  /**
   * After `writes` more write requests have been let through, the token is refused (401)
   * on every request: a credential revoked, or a token expired, in the middle of a run.
   */
  revokeTokenAfter(writes: number): void;
  /** Every write that concerns this user is answered 403: the platform protects the account. */
  protect(selector: WriteSelector): void;
  /**
   * Lets `writes` more write requests through, then holds every further one, unanswered and
   * not applied, until `release`: the run is stopped at a known point (for killing the
   * process that sent them). `reached` resolves when the first is held. Released writes are
   * applied even if their client has gone: the platform did the work, nobody heard of it.
   */
  holdWritesAfter(writes: number): { reached: Promise<void>; release(): void };
}

/** What SCIMMY hands the (process-wide) handlers back for each request: this server's state. */
interface ScimContext {
  store: ScimStore;
  pageSizeMax: number;
}

const BASE_PATH = '/scim/v2';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const MAX_PAYLOAD_BYTES = 1_048_576;

export async function startScimServer(options: ScimServerOptions = {}): Promise<ScimPeer> {
  const bulkMaxOperations = options.bulkMaxOperations ?? 100;
  const pageSizeMax = options.pageSizeMax ?? 100;
  const token = randomBytes(16).toString('hex');
  const store = new ScimStore({ uniqueUserNames: options.uniqueUserNames ?? true });
  const landing: Array<ScimLandingFault & { left: number }> = [];
  const protectedUsers: WriteSelector[] = [];
  let writesUntilRevoked: number | undefined;
  let hold: { left: number; held: Array<() => void>; reached: () => void } | undefined;
  const calls: RecordedCall[] = [];
  const faults = new FaultQueue<ScimFaultRule>();
  const context: ScimContext = { store, pageSizeMax };
  declareUserResource();

  // SCIMMY keeps its service provider config in module globals: every router adds its
  // auth scheme to one list, and the last server started would set Bulk for all. So the
  // list is emptied before each router, and each request re-applies its own server's
  // limits (requests to two differently-configured servers must not interleave).
  const applyConfig = (): void => {
    SCIMMY.Config.set({
      patch: true,
      filter: { supported: true, maxResults: pageSizeMax },
      bulk: {
        supported: bulkMaxOperations > 0,
        maxOperations: bulkMaxOperations,
        maxPayloadSize: MAX_PAYLOAD_BYTES,
      },
    });
  };
  SCIMMY.Config.set('authenticationSchemes', []);
  const authenticate = (req: Request): string => {
    const discovery = req.method === 'GET' && DISCOVERY_PATHS.has(req.path);
    if (options.openDiscovery === true && discovery) return 'anyone';
    if (req.header('authorization') !== `Bearer ${token}`) {
      throw new Error('A valid bearer token is required');
    }
    return 'sync-client';
  };

  const app = express();
  let origin = '';
  app.use(recordCalls(calls, BASE_PATH));
  app.use(
    express.json({ type: ['application/json', 'application/scim+json'], limit: MAX_PAYLOAD_BYTES }),
  );
  app.use((_req, _res, next) => {
    applyConfig();
    next();
  });
  app.use(BASE_PATH, (req, res, next) => {
    // What SCIMMY answers with; res.json keeps a type already set.
    res.type('application/scim+json');
    try {
      authenticate(req);
      if (writesUntilRevoked !== undefined && writesUntilRevoked <= 0) {
        throw new Error('The bearer token has been revoked');
      }
    } catch (error) {
      res.status(401).json(scimError(401, null, (error as Error).message));
      return;
    }
    if (isScimWrite(req) && writesUntilRevoked !== undefined) writesUntilRevoked -= 1;
    if (hold && isScimWrite(req) && hold.left-- <= 0) {
      hold.held.push(next);
      hold.reached();
      return;
    }
    if (protectedUsers.some((selector) => scimFaultConcerns(selector, req, store))) {
      res.status(403).json(scimError(403, null, 'This account is protected'));
      return;
    }
    const rule = faults.take((candidate) => scimFaultConcerns(candidate, req, store));
    if (rule) {
      sendFault(res, rule, scimError(rule.status, null, faultDetail(rule.status)));
      return;
    }
    const lost = landing.find((fault) => fault.left > 0 && scimFaultConcerns(fault, req, store));
    if (lost) {
      lost.left -= 1;
      loseAnswer(res, lost);
    }
    next();
  });
  app.use(
    BASE_PATH,
    new SCIMMYRouters({
      type: 'bearer',
      handler: authenticate,
      context: () => context,
      baseUri: () => origin,
    }),
  );
  app.use(BASE_PATH, sendParseErrorsAsScim);
  const listening = await listenOnLoopback(app);
  origin = listening.origin;

  const controls = peerControls(store, calls, faults, listening);
  return {
    url: `${origin}${BASE_PATH}`,
    token,
    ...controls,
    landThenLose: (fault) => landing.push({ ...fault, left: fault.times ?? 1 }),
    revokeTokenAfter: (writes) => {
      writesUntilRevoked = writes;
    },
    protect: (selector) => protectedUsers.push(selector),
    holdWritesAfter: (writes) => {
      let resolveReached: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (resolveReached = resolve));
      const holding = { left: writes, held: [] as Array<() => void>, reached: resolveReached };
      hold = holding;
      return {
        reached,
        release: () => {
          if (hold === holding) hold = undefined;
          for (const next of holding.held.splice(0)) next();
        },
      };
    },
    reset: () => {
      controls.reset();
      landing.length = 0;
      protectedUsers.length = 0;
      writesUntilRevoked = undefined;
      hold?.held.splice(0);
      hold = undefined;
    },
  };
}

/** Lets the write run, then holds its answer back or swaps it for a failure. */
function loseAnswer(res: Response, fault: ScimLandingFault): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (fault.status !== undefined) {
      res.statusCode = fault.status;
      res.removeHeader('content-length');
      return end(
        JSON.stringify(scimError(fault.status, null, 'Failed after the change was saved')),
      );
    }
    setTimeout(() => {
      if (!res.destroyed) end(...args);
    }, fault.delayMs ?? 0);
    return res;
  }) as Response['end'];
}

let declared = false;

/** SCIMMY's resource handlers are process-wide, so they are declared once and find their store in ctx. */
function declareUserResource(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }],
    ingress: (resource: { id?: string }, instance: Record<string, unknown>, ctx: ScimContext) =>
      asScimError(() => ctx.store.save(resource.id, instance)),
    egress: (resource: EgressResource, ctx: ScimContext) =>
      asScimError(() => readUsers(resource, ctx)),
    degress: (resource: { id?: string }, ctx: ScimContext) =>
      asScimError(() => ctx.store.remove(resource.id ?? '')),
  });
}

interface EgressResource {
  id?: string;
  filter?: InstanceType<typeof SCIMMY.Types.Filter>;
  constraints?: { startIndex?: number; count?: number; totalResults?: number };
}

function readUsers(resource: EgressResource, ctx: ScimContext): ScimUserRecord | ScimUserRecord[] {
  if (resource.id !== undefined) {
    const user = ctx.store.get(resource.id);
    if (!user) throw new ScimStoreError(404, null, `Resource ${resource.id} not found`);
    return user;
  }
  const matching = selectUsers(resource.filter, ctx.store.all());
  const requested = resource.constraints ?? {};
  const count = Math.min(requested.count ?? ctx.pageSizeMax, ctx.pageSizeMax);
  resource.constraints = { ...requested, count };
  // SCIMMY's ListResponse serves page 1 again when startIndex is past the end; RFC 7644
  // §3.4.2.4 wants an empty page there, or a client paging until empty never stops.
  if ((requested.startIndex ?? 1) > matching.length) {
    resource.constraints.totalResults = matching.length;
    return [];
  }
  return matching;
}

function asScimError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScimStoreError) {
      throw new SCIMMY.Types.Error(error.status, error.scimType as string, error.message);
    }
    throw error;
  }
}

function scimError(status: number, scimType: string | null, detail: string): object {
  return {
    schemas: [SCIM_ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

function faultDetail(status: number): string {
  return status === 429 ? 'Too many requests' : 'Injected server failure';
}

/** Malformed or oversized JSON bodies fail in the body parser, before SCIMMY sees them. */
function sendParseErrorsAsScim(
  error: { status?: number; message?: string },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = error.status ?? 500;
  res
    .type('application/scim+json')
    .status(status)
    .json(scimError(status, status === 400 ? 'invalidSyntax' : null, error.message ?? 'error'));
}
