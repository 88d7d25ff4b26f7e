import type { HttpClient } from '../../http/http-client';
import { RemoteError } from '../../targets/remote-error';
import { baseUrlOf, hrTransport } from '../hr-systems/hr-call';
import type { ConnectionTest } from '../bamboohr/test-bamboohr';
import { PersonioToken, withToken, type PersonioCredentials } from './personio-token';
import { PERSONIO_DEFAULT_BASE_URL } from './read-personio';

/**
 * The credential's Test: a token from the client ID and secret, then one person (v2), or
 * one employee through v1 for accounts without v2 access. No retries (the admin is
 * waiting), and no message repeats the client ID, the secret or the token.
 */
export async function testPersonio(
  http: HttpClient,
  options: PersonioCredentials & { baseUrl?: string },
): Promise<ConnectionTest> {
  const base = baseUrlOf(options.baseUrl, PERSONIO_DEFAULT_BASE_URL);
  const transport = hrTransport(http, 'Personio', { retry: { maxAttempts: 1 } });
  try {
    const token = new PersonioToken(transport, base, options, 'v2');
    await withToken(transport, token, {
      method: 'GET',
      url: `${base}/v2/persons`,
      query: { limit: 1 },
    });
    return {
      ok: true,
      message: `${base} accepted the client credentials and returned a person (v2)`,
    };
  } catch (error) {
    if (!(error instanceof RemoteError) || (error.status !== 403 && error.status !== 404)) {
      return failure(base, error);
    }
  }
  try {
    const token = new PersonioToken(transport, base, options, 'v1');
    await withToken(transport, token, {
      method: 'GET',
      url: `${base}/v1/company/employees`,
      query: { limit: 1, offset: 0 },
    });
    return {
      ok: true,
      message: `${base} accepted the client credentials through v1 only (no v2 access): the sync reads the v1 employee list`,
    };
  } catch (error) {
    return failure(base, error);
  }
}

function failure(base: string, error: unknown): ConnectionTest {
  if (error instanceof RemoteError && error.status === undefined) {
    return { ok: false, message: `Could not reach ${base}${error.code ? ` (${error.code})` : ''}` };
  }
  if (error instanceof RemoteError && (error.status === 401 || error.status === 400)) {
    return { ok: false, message: `${base} refused the client ID or secret (HTTP ${error.status})` };
  }
  if (error instanceof RemoteError && error.status === 403) {
    return {
      ok: false,
      message: `${base} accepted the credentials, but they may not read employees (HTTP 403): grant the personio:persons:read scope or employee attributes`,
    };
  }
  const status = error instanceof RemoteError && error.status ? ` (HTTP ${error.status})` : '';
  return { ok: false, message: `${base} did not accept the test read${status}` };
}
