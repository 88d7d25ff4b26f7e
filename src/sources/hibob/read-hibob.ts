import type { HttpClient, HttpResponse } from '../../http/http-client';
import { resolveFieldMap, type RawEmployee } from '../hr-systems/field-mapping';
import type {
  FieldReport,
  HrFieldMap,
  HrFieldMapOverride,
  HrSystemRead,
} from '../hr-systems/hr-read';
import { baseUrlOf, hrCall, hrTransport, type HrTransportOptions } from '../hr-systems/hr-call';
import { finishRead } from '../hr-systems/finish-read';
import { jsonArrayItems } from '../hr-systems/json-items';
import {
  HIBOB_FIELDS,
  HIBOB_ID_FIELD,
  HIBOB_MANAGER_FIELD,
  prefersHumanReadable,
} from './hibob-fields';

export interface HiBobReadOptions extends HrTransportOptions {
  /** https://api.sandbox.hibob.com for the sandbox, or a proxy; default https://api.hibob.com. */
  baseUrl?: string;
  fieldMap?: HrFieldMapOverride;
  /** Leavers too (default): "Default false — Active employees only". */
  showInactive?: boolean;
  previous?: FieldReport;
  /** For X-RateLimit-Reset; injected in tests. */
  now?: () => number;
}

export const HIBOB_LABEL = 'HiBob';
export const HIBOB_DEFAULT_BASE_URL = 'https://api.hibob.com';

/**
 * Reads every employee, leavers included, from HiBob's people search: one request, one
 * answer with all of them ("no pagination": https://apidocs.hibob.com/docs/people-read-api-contract),
 * read from its bytes one employee at a time. The HttpClient carries the service user's
 * basic auth (see hiBobAuthorization).
 */
export async function readHiBobEmployees(
  http: HttpClient,
  options: HiBobReadOptions = {},
): Promise<HrSystemRead> {
  const transport = hrTransport(http, HIBOB_LABEL, options);
  const base = baseUrlOf(options.baseUrl, HIBOB_DEFAULT_BASE_URL);
  const fieldMap = resolveFieldMap(HIBOB_FIELDS, options.fieldMap);
  const fields = [
    HIBOB_ID_FIELD,
    ...Object.keys(fieldMap).filter((field) => field !== HIBOB_ID_FIELD),
  ];
  const now = options.now ?? Date.now;
  const response = await hrCall(
    transport,
    () => ({
      method: 'POST',
      url: `${base}/v1/people/search`,
      body: { fields, showInactive: options.showInactive ?? true, humanReadable: 'APPEND' },
      responseType: 'buffer',
    }),
    (answer) => rateLimitReset(answer, now),
  );
  const employees: RawEmployee[] = [];
  for (const item of jsonArrayItems(bodyBytes(response), 'employees')) {
    employees.push(toRawEmployee(item as Record<string, unknown>, fieldMap));
  }
  return finishRead(transport, employees, {
    fieldMap,
    fieldsRequested: fields,
    managerRefField: HIBOB_MANAGER_FIELD,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

function bodyBytes(response: HttpResponse): Buffer {
  if (Buffer.isBuffer(response.body)) return response.body;
  return Buffer.from(
    typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {}),
  );
}

/**
 * A 429 without Retry-After still says when the window resets: X-RateLimit-Reset, in epoch
 * seconds (https://apidocs.hibob.com/docs/rate-limit).
 */
function rateLimitReset(response: HttpResponse, now: () => number): number | undefined {
  if (response.status !== 429) return undefined;
  const reset = Number(response.headers['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.max(0, reset * 1000 - now());
}

function toRawEmployee(employee: Record<string, unknown>, fieldMap: HrFieldMap): RawEmployee {
  const values: Record<string, unknown> = {};
  for (const [field, target] of Object.entries(fieldMap)) {
    let value = fieldValue(employee, field);
    if (value !== undefined && value !== null && prefersHumanReadable(target)) {
      const shown = fieldValue(employee.humanReadable, field);
      if (shown !== undefined && shown !== null && shown !== '') value = shown;
    }
    values[field] = field === HIBOB_MANAGER_FIELD ? referenceId(value) : value;
  }
  return { hrId: String(fieldValue(employee, HIBOB_ID_FIELD) ?? ''), values };
}

/**
 * A field in the answer: the slash-notation key (`/work/department` → `{value}`), else the
 * nested category object (`work.department`). "Response field keys — Slash notation ...
 * The same employee may also include nested category objects" (post_people-search).
 */
export function fieldValue(employee: unknown, field: string): unknown {
  if (employee === null || typeof employee !== 'object') return undefined;
  const record = employee as Record<string, unknown>;
  const slash = record[`/${field.split('.').join('/')}`];
  if (slash !== undefined) {
    return slash !== null && typeof slash === 'object' && 'value' in slash
      ? (slash as { value: unknown }).value
      : slash;
  }
  let current: unknown = record;
  for (const step of field.replace(/^root\./, '').split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** reportsTo is an employee reference: its ID, whether it came as an object or as the ID. */
function referenceId(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'id' in value)
    return (value as { id: unknown }).id;
  return value;
}
