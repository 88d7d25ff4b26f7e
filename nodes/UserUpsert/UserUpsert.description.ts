import type { INodeProperties } from 'n8n-workflow';
import {
  ENTRA_DEFAULT_MAPPINGS,
  GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
  REST_DEFAULT_MAPPINGS,
  SCIM_DEFAULT_MAPPINGS,
} from '../../src';
import { HR_FIELD_OPTIONS } from './hr-field-options';
import { entraMatchOnProperty, entraPrincipalNameProperty } from '../shared/entra-platform';
import {
  googleWorkspaceProperties,
  googleWorkspaceUpsertProperties,
} from '../shared/google-platform';
import {
  requestOptionsProperty,
  restSettingsProperty,
  targetProperty,
} from '../shared/platform-properties';

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

/**
 * A platform's standard fields for its notice, one per line: on one line the SCIM paths
 * ran past the panel's edge. The enterprise extension's URN, a single unbreakable word,
 * is named rather than spelled out.
 */
const describe = (mappings: readonly { field: string; attribute: string; strength: string }[]) =>
  mappings
    .map((m) => {
      const attribute = m.attribute.replace(ENTERPRISE_PREFIX, 'enterprise extension: ');
      const strength = m.strength === 'always' ? '' : ` (${m.strength})`;
      return `• ${m.field} → ${attribute}${strength}`;
    })
    .join('<br>');

const ENTERPRISE_PREFIX = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:';

export const userUpsertProperties: INodeProperties[] = [
  targetProperty,
  entraPrincipalNameProperty,
  ...googleWorkspaceProperties,
  ...googleWorkspaceUpsertProperties,
  {
    displayName: 'Dry Run',
    name: 'dryRun',
    type: 'boolean',
    default: false,
    description:
      'Whether to only show what would change, field by field, without writing anything to the platform',
  },
  {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    options: [
      {
        name: 'Each Employee',
        value: 'each',
        description: 'One item per input item with its outcome, unchanged employees included',
      },
      {
        name: 'Changes and a Summary',
        value: 'changes',
        description:
          'One item per employee created, updated, reactivated, skipped or failed, then one item counting the unchanged ones. Far less memory on large syncs.',
      },
    ],
    default: 'each',
  },
  {
    displayName: 'Match by E-Mail When No External ID Matches',
    name: 'matchByEmail',
    type: 'boolean',
    default: true,
    description:
      'Whether to adopt a platform user with the same e-mail and no external ID. An account that carries another external ID is never taken over.',
  },
  entraMatchOnProperty,
  {
    displayName: 'Reactivate',
    name: 'reactivate',
    type: 'options',
    options: [
      {
        name: 'Only Users This Sync Archived',
        value: 'archivedBySync',
        description:
          'A rehire comes back; an account an admin or another tool deactivated stays deactivated and is reported as held',
      },
      {
        name: 'Whenever HR Lists Them',
        value: 'hrStatusWins',
        description: "HR's status wins: any deactivated account HR still lists is reactivated",
      },
    ],
    default: 'archivedBySync',
    description: 'Which deactivated accounts HR still lists are given access back',
  },
  {
    displayName: 'Create Pre-Hires Inactive',
    name: 'preHires',
    type: 'boolean',
    default: true,
    description:
      'Whether a new employee whose start date is still ahead is created deactivated, and activated from the days before the start set below, so that the platform invites them when they start. An account that is already active is never deactivated for it.',
  },
  {
    displayName: 'Days Before Start',
    name: 'daysBeforeStart',
    type: 'number',
    typeOptions: { minValue: 0 },
    default: 0,
    description: 'How many days before the start date the account becomes active; 0: on the day',
    displayOptions: { show: { preHires: [true] } },
  },
  {
    displayName: 'Link Managers',
    name: 'linkManagers',
    type: 'boolean',
    default: true,
    description:
      "Whether to link each employee to the manager HR names (the manager's employee ID), once every employee of the run exists. Without a manager column in HR, the platform's links are left as they are.",
    displayOptions: { show: { target: ['scim', 'entra', 'googleWorkspace'] } },
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
      {
        name: "Pick From the Platform's Attributes",
        value: 'platform',
        description: 'Lists what the platform takes (for SCIM, read from its /Schemas)',
      },
      {
        name: 'Map by Attribute Path (Advanced)',
        value: 'custom',
        description: 'Free-text paths, custom HR columns and a write strength per field',
      },
    ],
    default: 'default',
  },
  {
    displayName: 'Platform Attributes',
    name: 'platformAttributes',
    type: 'resourceMapper',
    noDataExpression: true,
    default: { mappingMode: 'defineBelow', value: null },
    required: true,
    typeOptions: {
      loadOptionsDependsOn: ['target'],
      resourceMapper: {
        resourceMapperMethod: 'getPlatformAttributes',
        mode: 'map',
        valuesLabel: 'HR field for each platform attribute',
        fieldWords: { singular: 'attribute', plural: 'attributes' },
        addAllFields: true,
        multiKeyMatch: false,
        supportAutoMap: false,
      },
    },
    displayOptions: { show: { mappingMode: ['platform'] } },
  },
  {
    displayName: `Standard SCIM fields:<br>${describe(SCIM_DEFAULT_MAPPINGS)}`,
    name: 'scimDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['scim'] } },
  },
  {
    displayName: `Standard REST fields:<br>${describe(REST_DEFAULT_MAPPINGS)}`,
    name: 'restDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['rest'] } },
  },
  {
    displayName: `Standard Entra ID fields:<br>${describe(ENTRA_DEFAULT_MAPPINGS)}<br>The employee ID goes to employeeId (16 characters at most), the country also to usageLocation on create.`,
    name: 'entraDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['entra'] } },
  },
  {
    displayName: `Standard Google Workspace fields:<br>${describe(GOOGLE_WORKSPACE_DEFAULT_MAPPINGS)}<br>The employee ID goes where "External ID In" says; the OU follows the table of organizational units.`,
    name: 'googleDefaultsNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { mappingMode: ['default'], target: ['googleWorkspace'] } },
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
            options: [...HR_FIELD_OPTIONS, { name: 'Custom Column', value: '__custom' }],
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
              'For SCIM, a path such as title or emails[type eq "work"].value; for REST, the JSON key; for Entra ID, a Graph user property such as jobTitle; for Google Workspace, a path such as organizations[type eq "work"].title or customSchemas.HR.site',
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
    options: HR_FIELD_OPTIONS,
    default: [],
    description:
      "Fields written only when a user is created; afterwards the platform's value is kept",
  },
  restSettingsProperty,
  requestOptionsProperty([
    {
      displayName: 'Use SCIM Bulk',
      name: 'useBulk',
      type: 'boolean',
      default: true,
      description: 'Whether to send writes in bulk requests when the platform offers SCIM Bulk',
    },
  ]),
];
