import type { HttpClient } from '../../http/http-client';
import { baseUrlOf, basicAuth } from '../hr-systems/hr-call';
import type { ConnectionTest } from '../bamboohr/test-bamboohr';
import { HIBOB_DEFAULT_BASE_URL } from './read-hibob';

/** A service user signs in with its ID as user name and its token as password. */
export function hiBobAuthorization(serviceUserId: string, token: string): string {
  return basicAuth(serviceUserId, token);
}

/**
 * The credential's Test: a people search for one field, the read every sync makes (and
 * counts against the same 50 a minute). The HttpClient carries the service user.
 */
export async function testHiBob(
  http: HttpClient,
  options: { baseUrl?: string },
): Promise<ConnectionTest> {
  const base = baseUrlOf(options.baseUrl, HIBOB_DEFAULT_BASE_URL);
  let status: number;
  try {
    ({ status } = await http({
      method: 'POST',
      url: `${base}/v1/people/search`,
      body: { fields: ['root.id'], showInactive: false },
    }));
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    return { ok: false, message: `Could not reach ${base}${code ? ` (${code})` : ''}` };
  }
  if (status === 200)
    return { ok: true, message: `${base} accepted the service user and answered a people search` };
  if (status === 401)
    return { ok: false, message: `${base} refused the service user ID or token (HTTP 401)` };
  if (status === 403) {
    return {
      ok: false,
      message: `${base} accepted the service user, but it may not search people (HTTP 403): add it to a permission group with People access`,
    };
  }
  if (status === 429)
    return {
      ok: false,
      message: `${base} is rate limiting this service user (HTTP 429): try again in a minute`,
    };
  return { ok: false, message: `${base} answered HTTP ${status} to a people search` };
}
