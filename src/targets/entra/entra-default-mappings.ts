import type { FieldMapping } from '../../plan/field-mapping';

/**
 * What Microsoft Entra ID gets when the admin maps nothing: Graph user properties
 * (https://learn.microsoft.com/graph/api/resources/user). employeeId carries the external ID
 * and the sign-in name comes from its template, so neither is mapped here; usageLocation
 * follows the country on create unless mapped. The leave date (employeeLeaveDateTime) is
 * left out: writing it needs the extra User-LifeCycleInfo.ReadWrite.All permission
 * (https://learn.microsoft.com/graph/tutorial-lifecycle-workflows-set-employeeleavedatetime);
 * map endDate to it where the app has that permission.
 */
export const ENTRA_DEFAULT_MAPPINGS: readonly FieldMapping[] = [
  { field: 'firstName', attribute: 'givenName', strength: 'always' },
  { field: 'lastName', attribute: 'surname', strength: 'always' },
  { field: 'email', attribute: 'mail', strength: 'always' },
  { field: 'mobilePhone', attribute: 'mobilePhone', strength: 'always' },
  { field: 'businessPhone', attribute: 'businessPhones', strength: 'always' },
  { field: 'department', attribute: 'department', strength: 'always' },
  { field: 'jobTitle', attribute: 'jobTitle', strength: 'always' },
  { field: 'country', attribute: 'country', strength: 'always' },
  { field: 'language', attribute: 'preferredLanguage', strength: 'always' },
  { field: 'startDate', attribute: 'employeeHireDate', strength: 'always' },
];
