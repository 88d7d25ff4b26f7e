import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
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
import {
  emptyUser,
  presentListedUser,
  presentUser,
  readBody,
  type RestErrors,
  type RestUserRecord,
} from './rest-users';

export type { RestUserRecord } from './rest-users';

/**
 * A small employee platform in the shape of Springest's user import API
 * (/work/shared/seeds/003_0db898c2757d6309.txt), exactly as the seed documents it: one POST
 * that upserts (matched on external_id, then e-mail; every field sent overrides the stored
 * one, empty ones too; an unknown field is a 400) and a GET by external_id that returns only
 * id, external_id, user_email, active and learning_track_status. No list, unless asked for.
 */
export interface RestPlatformOptions {
  /** Where the key goes: `?api_key=` as Springest documents (default), or an X-Api-Key header. */
  apiKeyIn?: 'query' | 'header';
  /** Also answer GET /users.json without external_id with a paged list (not in the seed). */
  list?: boolean | { ignorePage?: boolean };
  /** Also answer GET /users.json?email= like the lookup by external_id (not in the seed). */
  lookupByEmail?: boolean;
}

export interface RestFaultRule extends FaultRuleBase {
  externalId?: string;
  email?: string;
}

/** `calls` holds every request in arrival order; the api_key is never recorded. */
export interface RestPeer extends PeerControls<RestUserRecord, RestFaultRule> {
  /** Origin, e.g. http://127.0.0.1:PORT; the endpoint is `${url}/users.json`. */
  url: string;
  apiKey: string;
  apiKeyIn: 'query' | 'header';
  /** The next `times` POSTs whose body names this external_id or e-mail fail (a rule naming neither fails any POST). */
  failNext(rule: RestFaultRule): void;
}

const PER_PAGE_MAX = 100;

export async function startRestPlatform(options: RestPlatformOptions = {}): Promise<RestPeer> {
  const apiKeyIn = options.apiKeyIn ?? 'query';
  const apiKey = randomBytes(16).toString('hex');
  const table = new UserTable();
  const calls: RecordedCall[] = [];
  const faults = new FaultQueue<RestFaultRule>();

  const app = express();
  app.use(recordCalls(calls, '', ['api_key']));
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const given = apiKeyIn === 'query' ? req.query.api_key : req.header('x-api-key');
    if (given !== apiKey) res.status(401).json({ error: 'Invalid or missing API key' });
    else next();
  });
  app.post('/users.json', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rule = faults.take((candidate) => faultConcerns(candidate, body));
    if (rule) {
      sendFault(res, rule, { errors: { base: [`Injected ${rule.status}`] } });
      return;
    }
    const read = readBody(body);
    if ('errors' in read) {
      res.status(400).json({ errors: read.errors });
      return;
    }
    const outcome = table.upsert(read.fields);
    if ('errors' in outcome) res.status(400).json({ errors: outcome.errors });
    else res.status(outcome.created ? 201 : 200).json({ id: outcome.user.id });
  });
  app.get('/users.json', (req, res) => {
    const externalId = req.query.external_id;
    const email = options.lookupByEmail ? req.query.email : undefined;
    if (typeof externalId === 'string' || typeof email === 'string') {
      const user =
        typeof externalId === 'string'
          ? table.byExternalId(externalId)
          : table.byEmail(String(email));
      if (user) res.json(presentUser(user));
      else res.status(404).json({ error: 'User not found' });
      return;
    }
    if (!options.list) {
      res.status(400).json({ errors: { external_id: ['is a required parameter'] } });
      return;
    }
    const ignorePage = typeof options.list === 'object' && options.list.ignorePage === true;
    const page = ignorePage ? 1 : Math.max(1, toInteger(req.query.page) ?? 1);
    const perPage = Math.min(PER_PAGE_MAX, Math.max(1, toInteger(req.query.per_page) ?? 100));
    const all = table.all();
    const users = all.slice((page - 1) * perPage, page * perPage).map(presentListedUser);
    // An API that ignores the page parameter gives no total either.
    if (ignorePage) res.json({ users });
    else res.json({ users, page, per_page: perPage, total: all.length });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use(
    (
      error: { status?: number; message?: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (res.headersSent) next(error);
      else res.status(error.status ?? 500).json({ errors: { base: [error.message ?? 'error'] } });
    },
  );
  const listening = await listenOnLoopback(app);

  return {
    url: listening.origin,
    apiKey,
    apiKeyIn,
    ...peerControls(table, calls, faults, listening),
  };
}

function faultConcerns(rule: RestFaultRule, body: Record<string, unknown>): boolean {
  if (rule.externalId === undefined && rule.email === undefined) return true;
  if (rule.externalId !== undefined && String(body.external_id ?? '') === rule.externalId) {
    return true;
  }
  return (
    rule.email !== undefined &&
    typeof body.email === 'string' &&
    body.email.toLowerCase() === rule.email.toLowerCase()
  );
}

function toInteger(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

type Upsert = { user: RestUserRecord; created: boolean } | { errors: RestErrors };

class UserTable {
  private readonly users: RestUserRecord[] = [];
  private nextId = 1001;

  all(): RestUserRecord[] {
    return this.users;
  }

  byExternalId(externalId: string): RestUserRecord | undefined {
    return this.users.find((user) => user.external_id === externalId);
  }

  byEmail(email: string): RestUserRecord | undefined {
    const wanted = email.toLowerCase();
    return this.users.find((user) => user.email?.toLowerCase() === wanted);
  }

  /** "If you include both, precedence will be given to external_id"; e-mail is the fallback. */
  upsert(fields: Partial<RestUserRecord>): Upsert {
    const existing =
      (fields.external_id ? this.byExternalId(fields.external_id) : undefined) ??
      (fields.email ? this.byEmail(fields.email) : undefined);
    const now = new Date().toISOString();
    const next: RestUserRecord = {
      ...(existing ?? emptyUser(this.freeId(), now)),
      ...fields,
      updated_at: now,
    };
    // The seed marks both email and external_id "yes*": either one identifies a user, so a
    // user may be created without an e-mail (an employee without a company address).
    const errors = this.conflicts(next);
    if (Object.keys(errors).length > 0) return { errors };
    if (existing) Object.assign(existing, next);
    else this.users.push(next);
    return { user: existing ?? next, created: !existing };
  }

  private conflicts(user: RestUserRecord): RestErrors {
    const errors: RestErrors = {};
    const others = this.users.filter((other) => other.id !== user.id);
    if (user.external_id && others.some((other) => other.external_id === user.external_id)) {
      errors.external_id = ['has already been taken'];
    }
    const email = user.email?.toLowerCase();
    if (email && others.some((other) => other.email?.toLowerCase() === email)) {
      errors.email = ['has already been taken'];
    }
    return errors;
  }

  seed(user: Partial<RestUserRecord>): RestUserRecord {
    const now = new Date().toISOString();
    const record: RestUserRecord = {
      ...emptyUser(user.id ?? this.freeId(), now),
      ...structuredClone(user),
    };
    this.users.push(record);
    return record;
  }

  clear(): void {
    this.users.length = 0;
  }

  /** Numeric ids like the real platform's; seeded users may have taken some. */
  private freeId(): string {
    while (this.users.some((user) => user.id === String(this.nextId))) this.nextId += 1;
    return String(this.nextId);
  }
}
