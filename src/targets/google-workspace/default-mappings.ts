import type { FieldMapping } from '../../plan/field-mapping';
import { ORG_UNIT_CUSTOM_FIELD } from './org-units';

/**
 * What a Google Workspace account gets when the admin maps nothing. The primary e-mail is
 * not mapped: new users get one from the template, and an existing address is never
 * renamed by HR. A private e-mail is written once, at creation.
 */
export const GOOGLE_WORKSPACE_DEFAULT_MAPPINGS: readonly FieldMapping[] = [
  { field: 'firstName', attribute: 'name.givenName', strength: 'always' },
  { field: 'lastName', attribute: 'name.familyName', strength: 'always' },
  { field: 'mobilePhone', attribute: 'phones[type eq "mobile"].value', strength: 'always' },
  { field: 'businessPhone', attribute: 'phones[type eq "work"].value', strength: 'always' },
  { field: 'jobTitle', attribute: 'organizations[type eq "work"].title', strength: 'always' },
  {
    field: 'department',
    attribute: 'organizations[type eq "work"].department',
    strength: 'always',
  },
  { field: 'country', attribute: 'addresses[type eq "work"].countryCode', strength: 'always' },
  { field: 'privateEmail', attribute: 'emails[type eq "home"].address', strength: 'onCreate' },
];

/** The default mappings, plus the OU path withOrgUnitPaths puts on each record. */
export function googleWorkspaceMappings(options: { orgUnits?: boolean } = {}): FieldMapping[] {
  return [
    ...GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
    ...(options.orgUnits
      ? [
          {
            field: `custom.${ORG_UNIT_CUSTOM_FIELD}`,
            attribute: 'orgUnitPath',
            strength: 'always' as const,
          },
        ]
      : []),
  ];
}
