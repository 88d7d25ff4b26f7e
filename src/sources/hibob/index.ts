export {
  readHiBobEmployees,
  HIBOB_LABEL,
  HIBOB_DEFAULT_BASE_URL,
  type HiBobReadOptions,
} from './read-hibob';
export { testHiBob, hiBobAuthorization } from './test-hibob';
export { HIBOB_FIELDS, HIBOB_ID_FIELD } from './hibob-fields';
