import type {
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';

/** A file on an HTTPS server: no login, a user name and password, or a bearer token. */
export class HrSyncHttpsFileApi implements ICredentialType {
  name = 'hrSyncHttpsFileApi';

  displayName = 'HR Sync HTTPS File API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Authentication',
      name: 'authType',
      type: 'options',
      options: [
        { name: 'None', value: 'none' },
        { name: 'Basic (User Name and Password)', value: 'basic' },
        { name: 'Bearer Token', value: 'bearer' },
      ],
      default: 'basic',
    },
    {
      displayName: 'User Name',
      name: 'user',
      type: 'string',
      default: '',
      displayOptions: { show: { authType: ['basic'] } },
    },
    {
      displayName: 'Password',
      name: 'password',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      displayOptions: { show: { authType: ['basic'] } },
    },
    {
      displayName: 'Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      displayOptions: { show: { authType: ['bearer'] } },
    },
    {
      displayName: 'Test URL',
      name: 'testUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://hr.example.com/exports/employees.csv',
      description: 'A file this credential can read; the Test button downloads its first bytes',
    },
  ];

  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const headers = { ...requestOptions.headers };
    if (credentials.authType === 'basic') {
      const pair = `${String(credentials.user ?? '')}:${String(credentials.password ?? '')}`;
      headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else if (credentials.authType === 'bearer') {
      headers.Authorization = `Bearer ${String(credentials.token ?? '')}`;
    }
    return { ...requestOptions, headers };
  }

  test: ICredentialTestRequest = {
    request: {
      method: 'GET',
      url: '={{$credentials.testUrl}}',
      headers: { Range: 'bytes=0-1023' },
    },
  };
}
