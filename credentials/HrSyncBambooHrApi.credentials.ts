import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';
import { bambooHrAuthorization } from '../src/sources/bamboohr/test-bamboohr';

/** BambooHR's API with a company domain and an API key (basic auth, the key as user name). */
export class HrSyncBambooHrApi implements ICredentialType {
  name = 'hrSyncBambooHrApi';

  displayName = 'HR Sync BambooHR API';

  documentationUrl = 'https://documentation.bamboohr.com/docs/getting-started';

  properties: INodeProperties[] = [
    {
      displayName: 'Company Domain',
      name: 'companyDomain',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'acme',
      description: 'The name before .bamboohr.com in the address you sign in at',
    },
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        "Made under the user's name > API Keys. The key reads what its user may read: give that user every field the sync maps",
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      placeholder: 'https://acme.bamboohr.com',
      description:
        'Only for a proxy or a test host; empty means https://{company domain}.bamboohr.com',
    },
  ];

  /** A function, so the HR Source node can apply it with the credential decrypted once per run. */
  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const headers = {
      ...requestOptions.headers,
      Authorization: bambooHrAuthorization(String(credentials.apiKey ?? '')),
    };
    return { ...requestOptions, headers };
  }
}
