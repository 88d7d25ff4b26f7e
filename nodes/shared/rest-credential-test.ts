import type {
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import { SPRINGEST_SHAPE, nodeHttpClient, testRestPlatform } from '../../src';

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
  const name = String(data.apiKeyName || 'api_key');
  const key = String(data.apiKey ?? '');
  const http = nodeHttpClient(
    data.apiKeyLocation === 'header' ? { headers: { [name]: key } } : { query: { [name]: key } },
  );
  const result = await testRestPlatform(http, {
    baseUrl: String(data.baseUrl ?? ''),
    path: String(data.testPath || '/users.json'),
    externalIdParam: SPRINGEST_SHAPE.externalIdAttribute,
  });
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}
