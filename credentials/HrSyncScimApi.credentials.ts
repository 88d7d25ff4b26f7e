import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
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

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
      url: '/ServiceProviderConfig',
    },
  };
}
