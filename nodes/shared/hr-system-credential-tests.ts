import type {
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import { nodeHttpClient } from '../../src/http/node-http-client';
import { testBambooHr } from '../../src/sources/bamboohr/test-bamboohr';
import { testPersonio } from '../../src/sources/personio/test-personio';
import { testHiBob } from '../../src/sources/hibob/test-hibob';
import { HrSyncBambooHrApi } from '../../credentials/HrSyncBambooHrApi.credentials';
import { HrSyncHiBobApi } from '../../credentials/HrSyncHiBobApi.credentials';

/**
 * The HR credentials' Test buttons (`testedBy`): each signs in and reads one record the way
 * a sync does, which n8n's declarative test request cannot do for Personio (a token first)
 * and does not word as usefully for the others. Messages come from the engine's tests,
 * which name the host and the status and never a key, secret or token.
 */
export async function hrSyncBambooHrTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  const placed = await new HrSyncBambooHrApi().authenticate(data, { url: '' });
  const http = nodeHttpClient({ headers: (placed.headers ?? {}) as Record<string, string> });
  const baseUrl = String(data.baseUrl ?? '');
  const result = await testBambooHr(http, {
    companyDomain: String(data.companyDomain ?? ''),
    ...(baseUrl ? { baseUrl } : {}),
  });
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}

export async function hrSyncPersonioTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  const baseUrl = String(data.baseUrl ?? '');
  const result = await testPersonio(nodeHttpClient(), {
    clientId: String(data.clientId ?? ''),
    clientSecret: String(data.clientSecret ?? ''),
    ...(baseUrl ? { baseUrl } : {}),
  });
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}

export async function hrSyncHiBobTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const data = credential.data ?? {};
  const placed = await new HrSyncHiBobApi().authenticate(data, { url: '' });
  const http = nodeHttpClient({ headers: (placed.headers ?? {}) as Record<string, string> });
  const result = await testHiBob(http, { baseUrl: hiBobBaseUrl(data) });
  return { status: result.ok ? 'OK' : 'Error', message: result.message };
}

/** The base URL a HiBob credential points at: production, the sandbox, or its own. */
export function hiBobBaseUrl(data: Record<string, unknown>): string {
  const environment = String(data.environment ?? 'https://api.hibob.com');
  return environment === 'custom' ? String(data.baseUrl ?? '') : environment;
}
