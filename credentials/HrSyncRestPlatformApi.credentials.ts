import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';

/** An employee platform's JSON API with an API key, in a header or the query string. */
export class HrSyncRestPlatformApi implements ICredentialType {
  name = 'hrSyncRestPlatformApi';

  displayName = 'HR Sync REST Platform API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://yoursite.api.go.springest.nl',
    },
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
    },
    {
      displayName: 'Send the Key In',
      name: 'apiKeyLocation',
      type: 'options',
      options: [
        { name: 'Query String', value: 'query' },
        { name: 'Header', value: 'header' },
      ],
      default: 'query',
    },
    {
      displayName: 'Parameter or Header Name',
      name: 'apiKeyName',
      type: 'string',
      typeOptions: { password: true },
      default: 'api_key',
      description: 'For example api_key in the query string, or X-Api-Key as a header',
    },
    {
      displayName: 'Test Path',
      name: 'testPath',
      type: 'string',
      default: '/users.json',
      description:
        'The users endpoint the Test button looks an unknown external ID up in: 404 means the key was accepted, 401 or 403 that it was refused',
    },
  ];

  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const name = String(credentials.apiKeyName || 'api_key');
    const key = String(credentials.apiKey ?? '');
    if (credentials.apiKeyLocation === 'header') {
      return { ...requestOptions, headers: { ...requestOptions.headers, [name]: key } };
    }
    return { ...requestOptions, qs: { ...requestOptions.qs, [name]: key } };
  }
}
