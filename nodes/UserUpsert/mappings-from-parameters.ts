import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
  ENTRA_DEFAULT_MAPPINGS,
  GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
  REST_DEFAULT_MAPPINGS,
  SCIM_DEFAULT_MAPPINGS,
  assertValidMappings,
  type FieldMapping,
  type MappingStrength,
} from '../../src';

interface MappingEntry {
  field?: string;
  customField?: string;
  attribute?: string;
  strength?: MappingStrength;
}

/** The field mappings the admin chose, with protected fields downgraded to "only when creating". */
const DEFAULT_MAPPINGS = {
  scim: SCIM_DEFAULT_MAPPINGS,
  rest: REST_DEFAULT_MAPPINGS,
  entra: ENTRA_DEFAULT_MAPPINGS,
  googleWorkspace: GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
};

export function mappingsFrom(
  context: IExecuteFunctions,
  target: keyof typeof DEFAULT_MAPPINGS,
): FieldMapping[] {
  const mode = context.getNodeParameter('mappingMode', 0) as 'default' | 'custom';
  let mappings: FieldMapping[];
  if (mode === 'default') {
    mappings = DEFAULT_MAPPINGS[target].map((m) => ({ ...m }));
  } else {
    const entries = ((context.getNodeParameter('fieldMappings', 0, {}) as IDataObject).mappings ??
      []) as MappingEntry[];
    mappings = entries.map((entry) => ({
      field: entry.field === '__custom' ? `custom.${entry.customField ?? ''}` : (entry.field ?? ''),
      attribute: (entry.attribute ?? '').trim(),
      strength: entry.strength ?? 'always',
    }));
  }
  const protectedFields = new Set(context.getNodeParameter('protectedFields', 0, []) as string[]);
  for (const mapping of mappings)
    if (protectedFields.has(mapping.field)) mapping.strength = 'onCreate';
  assertValidMappings(mappings);
  return mappings;
}
