import type { HrFieldMap } from '../hr-systems/hr-read';

/**
 * A person joined with their current employment, under one set of names for v2 and the
 * v1 fallback: person fields by their own name (https://developer.personio.de/reference/get_v2-persons),
 * employment fields under `employment.` (https://developer.personio.de/reference/get_v2-persons-person-id-employments),
 * `employment.org_units.<type>` for the name of the org unit of that type, and
 * `custom_attributes.<name>` for a custom attribute by its label or its ID.
 */
export const PERSONIO_FIELDS: HrFieldMap = {
  id: 'externalId',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  language_code: 'language',
  'employment.position.title': 'jobTitle',
  'employment.org_units.department': 'department',
  'employment.start_date': 'startDate',
  'employment.termination_date': 'endDate',
  // The supervisor's person ID, turned into the supervisor's external ID.
  'employment.supervisor.id': 'managerExternalId',
};

export const PERSONIO_MANAGER_FIELD = 'employment.supervisor.id';
