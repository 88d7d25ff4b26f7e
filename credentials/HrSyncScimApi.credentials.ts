import type {
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';

/** A SCIM 2.0 service provider (RFC 7644) with a bearer token. */
export class HrSyncScimApi implements ICredentialType {
  name = 'hrSyncScimApi';

  displayName = 'HR Sync SCIM 2.0 API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://platform.example.com/scim/v2',
      description: 'The SCIM endpoint the platform gives you, without /Users at the end',
    },
    {
      displayName: 'Bearer Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
    },
  ];

  /**
   * A function rather than n8n's generic form, so the platform nodes can apply it to each
   * request with the credential decrypted once per run (see platform-connection.ts).
   */
  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const headers = {
      ...requestOptions.headers,
      Authorization: `Bearer ${String(credentials.token ?? '')}`,
    };
    return { ...requestOptions, headers };
  }

  /**
   * One user of the list, which needs the token: /ServiceProviderConfig would not do, since
   * servers may answer it without one (RFC 7644 §4), and a wrong token would pass.
   */
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
      url: '/Users',
      qs: { startIndex: 1, count: 1 },
    },
  };
}
