export {
  readPersonioEmployees,
  PERSONIO_LABEL,
  PERSONIO_DEFAULT_BASE_URL,
  type PersonioReadOptions,
} from './read-personio';
export { testPersonio } from './test-personio';
export { PERSONIO_FIELDS, PERSONIO_MANAGER_FIELD } from './personio-fields';
export { PersonioToken, type PersonioCredentials } from './personio-token';
