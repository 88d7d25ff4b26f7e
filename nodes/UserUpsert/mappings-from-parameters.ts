import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
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
export function mappingsFrom(context: IExecuteFunctions, target: 'scim' | 'rest'): FieldMapping[] {
  const mode = context.getNodeParameter('mappingMode', 0) as 'default' | 'custom';
  let mappings: FieldMapping[];
  if (mode === 'default') {
    mappings = (target === 'scim' ? SCIM_DEFAULT_MAPPINGS : REST_DEFAULT_MAPPINGS).map((m) => ({
      ...m,
    }));
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
