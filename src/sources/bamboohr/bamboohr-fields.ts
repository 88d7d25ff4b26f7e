import type { HrFieldMap } from '../hr-systems/hr-read';

/**
 * Field names of the `employee` dataset, which are not those of the employee endpoints
 * ("the employee dataset uses fully qualified names such as jobInformationJobTitle,
 * jobInformationDepartment": https://documentation.bamboohr.com/reference/get-data-from-dataset-v2).
 * Check an account's own names with Get Fields from Dataset (v1.2) and override here.
 */
export const BAMBOOHR_DATASET_FIELDS: HrFieldMap = {
  employeeNumber: 'externalId',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  mobilePhone: 'mobilePhone',
  workPhone: 'businessPhone',
  country: 'country',
  jobInformationDepartment: 'department',
  jobInformationJobTitle: 'jobTitle',
  hireDate: 'startDate',
  terminationDate: 'endDate',
  // The supervisor's own employee ID, turned into the supervisor's employee number.
  supervisorEid: 'managerExternalId',
};

/** The dataset field with the employee's immutable ID, the one in BambooHR's profile URL. */
export const BAMBOOHR_DATASET_ID_FIELD = 'eeid';
export const BAMBOOHR_DATASET_MANAGER_FIELD = 'supervisorEid';

/**
 * The employee endpoints' field names, which a custom report takes
 * (https://documentation.bamboohr.com/reference/request-custom-report-1).
 */
export const BAMBOOHR_REPORT_FIELDS: HrFieldMap = {
  employeeNumber: 'externalId',
  firstName: 'firstName',
  lastName: 'lastName',
  workEmail: 'email',
  mobilePhone: 'mobilePhone',
  workPhone: 'businessPhone',
  country: 'country',
  department: 'department',
  jobTitle: 'jobTitle',
  hireDate: 'startDate',
  terminationDate: 'endDate',
  supervisorEId: 'managerExternalId',
};

export const BAMBOOHR_REPORT_MANAGER_FIELD = 'supervisorEId';

/**
 * Current employees and leavers (and future hires, which BambooHR files as Inactive), so
 * that a leaver arrives with the termination date as end date instead of vanishing.
 */
export const BAMBOOHR_DEFAULT_FILTER = "status in ('Active','Inactive')";
