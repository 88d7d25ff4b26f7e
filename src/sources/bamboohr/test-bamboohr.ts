import type { HttpClient } from '../../http/http-client';
import { basicAuth } from '../hr-systems/hr-call';
import { bambooHrBaseUrl } from './read-bamboohr';

/**
 * BambooHR's basic auth: "the API key as the username and any random string as the
 * password" (https://documentation.bamboohr.com/docs/getting-started).
 */
export function bambooHrAuthorization(apiKey: string): string {
  return basicAuth(apiKey, 'x');
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
}

/**
 * The credential's Test: one dataset page of one employee number, the read every sync
 * makes. The HttpClient carries the key; no message repeats it or any header.
 */
export async function testBambooHr(
  http: HttpClient,
  options: { companyDomain: string; baseUrl?: string },
): Promise<ConnectionTest> {
  let base: string;
  try {
    base = bambooHrBaseUrl(options);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  let status: number;
  let body: unknown;
  try {
    ({ status, body } = await http({
      method: 'POST',
      url: `${base}/api/v2/datasets/employee/data`,
      body: { fields: ['employeeNumber'], page: 1, pageSize: 1 },
    }));
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    return { ok: false, message: `Could not reach ${base}${code ? ` (${code})` : ''}` };
  }
  if (status === 200) {
    const total = (body as { meta?: { totalItems?: number } } | null)?.meta?.totalItems;
    const count = typeof total === 'number' ? ` (${total} employees)` : '';
    return {
      ok: true,
      message: `${base} accepted the API key and returned the employee dataset${count}`,
    };
  }
  if (status === 401) return { ok: false, message: `${base} refused the API key (HTTP 401)` };
  if (status === 403) {
    return {
      ok: false,
      message: `${base} accepted the API key, but its user may not read the employee dataset (HTTP 403): give the user access to employee fields`,
    };
  }
  if (status === 404) {
    return {
      ok: false,
      message: `${base} has no employee dataset (HTTP 404): check the company domain`,
    };
  }
  return { ok: false, message: `${base} answered HTTP ${status} to the employee dataset` };
}
