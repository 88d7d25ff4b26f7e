import { randomBytes } from 'node:crypto';
import express from 'express';
import { listenOnLoopback, recordCalls, type RecordedCall } from '../http-peer';
import {
  HrFaults,
  ServingMeter,
  basicCredentials,
  type HrPeerControls,
  type HrPerson,
} from './hr-people';

/**
 * HiBob's people search as its documentation describes it:
 * - basic auth with the service user's ID and token (https://apidocs.hibob.com/docs/api-service-users), 401 otherwise;
 * - `POST /v1/people/search` with `fields` (at most 400), `showInactive` (default false:
 *   active only), `humanReadable`, and at most one filter; an empty `filters` is a 400;
 *   every matching employee in one `employees` array, no paging; fields the service user
 *   may not read are left out silently, with 200
 *   (https://apidocs.hibob.com/docs/people-read-api-contract);
 * - answer keys in slash notation (`/work/department: {value}`) beside nested category
 *   objects (https://apidocs.hibob.com/reference/post_people-search);
 * - list fields as item IDs, their names in the `humanReadable` node when APPEND is asked
 *   (https://apidocs.hibob.com/docs/how-to-work-with-lists-public-api);
 * - 50 searches a minute, then 429 with the X-RateLimit-* headers
 *   (https://apidocs.hibob.com/docs/rate-limit).
 */
export interface HiBobPeer extends HrPeerControls {
  serviceUserId: string;
  token: string;
  /** Moves the fake's clock (the rate-limit window), in ms since the epoch. */
  setNow(ms: number): void;
}

const PER_MINUTE = 50;
const MAX_FIELDS = 400;

/** Field ID → the HrPerson field it shows, and the permission category it belongs to. */
const FIELDS: Record<string, { from: keyof HrPerson; category: string; list?: boolean }> = {
  'root.id': { from: 'hrId', category: 'root' },
  'root.firstName': { from: 'firstName', category: 'root' },
  'root.surname': { from: 'lastName', category: 'root' },
  'root.email': { from: 'email', category: 'root' },
  'work.employeeIdInCompany': { from: 'employeeNumber', category: 'work' },
  'work.mobile': { from: 'mobilePhone', category: 'work' },
  'work.workPhone': { from: 'workPhone', category: 'work' },
  'address.country': { from: 'country', category: 'address', list: true },
  'work.department': { from: 'department', category: 'work', list: true },
  'work.title': { from: 'jobTitle', category: 'work', list: true },
  'work.startDate': { from: 'hireDate', category: 'work' },
  'work.reportsTo': { from: 'managerHrId', category: 'work' },
  'internal.terminationDate': { from: 'terminationDate', category: 'internal' },
  'internal.status': { from: 'status', category: 'internal' },
};

export async function startHiBob(people: HrPerson[] = []): Promise<HiBobPeer> {
  const serviceUserId = `SERVICE-${randomBytes(3).toString('hex').toUpperCase()}`;
  const token = randomBytes(20).toString('base64url');
  const calls: RecordedCall[] = [];
  const faults = new HrFaults();
  const state = { people, restricted: new Set<string>(), now: Date.now(), window: 0, used: 0 };

  const meter = new ServingMeter();
  const app = express();
  app.use(meter.middleware);
  app.use(recordCalls(calls, ''));
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const given = basicCredentials(req);
    if (given?.user !== serviceUserId || given.password !== token) {
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    next();
  });
  app.use((req, res, next) => {
    const window = Math.floor(state.now / 60_000);
    if (window !== state.window) {
      state.window = window;
      state.used = 0;
    }
    state.used += 1;
    res.setHeader('X-RateLimit-Limit', String(PER_MINUTE));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, PER_MINUTE - state.used)));
    res.setHeader('X-RateLimit-Reset', String((window + 1) * 60));
    if (state.used > PER_MINUTE) {
      res.status(429).json({ error: 'Too Many Requests' });
      return;
    }
    if (!faults.sent(req, res, { error: 'Injected' })) next();
  });

  app.post('/v1/people/search', (req, res) => {
    const body = (req.body ?? {}) as {
      fields?: unknown;
      showInactive?: unknown;
      humanReadable?: unknown;
      filters?: unknown;
    };
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : Object.keys(FIELDS);
    if (fields.length > MAX_FIELDS || (Array.isArray(body.filters) && body.filters.length !== 1)) {
      res
        .status(400)
        .json({ error: 'Bad request: at most 400 fields and exactly one filter when filtering' });
      return;
    }
    const showInactive = body.showInactive === true;
    const append = body.humanReadable === 'APPEND';
    const employees = state.people
      .filter((person) => showInactive || person.status === 'Active')
      .map((person) => present(person, fields, state.restricted, append));
    res.json({ employees });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  const listening = await listenOnLoopback(app);
  return {
    url: listening.origin,
    serviceUserId,
    token,
    get people() {
      return state.people;
    },
    set people(value: HrPerson[]) {
      state.people = value;
    },
    calls,
    failNext: (rule) => faults.queue.add(rule),
    clearFaults: () => faults.queue.clear(),
    restrict: (restricted) => {
      state.restricted = new Set(restricted);
    },
    setNow: (ms) => {
      state.now = ms;
    },
    serving: () => meter.stats(),
    resetServing: () => meter.reset(),
    close: () => listening.close(),
  };
}

/** One employee with the readable requested fields, in slash notation and nested. */
function present(
  person: HrPerson,
  fields: string[],
  restricted: Set<string>,
  append: boolean,
): Record<string, unknown> {
  const employee: Record<string, unknown> = { id: person.hrId };
  const readable: Record<string, unknown> = {};
  for (const field of fields) {
    const spec = FIELDS[field];
    // Unknown field IDs and fields without permission are both "omitted (200 OK, no warning)".
    if (!spec || restricted.has(spec.from)) continue;
    const raw = person[spec.from];
    let value: unknown = raw === '' ? null : raw;
    if (field === 'work.reportsTo')
      value = raw ? { id: raw, email: `manager-of-${person.hrId}@example.com` } : null;
    // List fields answer their item ID in machine format; the name goes to humanReadable.
    const machine = spec.list && typeof value === 'string' ? `list-${value.toLowerCase()}` : value;
    employee[`/${field.split('.').join('/')}`] = { value: machine };
    nest(employee, field, machine);
    if (spec.list) nest(readable, field, value);
  }
  if (append) employee.humanReadable = readable;
  return employee;
}

function nest(target: Record<string, unknown>, field: string, value: unknown): void {
  const [category, ...rest] = field.split('.');
  if (category === 'root') {
    target[rest.join('.')] = value;
    return;
  }
  const group = (target[category!] ??= {}) as Record<string, unknown>;
  group[rest.join('.')] = value;
}
