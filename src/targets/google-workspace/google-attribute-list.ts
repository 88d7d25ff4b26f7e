import type { PlatformAttribute } from '../platform-attribute';

/**
 * The Directory API user fields a mapping may write, in the paths google-path.ts reads
 * (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users). Left
 * out: primaryEmail (made from its template, never renamed by HR), externalIds (where the
 * external ID is kept), suspended (the lifecycle), password and relations (the manager
 * phase). Custom attributes are `customSchemas.SCHEMA.FIELD`, mapped by path.
 */
const TYPED_LISTS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['phones', ['work', 'mobile', 'home'], ['value']],
  ['emails', ['work', 'home', 'other'], ['address']],
  [
    'organizations',
    ['work'],
    ['title', 'department', 'costCenter', 'description', 'location', 'name'],
  ],
  [
    'addresses',
    ['work', 'home'],
    ['countryCode', 'locality', 'region', 'postalCode', 'streetAddress'],
  ],
  ['locations', ['desk'], ['buildingId', 'floorName', 'area']],
];

export const GOOGLE_WORKSPACE_USER_ATTRIBUTES: readonly PlatformAttribute[] = [
  { path: 'name.givenName', description: 'The first name' },
  { path: 'name.familyName', description: 'The last name' },
  { path: 'orgUnitPath', description: 'The organizational unit, e.g. /Staff/Sales' },
  ...TYPED_LISTS.flatMap(([list, types, fields]) =>
    types.flatMap((type) =>
      fields.map((field) => ({ path: `${list}[type eq "${type}"].${field}` })),
    ),
  ),
];
