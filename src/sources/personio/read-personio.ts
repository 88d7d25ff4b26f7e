import type { HttpClient } from '../../http/http-client';
import { runLimited } from '../../apply/run-limited';
import { RemoteError } from '../../targets/remote-error';
import { resolveFieldMap, type RawEmployee } from '../hr-systems/field-mapping';
import type {
  FieldReport,
  HrFieldMap,
  HrFieldMapOverride,
  HrSystemRead,
} from '../hr-systems/hr-read';
import {
  baseUrlOf,
  hrTransport,
  sameOrigin,
  type HrTransport,
  type HrTransportOptions,
} from '../hr-systems/hr-call';
import { finishRead } from '../hr-systems/finish-read';
import { PERSONIO_FIELDS, PERSONIO_MANAGER_FIELD } from './personio-fields';
import { currentEmployment, dayOf, personioValue } from './personio-join';
import { PersonioToken, withToken, type PersonioCredentials } from './personio-token';
import { readPersonioV1 } from './read-personio-v1';

export interface PersonioReadOptions extends HrTransportOptions, PersonioCredentials {
  /** A proxy or another host; default https://api.personio.de. */
  baseUrl?: string;
  /** `auto` (default) reads v2 and falls back to v1 when the account has no v2 access. */
  api?: 'auto' | 'v2' | 'v1';
  fieldMap?: HrFieldMapOverride;
  /** Employment requests in flight at once (one per person): default 4. */
  concurrency?: number;
  previous?: FieldReport;
  /** For the token's expiry; injected in tests. */
  now?: () => number;
}

export const PERSONIO_LABEL = 'Personio';
export const PERSONIO_DEFAULT_BASE_URL = 'https://api.personio.de';
/** "It can range between 1 and 50" (https://developer.personio.de/reference/get_v2-persons). */
const V2_PAGE_SIZE = 50;

/**
 * Reads every person with their current employment from Personio: v2 persons page by
 * page (cursor in `_meta.links.next`), then each person's employments, a few at a time,
 * joined; or the v1 employee list for accounts without v2 access. The HttpClient carries
 * no secret: the client secret goes only into the token request.
 */
export async function readPersonioEmployees(
  http: HttpClient,
  options: PersonioReadOptions,
): Promise<HrSystemRead> {
  const transport = hrTransport(http, PERSONIO_LABEL, options);
  const base = baseUrlOf(options.baseUrl, PERSONIO_DEFAULT_BASE_URL);
  const fieldMap = resolveFieldMap(PERSONIO_FIELDS, options.fieldMap);
  const api = options.api ?? 'auto';
  if (api === 'v1')
    return finishPersonio(
      transport,
      fieldMap,
      await readPersonioV1(transport, base, options, fieldMap),
      options,
      [],
    );
  try {
    const employees = await readV2(transport, base, options, fieldMap);
    return finishPersonio(transport, fieldMap, employees, options, []);
  } catch (error) {
    if (api !== 'auto' || !lacksV2Access(error)) throw error;
    const employees = await readPersonioV1(transport, base, options, fieldMap);
    return finishPersonio(transport, fieldMap, employees, options, [
      `Personio refused the v2 API to these credentials (${(error as RemoteError).status}); the employees were read through v1.`,
    ]);
  }
}

/** No v2 scope or no v2 at all: the token or the persons list answers 403 or 404. */
function lacksV2Access(error: unknown): boolean {
  return error instanceof RemoteError && (error.status === 403 || error.status === 404);
}

function finishPersonio(
  transport: HrTransport,
  fieldMap: HrFieldMap,
  employees: RawEmployee[],
  options: PersonioReadOptions,
  warnings: string[],
): HrSystemRead {
  return finishRead(transport, employees, {
    fieldMap,
    fieldsRequested: Object.keys(fieldMap),
    managerRefField: PERSONIO_MANAGER_FIELD,
    warnings,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

async function readV2(
  transport: HrTransport,
  base: string,
  options: PersonioReadOptions,
  fieldMap: HrFieldMap,
): Promise<RawEmployee[]> {
  const token = new PersonioToken(transport, base, options, 'v2', options.now);
  const persons = await listAll(transport, token, base, `${base}/v2/persons`);
  const wantsEmployment = Object.keys(fieldMap).some((field) => field.startsWith('employment.'));
  // Personio has no list of all employments: one request per person, a few in flight.
  const employments = wantsEmployment
    ? await runLimited(persons, Math.max(1, options.concurrency ?? 4), (person) =>
        listAll(
          transport,
          token,
          base,
          `${base}/v2/persons/${encodeURIComponent(String(person.id))}/employments`,
        ),
      )
    : persons.map(() => []);
  return persons.map((person, index) => {
    const employment = currentEmployment(employments[index] ?? []);
    const values: Record<string, unknown> = {};
    for (const field of Object.keys(fieldMap)) {
      values[field] = dayOf(personioValue(person, employment, field));
    }
    return { hrId: String(person.id ?? ''), values };
  });
}

/** Every page of a v2 list, following `_meta.links.next.href` on our own host only. */
async function listAll(
  transport: HrTransport,
  token: PersonioToken,
  base: string,
  first: string,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let url: string | undefined = first;
  let query: Record<string, string | number> | undefined = { limit: V2_PAGE_SIZE };
  while (url) {
    const response = await withToken(transport, token, {
      method: 'GET',
      url,
      ...(query ? { query } : {}),
    });
    const body = (response.body ?? {}) as {
      _data?: Array<Record<string, unknown>>;
      _meta?: { links?: { next?: { href?: string } } };
    };
    items.push(...(body._data ?? []));
    const next = body._meta?.links?.next?.href;
    if (next && !sameOrigin(next, base)) {
      throw new RemoteError(
        `Personio's next page link points to another host than ${new URL(base).host}; it was not followed, so the bearer token stays here.`,
        { retryable: false },
      );
    }
    // The link carries the cursor and the limit itself; one that points back here would never end.
    const following = next ? new URL(next, base).toString() : undefined;
    url = following === url ? undefined : following;
    query = undefined;
  }
  return items;
}
