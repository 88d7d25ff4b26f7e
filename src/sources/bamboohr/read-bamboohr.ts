import type { HttpClient, HttpResponse } from '../../http/http-client';
import { RemoteError } from '../../targets/remote-error';
import { resolveFieldMap, type RawEmployee } from '../hr-systems/field-mapping';
import type { FieldReport, HrFieldMapOverride, HrSystemRead } from '../hr-systems/hr-read';
import {
  baseUrlOf,
  hrCall,
  hrTransport,
  type HrTransport,
  type HrTransportOptions,
} from '../hr-systems/hr-call';
import { finishRead } from '../hr-systems/finish-read';
import {
  BAMBOOHR_DATASET_FIELDS,
  BAMBOOHR_DATASET_ID_FIELD,
  BAMBOOHR_DATASET_MANAGER_FIELD,
  BAMBOOHR_DEFAULT_FILTER,
  BAMBOOHR_REPORT_FIELDS,
  BAMBOOHR_REPORT_MANAGER_FIELD,
} from './bamboohr-fields';

export interface BambooHrReadOptions extends HrTransportOptions {
  /** `acme` for acme.bamboohr.com. */
  companyDomain: string;
  /** A sandbox or proxy; default `https://{companyDomain}.bamboohr.com`. */
  baseUrl?: string;
  /** The datasets API (default), or one custom report for accounts that use those. */
  source?: 'dataset' | 'customReport';
  /** On top of the default mapping of the chosen source; `null` drops a field. */
  fieldMap?: HrFieldMapOverride;
  /** The dataset's OData filter; default: Active and Inactive, so leavers come too. */
  filter?: string;
  /** Rows per dataset page: 1 to 1000, default 500. */
  pageSize?: number;
  /** The field with BambooHR's own employee ID (dataset only; a report always sends `id`). */
  idField?: string;
  /** The field with the supervisor's employee ID, resolved to their external ID. */
  managerRefField?: string;
  /** The field report of the last run, for the permission check. */
  previous?: FieldReport;
}

export const BAMBOOHR_LABEL = 'BambooHR';
const MAX_PAGE_SIZE = 1000;

/**
 * Reads every employee, leavers included, from BambooHR: the `employee` dataset page by
 * page, or one custom report. The HttpClient must carry the API key (basic auth with
 * the key as user name: see bambooHrAuthorization); nothing here sees it.
 */
export async function readBambooHrEmployees(
  http: HttpClient,
  options: BambooHrReadOptions,
): Promise<HrSystemRead> {
  const transport = hrTransport(http, BAMBOOHR_LABEL, options);
  const base = bambooHrBaseUrl(options);
  if (options.source === 'customReport') return readCustomReport(transport, base, options);
  return readDataset(transport, base, options);
}

export function bambooHrBaseUrl(options: { companyDomain: string; baseUrl?: string }): string {
  const domain = options.companyDomain.trim();
  if (!options.baseUrl && !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(domain)) {
    // A domain such as "acme.bamboohr.com" or a URL would send the key to another host.
    throw new RemoteError(
      `The BambooHR company domain must be the bare name (acme for acme.bamboohr.com), got "${domain}".`,
      { retryable: false },
    );
  }
  return baseUrlOf(options.baseUrl, `https://${domain}.bamboohr.com`);
}

async function readDataset(
  transport: HrTransport,
  base: string,
  options: BambooHrReadOptions,
): Promise<HrSystemRead> {
  const fieldMap = resolveFieldMap(BAMBOOHR_DATASET_FIELDS, options.fieldMap);
  const idField = options.idField ?? BAMBOOHR_DATASET_ID_FIELD;
  const managerRefField = options.managerRefField ?? BAMBOOHR_DATASET_MANAGER_FIELD;
  const mapped = Object.keys(fieldMap);
  const wanted = [idField, ...mapped.filter((field) => field !== idField)];
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? 500));
  const url = `${base}/api/v2/datasets/employee/data`;
  const refused: string[] = [];
  let fields = wanted;
  const employees: RawEmployee[] = [];
  for (let page = 1; ; page += 1) {
    const body = { fields, filter: options.filter ?? BAMBOOHR_DEFAULT_FILTER, page, pageSize };
    let response: HttpResponse;
    try {
      response = await hrCall(transport, () => ({ method: 'POST', url, body }));
    } catch (error) {
      const named = page === 1 ? refusedFieldsOf(error, fields, idField) : [];
      if (named.length === 0) throw error;
      // "Callers without permission to a requested field receive an error ... rather than
      // silent omission" (get-data-from-dataset-v2): ask again without those fields.
      refused.push(...named);
      fields = fields.filter((field) => !named.includes(field));
      page = 0;
      continue;
    }
    const answer = (response.body ?? {}) as DatasetPage;
    for (const row of answer.data ?? []) {
      const values = { ...(row.fields ?? {}) };
      employees.push({ hrId: bambooText(values[idField]), values: cleanDates(values) });
    }
    const last = answer.meta?.totalPages;
    // Stop at the last page by every sign the answer gives: no next link, a short page, the count.
    if (!answer.links?.next || (answer.data ?? []).length < pageSize) break;
    if (last !== undefined && page >= last) break;
  }
  return finishRead(transport, employees, {
    fieldMap,
    fieldsRequested: wanted,
    managerRefField,
    refusedFields: refused,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

interface DatasetPage {
  data?: Array<{ fields?: Record<string, unknown> }>;
  links?: { next?: string; prev?: string };
  meta?: { page?: number; pageSize?: number; totalPages?: number; totalItems?: number };
}

/** The requested fields a 403's explanation names (never the ID: without it nothing works). */
function refusedFieldsOf(error: unknown, fields: string[], idField: string): string[] {
  if (!(error instanceof RemoteError) || error.status !== 403 || !error.detail) return [];
  const words = new Set(error.detail.split(/[^A-Za-z0-9_]+/));
  return fields.filter((field) => field !== idField && words.has(field));
}

async function readCustomReport(
  transport: HrTransport,
  base: string,
  options: BambooHrReadOptions,
): Promise<HrSystemRead> {
  const fieldMap = resolveFieldMap(BAMBOOHR_REPORT_FIELDS, options.fieldMap);
  const fields = Object.keys(fieldMap);
  const response = await hrCall(transport, () => ({
    method: 'POST',
    url: `${base}/api/v1/reports/custom`,
    query: { format: 'JSON', onlyCurrent: 'true' },
    body: { title: 'hr-sync', fields },
  }));
  const answer = (response.body ?? {}) as { employees?: Array<Record<string, unknown>> };
  const employees = (answer.employees ?? []).map((row): RawEmployee => ({
    hrId: bambooText(row.id),
    values: cleanDates(row),
  }));
  return finishRead(transport, employees, {
    fieldMap,
    fieldsRequested: fields,
    managerRefField: options.managerRefField ?? BAMBOOHR_REPORT_MANAGER_FIELD,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

function bambooText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

/** BambooHR writes a missing date as 0000-00-00: that is no date, not a date to validate. */
function cleanDates(values: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && /^0000-00-00/.test(value)) values[key] = '';
  }
  return values;
}
