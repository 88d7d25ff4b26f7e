import {
  ENTRA_DEFAULT_MAPPINGS,
  GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
  REST_DEFAULT_MAPPINGS,
  SCIM_DEFAULT_MAPPINGS,
  type FieldMapping,
} from '../../src';
import type { Platform } from '../shared/platform-properties';

/** Each platform's standard fields: what *Standard Fields of the Platform* writes. */
export const DEFAULT_MAPPINGS: Record<Platform, readonly FieldMapping[]> = {
  scim: SCIM_DEFAULT_MAPPINGS,
  rest: REST_DEFAULT_MAPPINGS,
  entra: ENTRA_DEFAULT_MAPPINGS,
  googleWorkspace: GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
};
