import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';

/** One request as a peer saw it. Secrets (an api_key) are never recorded. */
export interface RecordedCall {
  method: string;
  /** The path below the peer's base URL, without the query string, e.g. `/Users/42`. */
  path: string;
  /** The query parameters, minus any credential. */
  query: Record<string, string>;
  /** 0 until the response starts. */
  status: number;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWriteCall(call: RecordedCall): boolean {
  return WRITE_METHODS.has(call.method);
}

/**
 * Records every request in arrival order. The status is filled in when the response is
 * ended rather than on 'finish', so a client that has its answer always finds it recorded.
 */
export function recordCalls(
  calls: RecordedCall[],
  basePath: string,
  secretParams: readonly string[] = [],
): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const url = new URL(req.originalUrl, 'http://peer.invalid');
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (!secretParams.includes(key)) query[key] = value;
    }
    const path = url.pathname.startsWith(basePath)
      ? url.pathname.slice(basePath.length) || '/'
      : url.pathname;
    const call: RecordedCall = { method: req.method, path, query, status: 0 };
    calls.push(call);
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      call.status = res.statusCode;
      // The body parser runs after this middleware; by the time we answer it has run.
      if (req.body !== undefined && !(typeof req.body === 'object' && isEmpty(req.body))) {
        call.body = req.body;
      }
      return end(...args);
    }) as Response['end'];
    next();
  };
}

function isEmpty(body: object): boolean {
  return !Array.isArray(body) && Object.keys(body).length === 0;
}

/** What every fault rule has; each peer adds the fields that pick "its" user. */
export interface FaultRuleBase {
  status: 403 | 429 | 500 | 503;
  /** How many matching write calls fail before the rule is used up. */
  times: number;
  /** Sent as a Retry-After header (seconds), as throttling servers do. */
  retryAfterSeconds?: number;
}

/** Rules queued by failNext; the first matching rule with calls left is used. */
export class FaultQueue<R extends FaultRuleBase> {
  private readonly rules: Array<{ rule: R; left: number }> = [];

  add(rule: R): void {
    if (!Number.isInteger(rule.times) || rule.times < 1) {
      throw new Error(`failNext needs times >= 1, got ${rule.times}`);
    }
    this.rules.push({ rule, left: rule.times });
  }

  /** Consumes one failure of the first rule `matches` accepts. */
  take(matches: (rule: R) => boolean): R | undefined {
    const index = this.rules.findIndex((entry) => entry.left > 0 && matches(entry.rule));
    const entry = this.rules[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.rules.splice(index, 1);
    return entry.rule;
  }

  clear(): void {
    this.rules.length = 0;
  }
}

export function sendFault(res: Response, rule: FaultRuleBase, body: unknown): void {
  if (rule.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(rule.retryAfterSeconds));
  }
  res.status(rule.status).json(body);
}

export interface Listening {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Listens on a free loopback port. close() also drops idle keep-alive sockets (fetch keeps them). */
export async function listenOnLoopback(app: Express): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What a peer's users live in: both peers' stores have this shape. */
export interface PeerStore<U> {
  all(): U[];
  seed(user: Partial<U>): U;
  clear(): void;
}

/** The controls every peer hands its tests: the store, the calls, the faults, the close. */
export interface PeerControls<U, R extends FaultRuleBase> {
  users(): U[];
  seed(users: Partial<U>[]): U[];
  calls: RecordedCall[];
  writeCalls(): RecordedCall[];
  failNext(rule: R): void;
  reset(): void;
  close(): Promise<void>;
}

export function peerControls<U, R extends FaultRuleBase>(
  store: PeerStore<U>,
  calls: RecordedCall[],
  faults: FaultQueue<R>,
  listening: Listening,
): PeerControls<U, R> {
  return {
    users: () => structuredClone(store.all()),
    seed: (users) => users.map((user) => structuredClone(store.seed(user))),
    calls,
    writeCalls: () => calls.filter(isWriteCall),
    failNext: (rule) => faults.add(rule),
    reset: () => {
      store.clear();
      calls.length = 0;
      faults.clear();
    },
    close: () => listening.close(),
  };
}
