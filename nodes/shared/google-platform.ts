import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeProperties,
} from 'n8n-workflow';
import {
  GOOGLE_RETRY,
  GoogleWorkspaceDirectory,
  ORG_UNIT_CUSTOM_FIELD,
  googleAdminApi,
  withOrgUnitPaths,
  type Directory,
  type EmployeeRecord,
  type FieldMapping,
  type OrgUnitMapping,
  type RetryPolicy,
} from '../../src';
import { apiUrlOf, googleAuthenticationProperty, googleSignIn } from './google-auth';
import { n8nHttpClient } from './n8n-http-client';

/**
 * Google Workspace as the platform of User Upsert and Archive Missing Users: its settings
 * and its Directory, on the service account or OAuth2 credential.
 */
const SHOW = { target: ['googleWorkspace'] };

/** Authentication, where the external ID lives, and the quota: both nodes. */
export const googleWorkspaceProperties: INodeProperties[] = [
  googleAuthenticationProperty(SHOW),
  {
    displayName: 'External ID In',
    name: 'googleExternalIdIn',
    type: 'options',
    options: [
      {
        name: 'External IDs (Organization)',
        value: 'externalIds',
        description:
          'The user\'s "Employee ID" in the Admin console: an externalIds entry of type organization',
      },
      {
        name: 'A Custom Attribute',
        value: 'customSchema',
        description: 'A field of a custom schema the admin made for it',
      },
    ],
    default: 'externalIds',
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'Custom Schema',
    name: 'googleSchemaName',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'HR',
    displayOptions: { show: { ...SHOW, googleExternalIdIn: ['customSchema'] } },
  },
  {
    displayName: 'Custom Field',
    name: 'googleSchemaField',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'employeeId',
    displayOptions: { show: { ...SHOW, googleExternalIdIn: ['customSchema'] } },
  },
  {
    displayName: 'Queries per Minute',
    name: 'googleQueriesPerMinute',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 2400,
    description:
      "Reads and writes sent to the Directory API per minute at most: the project's quota (2,400 by default), so a large sync waits instead of being throttled",
    displayOptions: { show: SHOW },
  },
];

/** The primary e-mail of new users and their organisational unit: User Upsert only. */
export const googleWorkspaceUpsertProperties: INodeProperties[] = [
  {
    displayName: 'Primary E-Mail',
    name: 'googlePrimaryEmail',
    type: 'string',
    default: '',
    required: true,
    placeholder: '{firstName}.{lastName}@example.com',
    description:
      'The address of a new user, from HR fields in braces (firstName, lastName, externalId, …) and a domain of the Workspace account. Accents are dropped and a taken address gets a number: anna.smit2@example.com. Existing users keep theirs.',
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'Organizational Units',
    name: 'googleOrgUnits',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    default: {},
    placeholder: 'Add Organizational Unit',
    description:
      'Which OU each user goes to, by the HR field below (the department by default). Without any, new users go to the top OU and existing users stay where they are.',
    displayOptions: { show: SHOW },
    options: [
      {
        displayName: 'Organizational Unit',
        name: 'units',
        values: [
          {
            displayName: 'HR Value',
            name: 'value',
            type: 'string',
            default: '',
            placeholder: 'Sales',
          },
          {
            displayName: 'OU Path',
            name: 'path',
            type: 'string',
            default: '',
            placeholder: '/Staff/Sales',
          },
        ],
      },
    ],
  },
  {
    displayName: 'OU by HR Field',
    name: 'googleOrgUnitField',
    type: 'string',
    default: 'department',
    description:
      'The HR field the table above matches: a field such as department, or custom.Site for a column of that name',
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'OU for Other Values',
    name: 'googleOrgUnitFallback',
    type: 'string',
    default: '',
    placeholder: '/Staff',
    description:
      'The OU for a user whose HR value the table does not name; empty leaves them where they are (the top OU when created)',
    displayOptions: { show: SHOW },
  },
];

/** The OU mapping the User Upsert node is set to; undefined when it maps none. */
export function googleOrgUnitMapping(context: IExecuteFunctions): OrgUnitMapping | undefined {
  if (!context.getNode().type.endsWith('userUpsert')) return undefined;
  const table = context.getNodeParameter('googleOrgUnits', 0, {}) as IDataObject;
  const units = (table.units ?? []) as Array<{ value?: string; path?: string }>;
  const paths: Record<string, string> = {};
  for (const unit of units) {
    const value = String(unit.value ?? '').trim();
    const path = String(unit.path ?? '').trim();
    if (value && path) paths[value] = path;
  }
  const fallback = String(context.getNodeParameter('googleOrgUnitFallback', 0, '')).trim();
  if (Object.keys(paths).length === 0 && !fallback) return undefined;
  return {
    field:
      String(context.getNodeParameter('googleOrgUnitField', 0, 'department')).trim() ||
      'department',
    paths,
    ...(fallback ? { fallback } : {}),
  };
}

/**
 * The records with their OU path, and the mappings with `custom.orgUnitPath → orgUnitPath`,
 * so the planner moves a user whose department changed and leaves the others alone.
 */
export function withGoogleOrgUnits(
  context: IExecuteFunctions,
  records: EmployeeRecord[],
  mappings: FieldMapping[],
): { records: EmployeeRecord[]; mappings: FieldMapping[] } {
  const orgUnits = googleOrgUnitMapping(context);
  if (!orgUnits) return { records, mappings };
  const mapsOrgUnit = mappings.some((mapping) => mapping.attribute === 'orgUnitPath');
  let placed: EmployeeRecord[];
  try {
    placed = withOrgUnitPaths(records, orgUnits);
  } catch (error) {
    // A path without its leading "/": the admin's table, said before anything is read.
    throw new NodeOperationError(context.getNode(), (error as Error).message);
  }
  return {
    records: placed,
    mappings: mapsOrgUnit
      ? mappings
      : [
          ...mappings,
          {
            field: `custom.${ORG_UNIT_CUSTOM_FIELD}`,
            attribute: 'orgUnitPath',
            strength: 'always',
          },
        ],
  };
}

/** The Google Workspace Directory on the node's Google credential. */
export async function connectGoogleWorkspace(
  context: IExecuteFunctions,
  mappings: readonly FieldMapping[],
  timeoutMs: number,
): Promise<Directory> {
  const http = n8nHttpClient(context, undefined, timeoutMs);
  const { tokens, data } = await googleSignIn(context, http);
  const upserting = context.getNode().type.endsWith('userUpsert');
  const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
  const rootUrl = apiUrlOf(data, 'adminApiUrl');
  const api = googleAdminApi(http, tokens, {
    ...(rootUrl ? { rootUrl } : {}),
    // A dry run asks only for the read-only scope: a read-only delegation is enough for it.
    write: !dryRun,
    queriesPerMinute: Number(context.getNodeParameter('googleQueriesPerMinute', 0, 2400)),
  });
  const template = upserting ? String(context.getNodeParameter('googlePrimaryEmail', 0, '')) : '';
  const orgUnits = googleOrgUnitMapping(context);
  const custom =
    context.getNodeParameter('googleExternalIdIn', 0, 'externalIds') === 'customSchema';
  return new GoogleWorkspaceDirectory(api, {
    attributes: mappings.map((mapping) => mapping.attribute),
    ...(template.trim() ? { primaryEmailTemplate: template.trim() } : {}),
    ...(orgUnits ? { orgUnits } : {}),
    ...(custom
      ? {
          externalIdField: {
            schema: String(context.getNodeParameter('googleSchemaName', 0, '')).trim(),
            field: String(context.getNodeParameter('googleSchemaField', 0, '')).trim(),
          },
        }
      : {}),
  });
}

/**
 * Google's quotas are per minute: its writes are retried on that scale (GOOGLE_RETRY), the
 * tries and first delay as the node's Options set them when set.
 */
export function googleApplyRetry(options: IDataObject): RetryPolicy {
  return {
    ...GOOGLE_RETRY,
    maxAttempts: Number(options.maxAttempts ?? GOOGLE_RETRY.maxAttempts),
    baseDelayMs: Number(options.baseDelayMs ?? GOOGLE_RETRY.baseDelayMs),
  };
}
