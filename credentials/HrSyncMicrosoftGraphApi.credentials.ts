import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An app registration in Microsoft Entra ID, signing in app-only (client credentials) to
 * Microsoft Graph with a client secret or a certificate. There is no `authenticate`: the
 * engine fetches and renews the token itself (src/graph/graph-token.ts). Tested by
 * `hrSyncMicrosoftGraphTest` (nodes/shared/graph-credential-test.ts), which signs in and reads
 * one user.
 */
export class HrSyncMicrosoftGraphApi implements ICredentialType {
  name = 'hrSyncMicrosoftGraphApi';

  displayName = 'HR Sync Microsoft Entra ID / Graph API';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Directory (Tenant) ID',
      name: 'tenantId',
      type: 'string',
      default: '',
      required: true,
      placeholder: '00000000-0000-0000-0000-000000000000',
      description: "The app registration's Directory (tenant) ID, from its Overview page",
    },
    {
      displayName: 'Application (Client) ID',
      name: 'clientId',
      type: 'string',
      default: '',
      required: true,
      placeholder: '00000000-0000-0000-0000-000000000000',
      description:
        'The app needs the Microsoft Graph application permission User.Read.All to read users, or User.ReadWrite.All to write them (Files.Read.All for Excel workbooks), with admin consent',
    },
    {
      displayName: 'Authentication',
      name: 'authentication',
      type: 'options',
      options: [
        { name: 'Client Secret', value: 'clientSecret' },
        { name: 'Certificate', value: 'certificate' },
      ],
      default: 'clientSecret',
    },
    {
      displayName: 'Client Secret',
      name: 'clientSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'The secret\'s "Value" from Certificates & secrets (not its "Secret ID")',
      displayOptions: { show: { authentication: ['clientSecret'] } },
    },
    {
      displayName: 'Certificate Private Key',
      name: 'certificatePrivateKey',
      type: 'string',
      typeOptions: { password: true, rows: 4 },
      default: '',
      description:
        'The PEM private key of a certificate uploaded to the app registration, from -----BEGIN to END-----',
      displayOptions: { show: { authentication: ['certificate'] } },
    },
    {
      displayName: 'Certificate Thumbprint',
      name: 'certificateThumbprint',
      type: 'string',
      default: '',
      placeholder: '3F2A…(40 hex digits)',
      description: "The certificate's thumbprint as Certificates & secrets shows it",
      displayOptions: { show: { authentication: ['certificate'] } },
    },
    {
      displayName: 'Graph Base URL',
      name: 'graphBaseUrl',
      type: 'string',
      default: 'https://graph.microsoft.com/v1.0',
      description:
        'For a national cloud: https://graph.microsoft.us/v1.0 (US Government L4), https://dod-graph.microsoft.us/v1.0 (L5), https://microsoftgraph.chinacloudapi.cn/v1.0 (China, 21Vianet)',
    },
    {
      displayName: 'Token URL',
      name: 'tokenUrl',
      type: 'string',
      default: '',
      placeholder: 'https://login.microsoftonline.com/{tenant ID}/oauth2/v2.0/token',
      description:
        'Empty for the global cloud. For a national cloud: https://login.microsoftonline.us/{tenant ID}/oauth2/v2.0/token (US Government) or https://login.chinacloudapi.cn/{tenant ID}/oauth2/v2.0/token (China)',
    },
  ];
}
