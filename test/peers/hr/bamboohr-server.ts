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
 * BambooHR as its documentation describes it, for one company domain:
 * - basic auth with the API key as user name and any password
 *   (https://documentation.bamboohr.com/docs/getting-started), 401 otherwise
 *   (https://documentation.bamboohr.com/docs/api-details: "401 Unauthorized: Your API key is missing");
 * - `POST /api/v2/datasets/employee/data` with `fields`, an OData `filter`, `page` and
 *   `pageSize` in the body, answering `data[].fields`, `links.next` and `meta`
 *   (https://documentation.bamboohr.com/reference/get-data-from-dataset-v2);
 * - `POST /api/v1/reports/custom?format=JSON` with `fields`, answering `employees`
 *   (https://documentation.bamboohr.com/reference/request-custom-report-1);
 * - 429 with Retry-After for rate limits and 503 when unavailable
 *   (https://documentation.bamboohr.com/docs/planned-changes-to-the-api).
 */
export interface BambooHrPeer extends HrPeerControls {
  apiKey: string;
  companyDomain: string;
  /** The URL the reader is given as base URL (the fake stands in for acme.bamboohr.com). */
  baseUrl: string;
}

export async function startBambooHr(people: HrPerson[] = []): Promise<BambooHrPeer> {
  const apiKey = randomBytes(20).toString('hex');
  const calls: RecordedCall[] = [];
  const faults = new HrFaults();
  const state = { people, restricted: new Set<string>() };

  const meter = new ServingMeter();
  const app = express();
  app.use(meter.middleware);
  app.use(recordCalls(calls, ''));
  app.use(express.json());
  app.use((req, res, next) => {
    // "Any random string as the password": only the user name is the key.
    if (basicCredentials(req)?.user !== apiKey) {
      res.status(401).type('text/plain').send('Unauthorized');
      return;
    }
    next();
  });
  app.use((req, res, next) => {
    if (!faults.sent(req, res, { title: 'Too Many Requests or Service Unavailable' })) next();
  });

  app.post('/api/v2/datasets/employee/data', (req, res) => {
    const body = (req.body ?? {}) as {
      fields?: unknown;
      filter?: unknown;
      page?: unknown;
      pageSize?: unknown;
    };
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : [];
    const page = body.page === undefined ? 1 : Number(body.page);
    // "pageSize defaults to 100 (maximum 1000)".
    const pageSize = body.pageSize === undefined ? 100 : Number(body.pageSize);
    if (
      fields.length === 0 ||
      !Number.isInteger(page) ||
      page < 1 ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > 1000
    ) {
      problem(
        res,
        400,
        'Bad Request',
        'fields must be a non-empty list; page >= 1; pageSize 1 to 1000',
      );
      return;
    }
    // "Callers without permission to a requested field receive an error from the semantic
    // layer rather than silent omission of the field from rows." The doc gives no shape:
    // a 403 problem+json whose detail names the fields is this fake's.
    const refused = fields.filter((field) => state.restricted.has(DATASET_NAMES[field] ?? ''));
    if (refused.length > 0) {
      problem(res, 403, 'Forbidden', `The caller may not read these fields: ${refused.join(', ')}`);
      return;
    }
    const statuses = statusFilter(body.filter);
    if (statuses === 'invalid') {
      problem(res, 422, 'Unprocessable Entity', 'INVALID_FILTER');
      return;
    }
    const matching = state.people.filter((person) => !statuses || statuses.includes(person.status));
    const rows = matching.slice((page - 1) * pageSize, page * pageSize);
    const totalPages = Math.ceil(matching.length / pageSize);
    const self = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    res.json({
      data: rows.map((person) => ({
        fields: Object.fromEntries(fields.map((field) => [field, datasetValue(person, field)])),
      })),
      // "links.next is present when more pages exist; links.prev is present when not on the first page."
      links: {
        ...(page < totalPages ? { next: `${self}?page=${page + 1}` } : {}),
        ...(page > 1 ? { prev: `${self}?page=${page - 1}` } : {}),
      },
      meta: { page, pageSize, totalPages, totalItems: matching.length },
    });
  });

  app.post('/api/v1/reports/custom', (req, res) => {
    const fields = Array.isArray((req.body as { fields?: unknown })?.fields)
      ? (req.body as { fields: unknown[] }).fields.map(String)
      : [];
    // The report's legacy behaviour (airbyte #15170): a field the user may not see comes
    // back empty in every row, with 200.
    res.json({
      title: String((req.body as { title?: unknown })?.title ?? 'report'),
      fields: fields.map((field) => ({ id: field, type: 'text', name: field })),
      employees: state.people.map((person) => ({
        id: person.hrId,
        ...Object.fromEntries(
          fields.map((field) => {
            const name = REPORT_NAMES[field];
            return [field, name && state.restricted.has(name) ? null : reportValue(person, field)];
          }),
        ),
      })),
    });
  });
  app.use((_req, res) => problem(res, 404, 'Not Found', 'no such resource'));
  const listening = await listenOnLoopback(app);
  return {
    url: listening.origin,
    baseUrl: listening.origin,
    apiKey,
    companyDomain: 'acme',
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
    serving: () => meter.stats(),
    resetServing: () => meter.reset(),
    close: () => listening.close(),
  };
}

/** Dataset field → the HrPerson field it shows. */
const DATASET_NAMES: Record<string, string> = {
  eeid: 'hrId',
  employeeNumber: 'employeeNumber',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  mobilePhone: 'mobilePhone',
  workPhone: 'workPhone',
  country: 'country',
  jobInformationDepartment: 'department',
  jobInformationJobTitle: 'jobTitle',
  hireDate: 'hireDate',
  terminationDate: 'terminationDate',
  supervisorEid: 'managerHrId',
  status: 'status',
};

const REPORT_NAMES: Record<string, string> = {
  employeeNumber: 'employeeNumber',
  firstName: 'firstName',
  lastName: 'lastName',
  workEmail: 'email',
  mobilePhone: 'mobilePhone',
  workPhone: 'workPhone',
  country: 'country',
  department: 'department',
  jobTitle: 'jobTitle',
  hireDate: 'hireDate',
  terminationDate: 'terminationDate',
  supervisorEId: 'managerHrId',
  status: 'status',
};

function datasetValue(person: HrPerson, field: string): unknown {
  const name = DATASET_NAMES[field] as keyof HrPerson | undefined;
  if (!name) return person.custom[field] ?? null;
  const value = person[name];
  return value === '' ? null : value;
}

/** The employee endpoints write a missing date as 0000-00-00. */
function reportValue(person: HrPerson, field: string): unknown {
  const name = REPORT_NAMES[field] as keyof HrPerson | undefined;
  if (!name) return person.custom[field] ?? null;
  if (name === 'terminationDate' && person.terminationDate === '') return '0000-00-00';
  return person[name];
}

/** `status in ('Active','Inactive')` or `status eq 'Active'`; undefined = no filter. */
function statusFilter(filter: unknown): string[] | undefined | 'invalid' {
  if (filter === undefined || filter === null || filter === '') return undefined;
  const text = String(filter).trim();
  const list = /^status\s+in\s*\(([^)]*)\)$/i.exec(text);
  if (list) return [...list[1]!.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const one = /^status\s+eq\s+'([^']*)'$/i.exec(text);
  if (one) return [one[1]!];
  return 'invalid';
}

/** "Errors follow RFC 7807 (application/problem+json)". */
function problem(res: express.Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
