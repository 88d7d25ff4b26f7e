import type { RawEmployee } from '../hr-systems/field-mapping';
import type { HrFieldMap } from '../hr-systems/hr-read';
import type { HrTransport } from '../hr-systems/hr-call';
import { dayOf, personioValue } from './personio-join';
import { PersonioToken, withToken, type PersonioCredentials } from './personio-token';

/** "limit ... maximum 100" is the v1 employee list's page ceiling, with offset paging. */
const V1_PAGE_SIZE = 100;

type V1Attribute = { label?: string; value?: unknown; universal_id?: string | null };

/**
 * The v1 employee list (`GET /v1/company/employees`, limit and offset:
 * https://github.com/personio/api-docs/blob/master/personio-personnel-data-api-oa3.yaml),
 * for accounts without v2 access, reshaped into the v2 names of PERSONIO_FIELDS so that
 * one field mapping serves both.
 */
export async function readPersonioV1(
  transport: HrTransport,
  base: string,
  credentials: PersonioCredentials & { now?: () => number },
  fieldMap: HrFieldMap,
): Promise<RawEmployee[]> {
  const token = new PersonioToken(transport, base, credentials, 'v1', credentials.now);
  const employees: RawEmployee[] = [];
  for (let offset = 0; ; offset += V1_PAGE_SIZE) {
    const response = await withToken(transport, token, {
      method: 'GET',
      url: `${base}/v1/company/employees`,
      query: { limit: V1_PAGE_SIZE, offset },
    });
    const body = (response.body ?? {}) as {
      data?: Array<{ attributes?: Record<string, V1Attribute> }>;
      metadata?: { total_elements?: number };
    };
    const page = body.data ?? [];
    for (const entry of page) {
      const { person, employment } = asV2(entry.attributes ?? {});
      const values: Record<string, unknown> = {};
      for (const field of Object.keys(fieldMap)) {
        values[field] = dayOf(personioValue(person, employment, field));
      }
      employees.push({ hrId: String(person.id ?? ''), values });
    }
    const total = body.metadata?.total_elements;
    if (page.length < V1_PAGE_SIZE) break;
    if (total !== undefined && offset + page.length >= total) break;
  }
  return employees;
}

/** A v1 employee's attributes as a v2 person and employment (what is absent stays absent). */
function asV2(attributes: Record<string, V1Attribute>): {
  person: Record<string, unknown>;
  employment: Record<string, unknown>;
} {
  const person: Record<string, unknown> = {};
  const employment: Record<string, unknown> = {};
  const custom: Array<Record<string, unknown>> = [];
  const plain = (name: string): unknown => attributes[name]?.value;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (name.startsWith('dynamic_')) {
      custom.push({ id: name, label: attribute.label, value: attribute.value ?? null });
    }
  }
  for (const name of ['id', 'first_name', 'last_name', 'preferred_name', 'email', 'gender']) {
    if (name in attributes) person[name] = plain(name);
  }
  person.custom_attributes = custom;
  if ('status' in attributes) employment.status = plain('status');
  if ('hire_date' in attributes) employment.start_date = plain('hire_date');
  if ('termination_date' in attributes) employment.termination_date = plain('termination_date');
  if ('position' in attributes) employment.position = { title: plain('position') };
  if ('supervisor' in attributes) {
    const supervisor = plain('supervisor') as { attributes?: { id?: { value?: unknown } } } | null;
    employment.supervisor = { id: supervisor?.attributes?.id?.value ?? null };
  }
  const units: Array<Record<string, unknown>> = [];
  for (const type of ['department', 'team']) {
    if (!(type in attributes)) continue;
    const unit = plain(type) as { attributes?: { id?: unknown; name?: unknown } } | null;
    units.push({ type, id: unit?.attributes?.id ?? null, name: unit?.attributes?.name ?? null });
  }
  if ('department' in attributes || 'team' in attributes) employment.org_units = units;
  return { person, employment };
}
