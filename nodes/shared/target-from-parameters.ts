import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
  REST_DEFAULT_MAPPINGS,
  RestDirectory,
  SCIM_DEFAULT_MAPPINGS,
  SPRINGEST_SHAPE,
  ScimDirectory,
  assertValidMappings,
  type FieldMapping,
  type HttpClient,
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

export function directoryFor(
  context: IExecuteFunctions,
  target: 'scim' | 'rest',
  baseUrl: string,
  mappings: readonly FieldMapping[],
  http: HttpClient,
): (ScimDirectory | RestDirectory) & { externalIdAttribute: string } {
  const attributes = mappings.map((mapping) => mapping.attribute);
  if (target === 'scim') {
    return Object.assign(new ScimDirectory(http, { baseUrl, attributes }), {
      externalIdAttribute: 'externalId',
    });
  }
  const settings = context.getNodeParameter('restSettings', 0, {}) as IDataObject;
  const shape = { ...SPRINGEST_SHAPE, ...settings } as typeof SPRINGEST_SHAPE;
  return Object.assign(
    new RestDirectory(http, { ...shape, pageSize: Number(shape.pageSize), baseUrl, attributes }),
    {
      externalIdAttribute: shape.externalIdAttribute,
    },
  );
}
