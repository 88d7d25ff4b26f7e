import type {
  ILoadOptionsFunctions,
  ResourceMapperField,
  ResourceMapperFields,
} from 'n8n-workflow';
import {
  ENTRA_USER_ATTRIBUTES,
  GOOGLE_WORKSPACE_USER_ATTRIBUTES,
  REST_DEFAULT_MAPPINGS,
  readScimUserAttributes,
  type PlatformAttribute,
} from '../../src';
import { HrSyncScimApi } from '../../credentials/HrSyncScimApi.credentials';
import { n8nHttpClient } from '../shared/n8n-http-client';
import type { Platform } from '../shared/platform-properties';
import { DEFAULT_MAPPINGS } from './default-mappings-by-platform';
import { HR_FIELD_OPTIONS } from './hr-field-options';

/**
 * The editor's list for *Pick From the Platform's Attributes* (n8n's resource mapper): one
 * row per attribute the platform takes, whose value is the HR field that fills it. The rows
 * of the platform's standard fields come pre-filled; the others are one "Add" away.
 */
export async function getPlatformAttributes(
  this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
  const platform = this.getNodeParameter('target', 'scim') as Platform;
  const attributes = await attributesOf(this, platform);
  const standard = new Map(DEFAULT_MAPPINGS[platform].map((m) => [m.attribute, m.field]));
  return { fields: attributes.map((attribute) => field(attribute, standard.get(attribute.path))) };
}

function field(
  attribute: PlatformAttribute,
  standardField: string | undefined,
): ResourceMapperField {
  return {
    id: attributeFieldId(attribute.path),
    displayName: attribute.path,
    required: false,
    defaultMatch: false,
    canBeUsedToMatch: false,
    display: true,
    type: 'options',
    options: HR_FIELD_OPTIONS,
    removed: standardField === undefined,
    ...(standardField !== undefined ? { defaultValue: standardField } : {}),
  };
}

async function attributesOf(
  context: ILoadOptionsFunctions,
  platform: Platform,
): Promise<readonly PlatformAttribute[]> {
  if (platform === 'entra') return ENTRA_USER_ATTRIBUTES;
  if (platform === 'googleWorkspace') return GOOGLE_WORKSPACE_USER_ATTRIBUTES;
  // A configurable REST API publishes no schema: its standard keys, others by path.
  if (platform === 'rest') return REST_DEFAULT_MAPPINGS.map((m) => ({ path: m.attribute }));
  const credentials = await context.getCredentials('hrSyncScimApi');
  const credential = new HrSyncScimApi();
  const http = n8nHttpClient(context, (request) => credential.authenticate(credentials, request));
  return (await readScimUserAttributes(http, String(credentials.baseUrl ?? ''))).attributes;
}

/**
 * A row's id is the attribute's path, percent-encoded with its dots: n8n's editor reads a
 * row's id back out of `value["ID"]`, so an id holding `"]` (as `emails[type eq "work"].value`
 * does) or a dot would be cut short. Encoding keeps it unique and readable back.
 */
export function attributeFieldId(path: string): string {
  return encodeURIComponent(path).replace(/\./g, '%2E');
}

export function attributePathOf(fieldId: string): string {
  return decodeURIComponent(fieldId);
}
