import type { INodeProperties } from 'n8n-workflow';
import { CANONICAL_FIELDS, REST_DEFAULT_MAPPINGS, SCIM_DEFAULT_MAPPINGS } from '../../src';

const fieldOptions = CANONICAL_FIELDS.filter((field) => field !== 'externalId').map((field) => ({
  name: field,
  value: field,
}));

const strengthOptions = [
  { name: 'Always', value: 'always', description: 'The platform follows HR on every run' },
  {
    name: 'Only When Creating',
    value: 'onCreate',
    description: 'Written once; later edits in the platform are kept (e.g. a private phone)',
  },
  {
    name: 'Only When Empty in the Platform',
    value: 'whenEmpty',
    description: 'Fills the value while the platform has none',
  },
];

const describe = (mappings: readonly { field: string; attribute: string; strength: string }[]) =>
  mappings
    .map((m) => `${m.field} → ${m.attribute}${m.strength === 'always' ? '' : ` (${m.strength})`}`)
    .join(', ');

export const userUpsertProperties: INodeProperties[] = [
  {
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
    ],
    default: 'scim',
  },
  {
    displayName: 'Dry Run',
    name: 'dryRun',
    type: 'boolean',
    default: false,
    description:
      'Whether to only show what would change, field by field, without writing anything to the platform',
  },
  {
    displayName: 'Match by E-Mail When No External ID Matches',
    name: 'matchByEmail',
    type: 'boolean',
    default: true,
    description:
      'Whether to adopt a platform user with the same e-mail and no external ID. An account that carries another external ID is never taken over.',
  },
  {
    displayName: 'Empty Value in HR Means',
    name: 'emptySourceValue',
    type: 'options',
    options: [
      { name: 'Leave the Platform Value', value: 'leave' },
      { name: 'Clear the Platform Value', value: 'clear' },
    ],
    default: 'leave',
  },
  {
    displayName: 'Fields',
    name: 'mappingMode',
    type: 'options',
    options: [
      { name: 'Standard Fields of the Platform', value: 'default' },
      { name: 'Map Each Field Myself', value: 'custom' },
    ],
    default: 'default',
  },
  {
    displayName: `Standard SCIM fields: ${describe(SCIM_DEFAULT_MAPPINGS)}`,
    name: 'scimDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['scim'] } },
  },
  {
    displayName: `Standard REST fields: ${describe(REST_DEFAULT_MAPPINGS)}`,
    name: 'restDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['rest'] } },
  },
  {
    displayName: 'Field Mappings',
    name: 'fieldMappings',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    default: {},
    placeholder: 'Add Field',
    displayOptions: { show: { mappingMode: ['custom'] } },
    options: [
      {
        displayName: 'Field',
        name: 'mappings',
        values: [
          {
            displayName: 'HR Field',
            name: 'field',
            type: 'options',
            options: [...fieldOptions, { name: 'Custom Column', value: '__custom' }],
            // The linter cannot see into the spread list, where 'email' is.
            // eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
            default: 'email',
          },
          {
            displayName: 'Custom Column Name',
            name: 'customField',
            type: 'string',
            default: '',
            displayOptions: { show: { field: ['__custom'] } },
          },
          {
            displayName: 'Platform Attribute',
            name: 'attribute',
            type: 'string',
            default: '',
            placeholder: 'name.givenName',
            description:
              'For SCIM, a path such as title or emails[type eq "work"].value; for REST, the JSON key',
          },
          {
            displayName: 'Write',
            name: 'strength',
            type: 'options',
            options: strengthOptions,
            default: 'always',
          },
        ],
      },
    ],
  },
  {
    displayName: 'Protect Fields Edited in the Platform',
    name: 'protectedFields',
    type: 'multiOptions',
    options: fieldOptions,
    default: [],
    description:
      "Fields written only when a user is created; afterwards the platform's value is kept",
  },
  {
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
        default: 'list',
      },
      { displayName: 'Users Path', name: 'usersPath', type: 'string', default: '/users.json' },
    ],
  },
  {
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
          'Doubles with each try, with jitter; a Retry-After from the platform is honoured instead',
      },
      {
        displayName: 'Parallel Requests',
        name: 'concurrency',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 32 },
        default: 4,
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
      {
        displayName: 'Use SCIM Bulk',
        name: 'useBulk',
        type: 'boolean',
        default: true,
        description: 'Whether to send writes in bulk requests when the platform offers SCIM Bulk',
      },
    ],
  },
];
