import type { HttpClient } from '../../http/http-client';
import { redactUrl } from '../../sources/redact-url';

/** An external ID no employee has: the lookup answers 404 with an accepted key, 401 without. */
const PROBE_ID = 'hr-sync-credential-test';

/**
 * The REST platform credential's Test: one lookup by external ID (the call every sync
 * makes, and the only read the Springest API documents), which a platform answers 200 or
 * 404 when it accepts the key and 401 or 403 when it does not. The key is never repeated.
 */
export async function testRestPlatform(
  http: HttpClient,
  options: { baseUrl: string; path: string; externalIdParam: string },
): Promise<{ ok: boolean; message: string }> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${options.path}`;
  const shown = redactUrl(url);
  let status: number;
  try {
    status = (await http({ method: 'GET', url, query: { [options.externalIdParam]: PROBE_ID } }))
      .status;
  } catch (error) {
    return {
      ok: false,
      message: `Could not reach ${shown}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (status === 200 || status === 404) {
    return { ok: true, message: `${shown} accepted the API key` };
  }
  if (status === 401 || status === 403) {
    return { ok: false, message: `${shown} refused the API key (HTTP ${status})` };
  }
  return { ok: false, message: `${shown} answered HTTP ${status} to a lookup by external ID` };
}
