import type { INodeProperties } from 'n8n-workflow';

/** The platform choice and the REST API's shape, shared by User Upsert and Archive Missing Users. */
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
};
