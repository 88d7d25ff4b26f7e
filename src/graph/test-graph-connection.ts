import { describeError, RemoteError } from '../targets/remote-error';
import type { GraphClient } from './graph-client';

/**
 * The credential's Test: signs in, then reads one user (`GET /users?$top=1&$select=id`), which
 * is what every sync needs first. The answer says what to fix: the AADSTS reason of a refused
 * sign-in, or the permission a 403 lacks. Never a secret or a token.
 */
export async function testGraphConnection(
  client: GraphClient,
): Promise<{ ok: boolean; message: string }> {
  const { tenantId, clientId } = client.credentials;
  try {
    await client.token();
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
  try {
    await client.getJson('/users', { $top: 1, $select: 'id' });
  } catch (error) {
    if (error instanceof RemoteError && error.status === 403) {
      return {
        ok: false,
        message: `App ${clientId} signed in to tenant ${tenantId}, but may not read users: grant the application permission User.Read.All (User.ReadWrite.All to write them) in API permissions, with admin consent`,
      };
    }
    return { ok: false, message: describeError(error) };
  }
  return {
    ok: true,
    message: `App ${clientId} signed in to tenant ${tenantId} and can read users at ${client.baseUrl}`,
  };
}
