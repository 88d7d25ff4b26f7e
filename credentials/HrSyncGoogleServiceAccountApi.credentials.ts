import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { GOOGLE_API_URL_PROPERTIES } from './google-api-urls';

/**
 * A Google Cloud service account: its JSON key, and for Google Workspace the admin it acts
 * as through domain-wide delegation. Requests are signed by the engine (a JWT-bearer token
 * request), so there is no `authenticate` here; the Test is a function
 * (nodes/shared/google-credential-test.ts).
 */
export class HrSyncGoogleServiceAccountApi implements ICredentialType {
  name = 'hrSyncGoogleServiceAccountApi';

  displayName = 'HR Sync Google Service Account API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Service Account Key (JSON)',
      name: 'serviceAccountKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: '{ "type": "service_account", "client_email": "…", "private_key": "…", … }',
      description:
        'The whole key file as downloaded from the Google Cloud console (IAM & Admin > Service Accounts > Keys)',
    },
    {
      displayName: 'Admin to Impersonate',
      name: 'delegatedUser',
      type: 'string',
      default: '',
      placeholder: 'admin@example.com',
      description:
        'For Google Workspace: a Workspace admin the service account acts as (domain-wide delegation). Leave empty to read a sheet shared with the service account itself.',
    },
    ...GOOGLE_API_URL_PROPERTIES,
    {
      displayName: 'Token URL',
      name: 'tokenUrl',
      type: 'string',
      default: '',
      placeholder: 'https://oauth2.googleapis.com/token',
      description:
        'Only for a private service endpoint or a proxy; empty means the key’s own token_uri',
    },
  ];
}
