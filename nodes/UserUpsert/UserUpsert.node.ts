import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {
  DEFAULT_RETRY,
  FieldMappingError,
  RemoteError,
  upsertUsers,
  type UserOutcome,
} from '../../src';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { remoteNodeError } from '../shared/remote-node-error';
import { userUpsertProperties } from './UserUpsert.description';
import { recordFromItem } from './records-from-items';
import { directoryFor, mappingsFrom } from '../shared/target-from-parameters';

/**
 * Creates, updates or reactivates the platform's users by external ID. Reads the platform
 * once, plans, then writes only what changed; each input item comes out as that
 * employee's outcome.
 */
export class UserUpsert implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'User Upsert by External ID',
    name: 'userUpsert',
    icon: { light: 'file:userUpsert.svg', dark: 'file:userUpsert.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle:
      '={{($parameter["dryRun"] ? "dry run: " : "") + ($parameter["target"] === "rest" ? "REST API" : "SCIM 2.0")}}',
    description: 'Create, update or reactivate employees in a platform, sending only what changed',
    defaults: { name: 'User Upsert' },
    inputs: ['main'],
    outputs: ['main'],
    credentials: [
      { name: 'hrSyncScimApi', required: true, displayOptions: { show: { target: ['scim'] } } },
      {
        name: 'hrSyncRestPlatformApi',
        required: true,
        displayOptions: { show: { target: ['rest'] } },
      },
    ],
    properties: userUpsertProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    // An empty item is the placeholder n8n's "Always Output Data" sends when the file had no
    // valid row: there is nobody to upsert, but the nodes after this one still run.
    const items = this.getInputData()
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => Object.keys(item.json).length > 0);
    if (items.length === 0) return [[]];
    const target = this.getNodeParameter('target', 0) as 'scim' | 'rest';
    const options = this.getNodeParameter('options', 0, {}) as IDataObject;
    const dryRun = this.getNodeParameter('dryRun', 0) as boolean;
    const credentialType = target === 'scim' ? 'hrSyncScimApi' : 'hrSyncRestPlatformApi';
    const credentials = await this.getCredentials(credentialType);
    const timeoutMs = Number(options.timeoutSeconds ?? 30) * 1000;
    const http = n8nHttpClient(this, credentialType, timeoutMs);

    let mappings;
    try {
      mappings = mappingsFrom(this, target);
    } catch (error) {
      if (error instanceof FieldMappingError)
        throw new NodeOperationError(this.getNode(), error.message);
      throw error;
    }
    const directory = directoryFor(this, target, String(credentials.baseUrl ?? ''), mappings, http);

    let outcomes: UserOutcome[];
    try {
      const result = await upsertUsers({
        records: items.map(({ item }) => recordFromItem(item)),
        directory,
        dryRun,
        plan: {
          mappings,
          emptySourceValue: this.getNodeParameter('emptySourceValue', 0) as 'clear' | 'leave',
          matchByEmail: this.getNodeParameter('matchByEmail', 0) as boolean,
          externalIdAttribute: target === 'scim' ? 'externalId' : directory.externalIdAttribute,
        },
        concurrency: Number(options.concurrency ?? 4),
        useBulk: options.useBulk !== false,
        retry: {
          ...DEFAULT_RETRY,
          maxAttempts: Number(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
          baseDelayMs: Number(options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
        },
      });
      outcomes = result.outcomes;
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      if (this.continueOnFail()) {
        return [
          items.map(({ index }) => ({
            json: { status: 'failed', reason: error.message },
            pairedItem: { item: index },
          })),
        ];
      }
      throw remoteNodeError(this.getNode(), error.message, {
        description: error.isAuthFailure
          ? 'Nothing was written. Check the credential, then run again.'
          : 'Nothing was written: the platform could not be read. Run again when it answers.',
        ...(error.status !== undefined ? { httpCode: error.status } : {}),
      });
    }
    return [
      outcomes.map((outcome, position) => ({
        json: { ...outcome, ...(dryRun ? { dryRun: true } : {}) } as unknown as IDataObject,
        pairedItem: { item: items[position]?.index ?? position },
      })),
    ];
  }
}
