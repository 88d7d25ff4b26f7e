import { randomBytes } from 'node:crypto';
import express from 'express';
import { listenOnLoopback, recordCalls, type RecordedCall } from '../http-peer';
import { HrFaults, ServingMeter, type HrPeerControls, type HrPerson } from './hr-people';

/**
 * Personio as its documentation describes it:
 * - `POST /v2/auth/token`, client credentials grant, form-encoded only
 *   (https://developer.personio.de/reference/post_v2-auth-token), a token that lasts 24 h
 *   (https://developer.personio.de/reference/auth); a revoked or expired token gets 401;
 * - `GET /v2/persons` and `GET /v2/persons/{id}/employments`, `limit` 1 to 50 (default 10),
 *   cursor paging through `_meta.links.next.href`, persons carrying only their employments'
 *   IDs, employments most recent first
 *   (https://developer.personio.de/reference/get_v2-persons,
 *   https://developer.personio.de/reference/get_v2-persons-person-id-employments);
 * - v1: `POST /v1/auth` with the credentials in the body, `GET /v1/company/employees` with
 *   `limit` and `offset`, attributes as `{label, value}`, only the attributes allowed to
 *   the credentials (https://github.com/personio/api-docs/blob/master/personio-personnel-data-api-oa3.yaml);
 * - 429 with Retry-After when the rate limit is hit (the per-person fan-out hits it:
 *   https://developer.personio.de/discuss/67efa67b353ba300697c52f6).
 */
export interface PersonioPeer extends HrPeerControls {
  clientId: string;
  clientSecret: string;
  /** Tokens issued so far (each a 24-hour stable token). */
  tokensIssued(): number;
  /** Every issued token stops working: the next call answers 401, as with an expired one. */
  expireTokens(): void;
  /** false: the credentials have no v2 access (403 on v2, v1 still works). */
  setV2Access(allowed: boolean): void;
  /** Tokens expire once this many more calls have been answered (the next one gets 401). */
  expireTokensAfter(calls: number): void;
  /** The most employment requests that were in flight at once (since the last reset). */
  maxInFlight(): number;
  resetMaxInFlight(): void;
}

const DAY_SECONDS = 86_400;

export async function startPersonio(people: HrPerson[] = []): Promise<PersonioPeer> {
  const clientId = `papi-client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('hex');
  const calls: RecordedCall[] = [];
  const faults = new HrFaults();
  const valid = new Set<string>();
  const state = {
    people,
    restricted: new Set<string>(),
    v2: true,
    issued: 0,
    inFlight: 0,
    maxInFlight: 0,
    expireIn: -1,
  };

  const meter = new ServingMeter();
  const app = express();
  app.use(meter.middleware);
  app.use(recordCalls(calls, ''));
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    if (!faults.sent(req, res, { type: 'about:blank', title: 'Too many requests', status: 429 }))
      next();
  });

  app.post('/v2/auth/token', (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      res
        .status(400)
        .json({ error: 'invalid_request', error_description: 'form-encoded body required' });
      return;
    }
    const form = req.body as Record<string, string>;
    if (form.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      res
        .status(401)
        .json({ error: 'invalid_client', error_description: 'Client authentication failed' });
      return;
    }
    res.json({
      access_token: issue(),
      token_type: 'Bearer',
      expires_in: DAY_SECONDS,
      scope: 'personio:persons:read',
    });
  });
  app.post('/v1/auth', (req, res) => {
    const body = req.body as Record<string, string>;
    if (body.client_id !== clientId || body.client_secret !== clientSecret) {
      res.status(401).json({ success: false, error: { code: 0, message: 'Wrong credentials' } });
      return;
    }
    res.json({ success: true, data: { token: issue(), expires_in: DAY_SECONDS } });
  });
  function issue(): string {
    const token = `papi-${randomBytes(16).toString('hex')}`;
    valid.add(token);
    state.issued += 1;
    return token;
  }
  app.use((req, res, next) => {
    if (state.expireIn === 0) valid.clear();
    if (state.expireIn >= 0) state.expireIn -= 1;
    const token = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!token || !valid.has(token)) {
      res
        .status(401)
        .type('application/problem+json')
        .send(JSON.stringify({ title: 'Unauthorized', status: 401 }));
      return;
    }
    next();
  });
  app.use('/v2', (_req, res, next) => {
    if (state.v2) next();
    else
      res
        .status(403)
        .type('application/problem+json')
        .send(JSON.stringify({ title: 'Forbidden', status: 403, detail: 'insufficient scope' }));
  });

  app.get('/v2/persons', (req, res) => {
    const paged = page(req, res, state.people);
    if (!paged) return;
    res.json({
      _data: paged.items.map((person) => presentPerson(person, state.restricted)),
      _meta: links(req, paged.next),
    });
  });
  app.get('/v2/persons/:id/employments', async (req, res) => {
    const person = personById(req.params.id);
    if (!person) {
      res
        .status(404)
        .type('application/problem+json')
        .send(JSON.stringify({ title: 'Not Found', status: 404 }));
      return;
    }
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    // A moment of work, so that concurrent requests overlap as they would for real.
    await new Promise((resolve) => setTimeout(resolve, 2));
    state.inFlight -= 1;
    const paged = page(req, res, [person]);
    if (!paged) return;
    res.json({
      _data: paged.items.map((one) => presentEmployment(one, state.restricted)),
      _meta: links(req, paged.next),
    });
  });

  app.get('/v1/company/employees', (req, res) => {
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 10)));
    const offset = Math.max(0, Number(req.query.offset ?? 0));
    const slice = state.people.slice(offset, offset + limit);
    res.json({
      success: true,
      metadata: {
        total_elements: state.people.length,
        current_page: Math.floor(offset / limit),
        total_pages: Math.ceil(state.people.length / limit),
      },
      offset,
      limit,
      data: slice.map((person) => ({
        type: 'Employee',
        attributes: presentV1(person, state.restricted),
      })),
    });
  });
  app.use((_req, res) => {
    res.status(404).json({ title: 'Not Found' });
  });
  const listening = await listenOnLoopback(app);

  /**
   * The person with this ID, from an index as a real server's database has one (a scan of
   * 100,000 people per employment request would make the fake, not the reader, the cost).
   * Rebuilt when the list is replaced or grows or shrinks; a hit is checked, a miss scanned.
   */
  let index: { of: HrPerson[]; length: number; byId: Map<string, HrPerson> } | undefined;
  function personById(id: string): HrPerson | undefined {
    if (index?.of !== state.people || index.length !== state.people.length) {
      index = {
        of: state.people,
        length: state.people.length,
        byId: new Map(state.people.map((person) => [person.hrId, person])),
      };
    }
    const hit = index.byId.get(id);
    if (hit?.hrId === id) return hit;
    return state.people.find((candidate) => candidate.hrId === id);
  }

  /** `limit` 1..50 (default 10) and an opaque cursor that is the offset, as base64. */
  function page<T>(
    req: express.Request,
    res: express.Response,
    all: T[],
  ): { items: T[]; next?: string } | undefined {
    const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      res
        .status(400)
        .type('application/problem+json')
        .send(
          JSON.stringify({ title: 'Bad Request', status: 400, detail: 'limit must be 1 to 50' }),
        );
      return undefined;
    }
    const offset = req.query.cursor
      ? Number(Buffer.from(String(req.query.cursor), 'base64url').toString())
      : 0;
    const items = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    return {
      items,
      ...(more ? { next: Buffer.from(String(offset + limit)).toString('base64url') } : {}),
    };
  }
  function links(req: express.Request, cursor: string | undefined): unknown {
    const path = `${listening.origin}${req.path}`;
    return {
      links: {
        self: { href: `${path}?limit=${String(req.query.limit ?? 10)}` },
        ...(cursor
          ? { next: { href: `${path}?cursor=${cursor}&limit=${String(req.query.limit ?? 10)}` } }
          : {}),
      },
    };
  }

  return {
    url: listening.origin,
    clientId,
    clientSecret,
    get people() {
      return state.people;
    },
    set people(value: HrPerson[]) {
      state.people = value;
    },
    calls,
    failNext: (rule) => faults.queue.add(rule),
    clearFaults: () => faults.queue.clear(),
    restrict: (fields) => {
      state.restricted = new Set(fields);
    },
    tokensIssued: () => state.issued,
    expireTokens: () => valid.clear(),
    setV2Access: (allowed) => {
      state.v2 = allowed;
    },
    expireTokensAfter: (count) => {
      state.expireIn = count;
    },
    maxInFlight: () => state.maxInFlight,
    resetMaxInFlight: () => {
      state.maxInFlight = 0;
    },
    serving: () => meter.stats(),
    resetServing: () => meter.reset(),
    close: () => listening.close(),
  };
}

/** A v2 person: fields the credentials may not read are left out, not emptied. */
function presentPerson(person: HrPerson, restricted: Set<string>): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    id: person.hrId,
    first_name: person.firstName,
    last_name: person.lastName,
    email: person.email,
    language_code: person.language,
    // "custom_attributes do not have labels" (https://developer.personio.de/discuss?page=17&perPage=10).
    custom_attributes: Object.entries(person.custom)
      .filter(([name]) => !restricted.has(`custom:${name}`))
      .map(([name, value]) => ({ id: attributeId(name), type: 'string', value })),
    employments: [{ id: `emp-${person.hrId}` }],
    _meta: { links: { employments: { href: `/v2/persons/${person.hrId}/employments` } } },
  };
  if (restricted.has('email')) delete shown.email;
  if (restricted.has('language')) delete shown.language_code;
  return shown;
}

function presentEmployment(person: HrPerson, restricted: Set<string>): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    id: `emp-${person.hrId}`,
    person: { id: person.hrId },
    status: person.status.toUpperCase(),
    start_date: person.hireDate,
    termination_date: person.terminationDate === '' ? null : person.terminationDate,
    position: { title: person.jobTitle },
    supervisor: person.managerHrId ? { id: person.managerHrId } : null,
    org_units: [{ type: 'department', id: `dep-${person.department}`, name: person.department }],
  };
  if (restricted.has('terminationDate')) delete shown.termination_date;
  if (restricted.has('department')) delete shown.org_units;
  if (restricted.has('jobTitle')) delete shown.position;
  return shown;
}

function presentV1(person: HrPerson, restricted: Set<string>): Record<string, unknown> {
  const attribute = (label: string, value: unknown, universal: string | null) => ({
    label,
    value,
    type: 'standard',
    universal_id: universal,
  });
  const shown: Record<string, unknown> = {
    id: attribute('ID', Number(person.hrId), 'id'),
    first_name: attribute('First name', person.firstName, 'first_name'),
    last_name: attribute('Last name', person.lastName, 'last_name'),
    email: attribute('Email', person.email, 'email'),
    status: attribute('Status', person.status.toLowerCase(), 'status'),
    position: attribute('Position', person.jobTitle, 'position'),
    department: attribute(
      'Department',
      { type: 'Department', attributes: { id: 1, name: person.department } },
      'department',
    ),
    supervisor: attribute(
      'Supervisor',
      person.managerHrId
        ? {
            type: 'Employee',
            attributes: { id: { label: 'ID', value: Number(person.managerHrId) } },
          }
        : null,
      'supervisor',
    ),
    hire_date: attribute('Hire date', `${person.hireDate}T00:00:00+01:00`, 'hire_date'),
    termination_date: attribute(
      'Termination date',
      person.terminationDate ? `${person.terminationDate}T00:00:00+02:00` : null,
      'termination_date',
    ),
  };
  for (const [name, value] of Object.entries(person.custom)) {
    if (!restricted.has(`custom:${name}`)) shown[attributeId(name)] = attribute(name, value, null);
  }
  if (restricted.has('email')) delete shown.email;
  if (restricted.has('terminationDate')) delete shown.termination_date;
  if (restricted.has('department')) delete shown.department;
  return shown;
}

/** Personio's custom attributes have IDs like dynamic_24407. */
export function attributeId(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 100_000;
  return `dynamic_${hash}`;
}
