import { CANONICAL_FIELDS } from '../../src';

/** The HR fields a mapping may write, as an options list; the external ID is the key, never a mapped value. */
export const HR_FIELD_OPTIONS = CANONICAL_FIELDS.filter((field) => field !== 'externalId').map(
  (field) => ({ name: field, value: field }),
);
