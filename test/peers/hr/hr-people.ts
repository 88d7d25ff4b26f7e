import type { Request } from 'express';
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
  close(): Promise<void>;
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
