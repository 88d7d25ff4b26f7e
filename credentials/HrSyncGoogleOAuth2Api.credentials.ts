import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { GOOGLE_API_URL_PROPERTIES } from './google-api-urls';

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'https://www.googleapis.com/auth/admin.directory.user',
];

/**
 * Google through n8n's OAuth2 sign-in (n8n's generic `oAuth2Api`, with Google's endpoints:
 * https://developers.google.com/identity/protocols/oauth2/web-server). `access_type=offline`
 * and `prompt=consent` make Google hand out a refresh token. The engine refreshes the token
 * itself from the stored refresh token, so the Test is a function like the service account's.
 */
export class HrSyncGoogleOAuth2Api implements ICredentialType {
  name = 'hrSyncGoogleOAuth2Api';

  extends = ['oAuth2Api'];

  displayName = 'HR Sync Google OAuth2 API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
    {
      displayName: 'Authorization URL',
      name: 'authUrl',
      type: 'hidden',
      default: 'https://accounts.google.com/o/oauth2/v2/auth',
    },
    {
      displayName: 'Access Token URL',
      name: 'accessTokenUrl',
      type: 'string',
      default: 'https://oauth2.googleapis.com/token',
      description: 'Change only for a private service endpoint or a proxy',
    },
    {
      displayName: 'Auth URI Query Parameters',
      name: 'authQueryParameters',
      type: 'hidden',
      default: 'access_type=offline&prompt=consent',
    },
    { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
    {
      displayName: 'Scope',
      name: 'scope',
      type: 'string',
      default: SCOPES.join(' '),
      description:
        'Space-separated. Read-only (a dry run): spreadsheets.readonly and admin.directory.user.readonly; to create and update users: admin.directory.user.',
    },
    ...GOOGLE_API_URL_PROPERTIES,
  ];
}
