export {
  readBambooHrEmployees,
  bambooHrBaseUrl,
  BAMBOOHR_LABEL,
  type BambooHrReadOptions,
} from './read-bamboohr';
export { testBambooHr, bambooHrAuthorization, type ConnectionTest } from './test-bamboohr';
export {
  BAMBOOHR_DATASET_FIELDS,
  BAMBOOHR_REPORT_FIELDS,
  BAMBOOHR_DEFAULT_FILTER,
  BAMBOOHR_DATASET_ID_FIELD,
} from './bamboohr-fields';
