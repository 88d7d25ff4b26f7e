import type { HrFieldMap, RecordTarget } from '../hr-systems/hr-read';

/**
 * HiBob field IDs in dot notation, "the canonical field ID" of Fields metadata
 * (https://apidocs.hibob.com/reference/post_people-search). Custom fields have IDs of their
 * own (from GET /v1/company/people/fields); add them as `<id>: 'custom:<name>'`.
 */
export const HIBOB_FIELDS: HrFieldMap = {
  'work.employeeIdInCompany': 'externalId',
  'root.firstName': 'firstName',
  'root.surname': 'lastName',
  'root.email': 'email',
  'work.mobile': 'mobilePhone',
  'work.workPhone': 'businessPhone',
  'address.country': 'country',
  'work.department': 'department',
  'work.title': 'jobTitle',
  'work.startDate': 'startDate',
  'internal.terminationDate': 'endDate',
  // The manager's backend ID, turned into the manager's external ID.
  'work.reportsTo': 'managerExternalId',
};

/** The employee's backend ID, the number in the Bob profile URL. */
export const HIBOB_ID_FIELD = 'root.id';
export const HIBOB_MANAGER_FIELD = 'work.reportsTo';

/**
 * List fields (department, title, site, country) come back as list item IDs in machine
 * format; their display names are in the `humanReadable` node that `APPEND` adds
 * (https://apidocs.hibob.com/docs/how-to-work-with-lists-public-api). Dates and references
 * stay machine-readable: human-readable dates follow the calling user's format.
 */
export function prefersHumanReadable(target: RecordTarget): boolean {
  return (
    target === 'department' ||
    target === 'jobTitle' ||
    target === 'country' ||
    target.startsWith('custom:')
  );
}
