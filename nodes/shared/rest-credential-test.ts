import type {
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import { SPRINGEST_SHAPE, nodeHttpClient, testRestPlatform } from '../../src';
import { HrSyncRestPlatformApi } from '../../credentials/HrSyncRestPlatformApi.credentials';

/**
 * The REST platform credential's Test button (`testedBy` in platformCredentials): a lookup
 * of an unknown external ID, where 404 means the key was accepted. n8n's declarative test
 * request cannot do that: it takes any status other than 2xx for a refusal, and a
 * Springest-style API has no read that answers 200 without naming a user.
 */
export async function hrSyncRestPlatformTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  // The key placed where the credential's own authenticate puts it on every sync request.
  const placed = await new HrSyncRestPlatformApi().authenticate(data, { url: '' });
  const http = nodeHttpClient({
    headers: (placed.headers ?? {}) as Record<string, string>,
    query: (placed.qs ?? {}) as Record<string, string>,
  });
  const result = await testRestPlatform(http, {
    baseUrl: String(data.baseUrl ?? ''),
    path: String(data.testPath || '/users.json'),
    externalIdParam: SPRINGEST_SHAPE.externalIdAttribute,
  });
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}
