import type { IExecuteFunctions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { GOOGLE_CREDENTIAL, googleAuthenticationOf, googleCredentials } from './google-auth';

/** The platform choice, its credentials, the REST API's shape and the request options, shared by User Upsert and Archive Missing Users. */
export const targetProperty: INodeProperties = {
  displayName: 'Platform',
  name: 'target',
  type: 'options',
  options: [
    { name: 'SCIM 2.0', value: 'scim', description: 'Any platform with a SCIM 2.0 user API' },
    {
      name: 'REST API (Configurable)',
      value: 'rest',
      description: 'A JSON API that creates or updates a user with one POST, like Springest',
    },
    {
      name: 'Microsoft Entra ID',
      value: 'entra',
      description: 'Users in Microsoft Entra ID (Azure AD), through Microsoft Graph',
    },
    {
      name: 'Google Workspace',
      value: 'googleWorkspace',
      description: 'Users in Google Workspace, through the Admin SDK Directory API',
    },
  ],
  default: 'scim',
};

export const restSettingsProperty: INodeProperties = {
  displayName: 'Platform API Settings',
  name: 'restSettings',
  type: 'collection',
  placeholder: 'Add Setting',
  default: {},
  displayOptions: { show: { target: ['rest'] } },
  // Literal defaults (the Springest seed's shape, as SPRINGEST_SHAPE in the engine) so n8n's
  // editor and linter can read them.
  options: [
    {
      displayName: 'Active Attribute',
      name: 'activeAttribute',
      type: 'string',
      default: 'active',
    },
    { displayName: 'E-Mail Attribute', name: 'emailAttribute', type: 'string', default: 'email' },
    {
      displayName: 'E-Mail Lookup Parameter',
      name: 'emailLookupParam',
      type: 'string',
      default: '',
      placeholder: 'email',
      description:
        "Where the API can GET a user by e-mail, its query parameter: each new employee is then looked up by e-mail before a create. Without it (the Springest API has none) a create sends the account first and its e-mail in a second call by external ID, so the platform's e-mail match can never hand over another account.",
    },
    {
      displayName: 'External ID Attribute',
      name: 'externalIdAttribute',
      type: 'string',
      default: 'external_id',
    },
    { displayName: 'ID Attribute', name: 'idAttribute', type: 'string', default: 'id' },
    { displayName: 'List Key', name: 'listKey', type: 'string', default: 'users' },
    { displayName: 'Page Parameter', name: 'pageParam', type: 'string', default: 'page' },
    { displayName: 'Page Size', name: 'pageSize', type: 'number', default: 100 },
    {
      displayName: 'Page Size Parameter',
      name: 'pageSizeParam',
      type: 'string',
      default: 'per_page',
    },
    {
      displayName: 'Read Users',
      name: 'readMode',
      type: 'options',
      options: [
        { name: 'From the Paged List', value: 'list' },
        { name: 'One by One by External ID', value: 'lookup' },
      ],
      // The Springest API documents a GET by external_id and no list.
      default: 'lookup',
    },
    { displayName: 'Users Path', name: 'usersPath', type: 'string', default: '/users.json' },
  ],
};

export type Platform = 'scim' | 'rest' | 'entra' | 'googleWorkspace';

/** One credential per platform; Google Workspace has two, by its Authentication (see platformCredentialType). */
export const PLATFORM_CREDENTIAL: Record<Exclude<Platform, 'googleWorkspace'>, string> = {
  scim: 'hrSyncScimApi',
  rest: 'hrSyncRestPlatformApi',
  entra: 'hrSyncMicrosoftGraphApi',
};

/** The credential type the node uses for its platform: for Google, the one its Authentication names. */
export function platformCredentialType(
  context: Pick<IExecuteFunctions, 'getNodeParameter'>,
  platform: Platform,
): string {
  return platform === 'googleWorkspace'
    ? GOOGLE_CREDENTIAL[googleAuthenticationOf(context)]
    : PLATFORM_CREDENTIAL[platform];
}

/** The programmatic Test of each credential n8n's declarative test request cannot do. */
const CREDENTIAL_TEST: Partial<Record<keyof typeof PLATFORM_CREDENTIAL, string>> = {
  // A lookup whose 404 means "accepted" (rest-credential-test.ts).
  rest: 'hrSyncRestPlatformTest',
  // A token from Entra, then one user read (graph-credential-test.ts).
  entra: 'hrSyncMicrosoftGraphTest',
};

/** "dry run: SCIM 2.0" under the node's name on the canvas. */
export const platformSubtitle =
  '={{($parameter["dryRun"] ? "dry run: " : "") + ($parameter["target"] === "rest" ? "REST API" : $parameter["target"] === "entra" ? "Microsoft Entra ID" : $parameter["target"] === "googleWorkspace" ? "Google Workspace" : "SCIM 2.0")}}';

/** One credential per platform, shown for the platform chosen (Google: for its Authentication). */
export const platformCredentials: INodeCredentialDescription[] = [
  ...(Object.entries(PLATFORM_CREDENTIAL) as Array<[keyof typeof PLATFORM_CREDENTIAL, string]>).map(
    ([platform, name]) => ({
      name,
      required: true,
      ...(CREDENTIAL_TEST[platform] ? { testedBy: CREDENTIAL_TEST[platform] } : {}),
      displayOptions: { show: { target: [platform] } },
    }),
  ),
  ...googleCredentials({ target: ['googleWorkspace'] }),
];

/** Concurrency, retries and timeout of the calls to the platform; `extra` for a node's own. */
export function requestOptionsProperty(extra: INodeProperties[] = []): INodeProperties {
  return {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'First Retry Delay (Ms)',
        name: 'baseDelayMs',
        type: 'number',
        default: 500,
        description:
          'Doubles with each try, with jitter; a Retry-After from the platform is honoured instead. Google Workspace, whose quotas are per minute, starts at 2,000 ms and tries 7 times unless set here.',
      },
      {
        displayName: 'Parallel Requests',
        name: 'concurrency',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 32 },
        default: 4,
        description:
          'Requests to the platform at a time: the writes, and on SCIM the pages of its user list after the first',
      },
      { displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', default: 30 },
      {
        displayName: 'Tries per User',
        name: 'maxAttempts',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 10 },
        default: 5,
        description:
          'How often a write is tried when the platform is busy (429) or failing (5xx) before that user is reported as failed',
      },
      ...extra,
    ],
  };
}
