import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';
import { hiBobAuthorization } from '../src/sources/hibob/test-hibob';

/** HiBob's API with a service user (its ID and token, sent as basic auth). */
export class HrSyncHiBobApi implements ICredentialType {
  name = 'hrSyncHiBobApi';

  displayName = 'HR Sync HiBob API';

  documentationUrl = 'https://apidocs.hibob.com/docs/api-service-users';

  properties: INodeProperties[] = [
    {
      displayName: 'Service User ID',
      name: 'serviceUserId',
      type: 'string',
      default: '',
      required: true,
    },
    {
      displayName: 'Service User Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        "The service user reads only the categories its permission group may view: grant View on every mapped field's category",
    },
    {
      displayName: 'Environment',
      name: 'environment',
      type: 'options',
      options: [
        { name: 'Production (api.hibob.com)', value: 'https://api.hibob.com' },
        { name: 'Sandbox (api.sandbox.hibob.com)', value: 'https://api.sandbox.hibob.com' },
        { name: 'Other Base URL', value: 'custom' },
      ],
      default: 'https://api.hibob.com',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      placeholder: 'https://hibob-proxy.example.com',
      displayOptions: { show: { environment: ['custom'] } },
    },
  ];

  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const headers = {
      ...requestOptions.headers,
      Authorization: hiBobAuthorization(
        String(credentials.serviceUserId ?? ''),
        String(credentials.token ?? ''),
      ),
    };
    return { ...requestOptions, headers };
  }
}
