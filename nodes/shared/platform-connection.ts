import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
  DEFAULT_RETRY,
  RestDirectory,
  SPRINGEST_SHAPE,
  ScimDirectory,
  type ApplyOptions,
  type Directory,
  type FieldMapping,
  type SentMemory,
} from '../../src';
import { HrSyncRestPlatformApi } from '../../credentials/HrSyncRestPlatformApi.credentials';
import { HrSyncScimApi } from '../../credentials/HrSyncScimApi.credentials';
import { connectEntra } from './entra-platform';
import { connectGoogleWorkspace, googleApplyRetry } from './google-platform';
import { n8nHttpClient } from './n8n-http-client';
import { PLATFORM_CREDENTIAL, type Platform } from './platform-properties';

/** The credential classes, whose `authenticate` adds the secret to each request. */
const CREDENTIALS = { scim: new HrSyncScimApi(), rest: new HrSyncRestPlatformApi() };

/**
 * The platform chosen in the node's "Platform" parameter, with its credential, as an engine
 * Directory that calls through n8n's request helper with the node's timeout. `mappings` are
 * the attributes its users are compared on (none for archiving).
 */
export async function connectPlatform(
  context: IExecuteFunctions,
  mappings: readonly FieldMapping[],
  /** REST: what was last sent, for a platform whose lookup returns few fields. */
  sentMemory?: SentMemory,
): Promise<Directory> {
  const platform = context.getNodeParameter('target', 0) as Platform;
  const options = context.getNodeParameter('options', 0, {}) as IDataObject;
  const timeoutMs = Number(options.timeoutSeconds ?? 30) * 1000;
  // Graph signs in with its own token: no credential class adds a secret to requests.
  if (platform === 'entra') return connectEntra(context, mappings, timeoutMs);
  // Google too: the engine signs its own token requests with the service account's key.
  if (platform === 'googleWorkspace') return connectGoogleWorkspace(context, mappings, timeoutMs);
  const credentialType = PLATFORM_CREDENTIAL[platform];
  const credentials = await context.getCredentials(credentialType);
  const credential = CREDENTIALS[platform];
  const http = n8nHttpClient(
    context,
    (request) => credential.authenticate(credentials, request),
    timeoutMs,
  );
  const baseUrl = String(credentials.baseUrl ?? '');
  const attributes = mappings.map((mapping) => mapping.attribute);
  if (platform === 'scim') {
    return new ScimDirectory(http, {
      baseUrl,
      attributes,
      readConcurrency: Number(options.concurrency ?? 4),
    });
  }
  const shape = { ...SPRINGEST_SHAPE, ...restSettings(context) } as typeof SPRINGEST_SHAPE;
  return new RestDirectory(http, {
    ...shape,
    pageSize: Number(shape.pageSize),
    baseUrl,
    attributes,
    ...(sentMemory ? { sentMemory } : {}),
  });
}

/** The REST external ID attribute the node is set to (the Springest shape's by default). */
export function restExternalIdAttribute(context: IExecuteFunctions): string {
  return String(restSettings(context).externalIdAttribute ?? SPRINGEST_SHAPE.externalIdAttribute);
}

function restSettings(context: IExecuteFunctions): IDataObject {
  return context.getNodeParameter('restSettings', 0, {}) as IDataObject;
}

/** Concurrency and retries from the shared Options collection (see requestOptionsProperty). */
export function applyOptionsFrom(context: IExecuteFunctions): ApplyOptions {
  const options = context.getNodeParameter('options', 0, {}) as IDataObject;
  const google = context.getNodeParameter('target', 0) === 'googleWorkspace';
  return {
    concurrency: Number(options.concurrency ?? 4),
    useBulk: options.useBulk !== false,
    retry: google
      ? googleApplyRetry(options)
      : {
          ...DEFAULT_RETRY,
          maxAttempts: Number(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
          baseDelayMs: Number(options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
        },
  };
}
