import type { FieldMapping } from '../plan/field-mapping';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * What a SCIM platform gets when the admin maps nothing. Private contact details are
 * written once, at creation: after that they belong to the employee and the admins.
 */
export const SCIM_DEFAULT_MAPPINGS: readonly FieldMapping[] = [
  { field: 'email', attribute: 'userName', strength: 'always' },
  { field: 'firstName', attribute: 'name.givenName', strength: 'always' },
  { field: 'lastName', attribute: 'name.familyName', strength: 'always' },
  { field: 'email', attribute: 'emails[type eq "work"].value', strength: 'always' },
  { field: 'privateEmail', attribute: 'emails[type eq "home"].value', strength: 'onCreate' },
  { field: 'mobilePhone', attribute: 'phoneNumbers[type eq "mobile"].value', strength: 'always' },
  { field: 'businessPhone', attribute: 'phoneNumbers[type eq "work"].value', strength: 'always' },
  {
    field: 'privateMobilePhone',
    attribute: 'phoneNumbers[type eq "home"].value',
    strength: 'onCreate',
  },
  { field: 'jobTitle', attribute: 'title', strength: 'always' },
  { field: 'language', attribute: 'preferredLanguage', strength: 'always' },
  { field: 'country', attribute: 'addresses[type eq "work"].country', strength: 'always' },
  { field: 'department', attribute: `${ENTERPRISE}:department`, strength: 'always' },
];

/**
 * The Springest seed's user fields, and only those: such a platform answers a field it does
 * not know with a 400, so language and manager are not sent (map them by hand where a
 * platform takes them; the seed's approvers need e-mails, not external IDs).
 */
export const REST_DEFAULT_MAPPINGS: readonly FieldMapping[] = [
  { field: 'email', attribute: 'email', strength: 'always' },
  { field: 'firstName', attribute: 'first_name', strength: 'always' },
  { field: 'lastName', attribute: 'last_name', strength: 'always' },
  { field: 'mobilePhone', attribute: 'phone_number', strength: 'always' },
  { field: 'country', attribute: 'country', strength: 'always' },
  { field: 'jobTitle', attribute: 'job_title', strength: 'always' },
  { field: 'department', attribute: 'department_name', strength: 'always' },
  { field: 'tags', attribute: 'tags', strength: 'always' },
  { field: 'startDate', attribute: 'employment_start_date', strength: 'always' },
  { field: 'endDate', attribute: 'employment_end_date', strength: 'always' },
];
