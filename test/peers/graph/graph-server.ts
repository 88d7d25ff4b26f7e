import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphCredentials } from '../../../src/graph/graph-credentials';
import { ENTRA_WRITE_LIMIT } from '../../../src/graph/write-pacer';
import {
  FaultQueue,
  listenOnLoopback,
  peerControls,
  recordCalls,
  type FaultRuleBase,
  type PeerControls,
  type RecordedCall,
} from '../http-peer';
import { createExcelState, excelRouter, type ExcelState } from './excel-routes';
import { answerBatch } from './graph-batch';
import { graphError, type GraphAnswer } from './graph-errors';
import { capPayload } from './graph-payload';
import { GraphStore, type GraphUserRecord } from './graph-store';
import { WriteWindow } from './graph-throttle';
import { tokenEndpoint, type TokenCall } from './graph-token-endpoint';
import {
  answerUsers,
  type GraphCall,
  type GraphPermission,
  type UsersContext,
} from './graph-users';

export type { GraphUserRecord } from './graph-store';
export type { GraphPermission } from './graph-users';
export type { TokenCall } from './graph-token-endpoint';
export { capPayload } from './graph-payload';
export { generateTestCertificate, type TestCertificate } from './graph-certificate';

export interface GraphServerOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** The certificate registered for the app: assertions are verified against it. */
  certificate?: { publicKey: string | KeyObject; thumbprint: string };
  /** The tenant's verified domains: a userPrincipalName must use one. Default contoso.com and contoso.onmicrosoft.com. */
  domains?: string[];
  /** Default the documented 3,000 writes per 150 s. */
  writeLimit?: { writes: number; perMs: number };
  /** What `expires_in` says. Default 3599, as Entra's tokens. */
  tokenLifetimeSeconds?: number;
  /** Default User.ReadWrite.All. */
  permissions?: GraphPermission[];
  /** Answers under /v1.0 larger than this are refused 413 (see capPayload). */
  maxResponseBytes?: number;
  /** The fake's clock, for token lifetimes and the write window. Default Date.now. */
  now?: () => number;
}

/**
 * A fault: the next `times` matching requests fail with `status` (and Retry-After) before
 * anything is done. A rule matches a top-level call and a request inside a $batch alike,
 * unless `inBatch` says which; the $batch call itself only when `path` is '/$batch'.
 */
export interface GraphFaultRule extends FaultRuleBase {
  /** 'GET', 'POST', …, or 'WRITE' for any but GET. */
  method?: string;
  /** Below the version root: a prefix such as '/users', or a pattern. */
  path?: string | RegExp;
  inBatch?: boolean;
}

export interface GraphPeer extends PeerControls<GraphUserRecord, GraphFaultRule> {
  /** The origin, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** `${url}/v1.0` */
  graphBaseUrl: string;
  /** `${url}/${tenantId}/oauth2/v2.0/token` */
  tokenUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Secret credentials for this fake, ready for a GraphClient. */
  credentials: GraphCredentials;
  excel: ExcelState;
  /** Every token request: how the app proved itself and the answer; never the secret. */
  tokenCalls: TokenCall[];
  /** Every write, a $batch's inner ones included (the $batch call itself not), in order. */
  writeCalls(): RecordedCall[];
  /** Every request that came inside a $batch, in order, with paths below the version root. */
  batchedCalls: RecordedCall[];
  failNext(rule: GraphFaultRule): void;
  /** Every token issued so far is expired: the next call with one is answered 401 InvalidAuthenticationToken. */
  expireTokens(): void;
  setPermissions(permissions: GraphPermission[]): void;
}

const VERSION = '/v1.0';

export async function startGraphServer(options: GraphServerOptions = {}): Promise<GraphPeer> {
  const tenantId = options.tenantId ?? randomUUID();
  const clientId = options.clientId ?? randomUUID();
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const now = options.now ?? Date.now;
  const store = new GraphStore(options.domains ?? ['contoso.com', 'contoso.onmicrosoft.com']);
  const tokens = new Map<string, number>();
  const calls: RecordedCall[] = [];
  const batchedCalls: RecordedCall[] = [];
  const writes: RecordedCall[] = [];
  const tokenCalls: TokenCall[] = [];
  const faults = new FaultQueue<GraphFaultRule>();
  const window = new WriteWindow(options.writeLimit ?? ENTRA_WRITE_LIMIT, now);
  const excel = createExcelState();
  let permissions: GraphPermission[] = options.permissions ?? ['User.ReadWrite.All'];
  let origin = '';
  const users: UsersContext = {
    store,
    get baseUrl() {
      return `${origin}${VERSION}`;
    },
    permissions: () => permissions,
    skipTokens: new Map(),
  };

  /** One request to the users routes: the fault queue, then the write quota, then the store. */
  const answerCall = (call: GraphCall, inBatch: boolean): GraphAnswer | undefined => {
    const rule = faults.take((candidate) => faultMatches(candidate, call, inBatch));
    if (rule) return faultAnswer(rule);
    if (!call.path.startsWith('/users')) return undefined;
    // A user's OneDrive (/users/{id}/drive/…) is the Excel routes' (excel-routes.ts).
    if (/^\/users\/[^/]+\/drive(\/|$)/.test(call.path)) return undefined;
    if (call.method !== 'GET') {
      const slot = window.take();
      if (!slot.ok) {
        // Entra's own code for a throttled directory write (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
        return graphError(
          429,
          'Request_ThrottledTemporarily',
          `Your request is throttled temporarily. Please try after ${slot.retryAfterSeconds} seconds.`,
          { 'Retry-After': String(slot.retryAfterSeconds) },
        );
      }
    }
    return answerUsers(users, call);
  };

  const app = express();
  app.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false }),
    tokenEndpoint(
      {
        tenantId,
        clientId,
        clientSecret,
        ...(options.certificate ? { certificate: options.certificate } : {}),
        get scope() {
          return `${origin}/.default`;
        },
        tokenUrl: () => `${origin}/${tenantId}/oauth2/v2.0/token`,
        lifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
        now,
        issue: (token, expiresAt) => tokens.set(token, expiresAt),
      },
      tokenCalls,
    ),
  );
  app.use(VERSION, recordCalls(calls, VERSION));
  app.use(VERSION, express.json({ limit: '4mb' }));
  app.use(VERSION, (req, res, next) => {
    // "Microsoft Graph error responses": a missing, unknown or expired token is 401
    // InvalidAuthenticationToken (https://learn.microsoft.com/graph/errors).
    const header = req.header('authorization') ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    if (!token || expiresAt === undefined || expiresAt <= now()) {
      const message = !token
        ? 'Access token is empty.'
        : expiresAt === undefined
          ? 'IDX14100: JWT is not well formed.'
          : 'Lifetime validation failed, the token is expired.';
      send(res, graphError(401, 'InvalidAuthenticationToken', message));
      return;
    }
    next();
  });
  if (options.maxResponseBytes !== undefined)
    app.use(VERSION, capPayload(options.maxResponseBytes));
  app.use(VERSION, (req, res, next) => {
    const call = callOf(req);
    if (call.path === '/$batch' && req.method === 'POST') {
      const rule = faults.take(
        (candidate) => candidate.path === '/$batch' && faultMatches(candidate, call, false),
      );
      if (rule) {
        send(res, faultAnswer(rule));
        return;
      }
      void answerBatch(req.body, async (_id, inner) => {
        const recorded: RecordedCall = {
          method: inner.method,
          path: inner.path,
          query: Object.fromEntries(inner.query),
          status: 0,
          ...(inner.body !== undefined ? { body: inner.body } : {}),
        };
        batchedCalls.push(recorded);
        if (inner.method !== 'GET') writes.push(recorded);
        const answer =
          answerCall(inner, true) ??
          graphError(
            400,
            'BadRequest',
            `This fake answers only /users requests inside a $batch, not ${inner.path}.`,
          );
        recorded.status = answer.status;
        return answer;
      }).then((answer) => send(res, answer), next);
      return;
    }
    if (req.method !== 'GET') writes.push(recordWrite(call, res));
    const answer = answerCall(call, false);
    if (answer) send(res, answer);
    else next();
  });
  app.use(VERSION, excelRouter(excel));
  app.use(VERSION, (req, res) => {
    send(
      res,
      graphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`,
      ),
    );
  });
  app.use(
    (
      error: { status?: number; type?: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (res.headersSent) next(error);
      else
        send(
          res,
          graphError(
            error.status ?? 500,
            error.status === 400 ? 'BadRequest' : 'generalException',
            error.type === 'entity.parse.failed'
              ? 'Unable to read JSON request payload.'
              : 'An internal error occurred.',
          ),
        );
    },
  );
  const listening = await listenOnLoopback(app);
  origin = listening.origin;

  const controls = peerControls(store, calls, faults, listening);
  const graphBaseUrl = `${origin}${VERSION}`;
  const tokenUrl = `${origin}/${tenantId}/oauth2/v2.0/token`;
  return {
    ...controls,
    url: origin,
    graphBaseUrl,
    tokenUrl,
    tenantId,
    clientId,
    clientSecret,
    credentials: { tenantId, clientId, clientSecret, graphBaseUrl, tokenUrl },
    excel,
    tokenCalls,
    batchedCalls,
    writeCalls: () => [...writes],
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    setPermissions: (granted) => {
      permissions = granted;
    },
    reset: () => {
      controls.reset();
      batchedCalls.length = 0;
      writes.length = 0;
      tokenCalls.length = 0;
      window.clear();
      users.skipTokens.clear();
    },
  };
}

function callOf(req: Request): GraphCall {
  const url = new URL(req.originalUrl, 'http://peer.invalid');
  return {
    method: req.method,
    path: url.pathname.startsWith(VERSION)
      ? url.pathname.slice(VERSION.length) || '/'
      : url.pathname,
    query: url.searchParams,
    header: (name) => req.header(name),
    body: req.body,
  };
}

/** A top-level write as `writeCalls` lists it; its status is filled in when it is answered. */
function recordWrite(call: GraphCall, res: Response): RecordedCall {
  const recorded: RecordedCall = {
    method: call.method,
    path: call.path,
    query: Object.fromEntries(call.query),
    status: 0,
    ...(call.body !== undefined && !isEmptyObject(call.body) ? { body: call.body } : {}),
  };
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    recorded.status = res.statusCode;
    return end(...args);
  }) as Response['end'];
  return recorded;
}

function isEmptyObject(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0
  );
}

function faultMatches(rule: GraphFaultRule, call: GraphCall, inBatch: boolean): boolean {
  if (rule.inBatch !== undefined && rule.inBatch !== inBatch) return false;
  if (rule.method !== undefined) {
    const wanted = rule.method.toUpperCase();
    if (wanted === 'WRITE' ? call.method === 'GET' : wanted !== call.method) return false;
  }
  if (rule.path === undefined) return call.path !== '/$batch';
  return typeof rule.path === 'string'
    ? call.path.startsWith(rule.path)
    : rule.path.test(call.path);
}

/** A throttled or failing service, as "Microsoft Graph throttling guidance" shows it (https://learn.microsoft.com/graph/throttling). */
function faultAnswer(rule: GraphFaultRule): GraphAnswer {
  const headers =
    rule.retryAfterSeconds !== undefined
      ? { 'Retry-After': String(rule.retryAfterSeconds) }
      : undefined;
  if (rule.status === 429) return graphError(429, 'TooManyRequests', 'Too many requests.', headers);
  if (rule.status === 503)
    return graphError(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable.',
      headers,
    );
  return graphError(rule.status, 'generalException', 'An internal error occurred.', headers);
}

function send(res: Response, answer: GraphAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.status(answer.status);
  if (answer.body === undefined) res.end();
  else res.json(answer.body);
}
