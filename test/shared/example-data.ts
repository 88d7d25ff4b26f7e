/**
 * What the sample files in examples/data must read as, shared by the engine's and the CLI's
 * tests so that both hold the same expectation.
 */
export const FIRST_VALID_EXCEL_NL_RECORD = {
  externalId: '1002',
  firstName: 'José',
  lastName: 'Ramírez',
  email: 'jose.ramirez@example.com',
  mobilePhone: '+31623456789',
  country: 'NL',
  language: 'nl',
  department: 'Supply Chain',
  jobTitle: 'Teamleider',
  managerExternalId: '1001',
  startDate: '2018-07-15',
  custom: { Location: 'Rotterdam' },
};
