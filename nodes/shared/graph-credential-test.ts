import type {
  ICredentialDataDecryptedObject,
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  IExecuteFunctions,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import { nodeHttpClient } from '../../src';
import { GraphClient, testGraphConnection, type GraphCredentials } from '../../src/graph';
import { n8nHttpClient } from './n8n-http-client';

/** The Microsoft Graph credential's fields as the engine's GraphCredentials. */
export function graphCredentialsFrom(data: ICredentialDataDecryptedObject): GraphCredentials {
  const text = (name: string): string => String(data[name] ?? '').trim();
  const useCertificate = data.authentication === 'certificate';
  return {
    tenantId: text('tenantId'),
    clientId: text('clientId'),
    ...(useCertificate
      ? {
          certificate: {
            privateKey: String(data.certificatePrivateKey ?? ''),
            thumbprint: text('certificateThumbprint'),
          },
        }
      : { clientSecret: String(data.clientSecret ?? '') }),
    ...(text('graphBaseUrl') ? { graphBaseUrl: text('graphBaseUrl') } : {}),
    ...(text('tokenUrl') ? { tokenUrl: text('tokenUrl') } : {}),
  };
}

/**
 * A GraphClient on n8n's request helper (its proxy and TLS settings apply). No credential type
 * is handed to n8n: the client adds its own token, which it fetches with the decrypted fields.
 */
export function graphClientFor(
  context: IExecuteFunctions,
  data: ICredentialDataDecryptedObject,
  timeoutMs = 30_000,
): GraphClient {
  return new GraphClient(n8nHttpClient(context, undefined, timeoutMs), graphCredentialsFrom(data), {
    timeoutMs,
  });
}

/**
 * The credential's Test button (`testedBy: 'hrSyncMicrosoftGraphTest'`): signs in and reads one
 * user, so a wrong secret (with its AADSTS reason) and a missing User.Read.All both show here.
 */
export async function hrSyncMicrosoftGraphTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const client = new GraphClient(
    nodeHttpClient({ timeoutMs: 15_000 }),
    graphCredentialsFrom(credential.data ?? {}),
    // One try: the admin waits on the button.
    { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
  );
  let result: { ok: boolean; message: string };
  try {
    result = await testGraphConnection(client);
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}
