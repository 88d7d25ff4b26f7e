import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { FaultQueue, sendFault, type FaultRuleBase, type RecordedCall } from '../http-peer';

/**
 * One employee as the HR fakes keep them; each fake presents it in its own system's
 * shape and names. `hrId` is the system's own ID, `managerHrId` the manager's.
 */
export interface HrPerson {
  hrId: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  mobilePhone: string;
  workPhone: string;
  country: string;
  department: string;
  jobTitle: string;
  language: string;
  hireDate: string;
  /** '' while employed. */
  terminationDate: string;
  status: 'Active' | 'Inactive';
  managerHrId: string;
  /** Custom fields by name ("Cost center"). */
  custom: Record<string, string>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support'];

/**
 * `count` employees, the same every time: employee 1 manages the others, every fifth has
 * left (Inactive, with a termination date).
 */
export function makeHrPeople(count: number, idPrefix?: string): HrPerson[] {
  // HiBob's backend IDs are 19 digits, past what a JS number holds exactly: built as text.
  const hrIdOf = (n: number) =>
    idPrefix ? `${idPrefix}${String(n).padStart(4, '0')}` : String(1000 + n);
  return Array.from({ length: count }, (_, index): HrPerson => {
    const n = index + 1;
    const left = n % 5 === 0;
    const first = FIRST[index % FIRST.length]!;
    const last = `${LAST[Math.floor(index / FIRST.length) % LAST.length]!}${n}`;
    return {
      hrId: hrIdOf(n),
      employeeNumber: `E${String(n).padStart(5, '0')}`,
      firstName: first,
      lastName: last,
      email: `${first}.${last}@example.com`.toLowerCase(),
      mobilePhone: `+3161${String(1000000 + n).slice(-7)}`,
      workPhone: `+3120${String(1000000 + n).slice(-7)}`,
      country: 'NL',
      department: DEPARTMENTS[index % DEPARTMENTS.length]!,
      jobTitle: n === 1 ? 'Director' : 'Engineer',
      language: 'nl',
      hireDate: `20${String(10 + (n % 14)).padStart(2, '0')}-0${1 + (n % 9)}-15`,
      terminationDate: left ? '2026-06-30' : '',
      status: left ? 'Inactive' : 'Active',
      managerHrId: n === 1 ? '' : hrIdOf(1),
      custom: { 'Cost center': `CC${100 + (n % 7)}` },
    };
  });
}

/** A fault on the next matching calls; `path` picks the calls (a prefix), none picks any. */
export interface HrFaultRule extends FaultRuleBase {
  path?: string;
}

/** The controls every HR fake hands its tests. */
export interface HrPeerControls {
  url: string;
  people: HrPerson[];
  calls: RecordedCall[];
  failNext(rule: HrFaultRule): void;
  /** Drops the faults still queued. */
  clearFaults(): void;
  /** Fields the API user may not read, by the canonical names of HrPerson ("department"). */
  restrict(fields: Array<keyof HrPerson | `custom:${string}`>): void;
  /** The fake's own time serving requests since the last resetServing(), for benchmarks. */
  serving(): ServingStats;
  resetServing(): void;
  close(): Promise<void>;
}

/** One route's share of what the fake served (`GET /v2/persons/:id/employments`). */
export interface RouteServing {
  requests: number;
  /** Summed over its requests: arrival (before body parsing and auth) to the last byte written. */
  ms: number;
  bytes: number;
  /** The most requests in flight as one of this route's arrived. */
  maxInFlight: number;
}

export interface ServingStats {
  requests: number;
  /** Summed per request, as RouteServing.ms. */
  ms: number;
  bytes: number;
  /** Wall time with at least one request in flight. */
  busyMs: number;
  /**
   * What a client that costs nothing would have needed at the concurrency it used: each
   * route's summed time divided by the most of its requests in flight at once (1 for a
   * reader that pages one request after the other), summed over the routes.
   */
  servingMs: number;
  byRoute: Record<string, RouteServing>;
}

/**
 * Measures the fake's own time: mount first, before the body parser. A request counts from
 * its arrival to the moment its answer is written out (the socket's 'close' when the client
 * went away first).
 */
export class ServingMeter {
  private routes = new Map<string, RouteServing>();
  private inFlight = 0;
  private busySince = 0;
  private busyMs = 0;

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const start = performance.now();
    if (this.inFlight === 0) this.busySince = start;
    this.inFlight += 1;
    const concurrent = this.inFlight;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const end = performance.now();
      this.inFlight -= 1;
      if (this.inFlight === 0) this.busyMs += end - this.busySince;
      // Express sets req.route for the route that answered; anything else is "other".
      const route = (req as Request & { route?: { path?: string } }).route?.path;
      const key = `${req.method} ${route ?? '(no route)'}`;
      let entry = this.routes.get(key);
      if (!entry) this.routes.set(key, (entry = { requests: 0, ms: 0, bytes: 0, maxInFlight: 0 }));
      entry.requests += 1;
      entry.ms += end - start;
      entry.bytes += Number(res.getHeader('content-length') ?? 0);
      entry.maxInFlight = Math.max(entry.maxInFlight, concurrent);
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  stats(): ServingStats {
    const byRoute = Object.fromEntries([...this.routes].map(([key, entry]) => [key, { ...entry }]));
    const entries = [...this.routes.values()];
    const sum = (pick: (entry: RouteServing) => number) =>
      entries.reduce((total, entry) => total + pick(entry), 0);
    const now = performance.now();
    return {
      requests: sum((entry) => entry.requests),
      ms: sum((entry) => entry.ms),
      bytes: sum((entry) => entry.bytes),
      busyMs: this.busyMs + (this.inFlight > 0 ? now - this.busySince : 0),
      servingMs: sum((entry) => entry.ms / Math.max(1, entry.maxInFlight)),
      byRoute,
    };
  }

  reset(): void {
    this.routes = new Map();
    this.busyMs = 0;
    if (this.inFlight > 0) this.busySince = performance.now();
  }
}

export class HrFaults {
  readonly queue = new FaultQueue<HrFaultRule>();

  /** Sends the next fault for this request, if one is queued; says whether it did. */
  sent(req: Request, res: import('express').Response, body: unknown): boolean {
    const rule = this.queue.take(
      (candidate) => !candidate.path || req.path.startsWith(candidate.path),
    );
    if (!rule) return false;
    sendFault(res, rule, body);
    return true;
  }
}

/** The user name and password of a basic Authorization header, if it is one. */
export function basicCredentials(req: Request): { user: string; password: string } | undefined {
  const header = req.header('authorization') ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
