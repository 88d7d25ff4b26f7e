import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Personio's API with v2 client credentials. The engine exchanges them for an access token
 * itself (POST /v2/auth/token, kept until it expires, fetched again on a 401), so this
 * credential has no `authenticate`: the secret only ever goes into that token request.
 */
export class HrSyncPersonioApi implements ICredentialType {
  name = 'hrSyncPersonioApi';

  displayName = 'HR Sync Personio API';

  documentationUrl = 'https://developer.personio.de/reference/post_v2-auth-token';

  properties: INodeProperties[] = [
    {
      displayName: 'Client ID',
      name: 'clientId',
      type: 'string',
      default: '',
      required: true,
      description: 'Settings > Integrations > API credentials in Personio',
    },
    {
      displayName: 'Client Secret',
      name: 'clientSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'The credentials read only the employee attributes allowed to them: allow every attribute the sync maps',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      placeholder: 'https://api.personio.de',
      description: 'Only for a proxy or a test host; empty means https://api.personio.de',
    },
  ];
}
