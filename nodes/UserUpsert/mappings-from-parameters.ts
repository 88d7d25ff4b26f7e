import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';
import {
  FieldMappingError,
  assertValidMappings,
  type FieldMapping,
  type MappingStrength,
} from '../../src';
import type { Platform } from '../shared/platform-properties';
import { DEFAULT_MAPPINGS } from './default-mappings-by-platform';
import { attributePathOf } from './platform-attribute-fields';

interface MappingEntry {
  field?: string;
  customField?: string;
  attribute?: string;
  strength?: MappingStrength;
}

/** The field mappings the admin chose, with protected fields downgraded to "only when creating". */
export function mappingsFrom(context: IExecuteFunctions, target: Platform): FieldMapping[] {
  const mode = context.getNodeParameter('mappingMode', 0) as 'default' | 'platform' | 'custom';
  const mappings =
    mode === 'default'
      ? DEFAULT_MAPPINGS[target].map((m) => ({ ...m }))
      : mode === 'platform'
        ? pickedAttributes(context, target)
        : pathMappings(context);
  const protectedFields = new Set(context.getNodeParameter('protectedFields', 0, []) as string[]);
  for (const mapping of mappings)
    if (protectedFields.has(mapping.field)) mapping.strength = 'onCreate';
  assertValidMappings(mappings);
  return mappings;
}

/** *Map by Attribute Path*: each entry names the attribute as free text. */
function pathMappings(context: IExecuteFunctions): FieldMapping[] {
  const entries = ((context.getNodeParameter('fieldMappings', 0, {}) as IDataObject).mappings ??
    []) as MappingEntry[];
  return entries.map((entry) => ({
    field: entry.field === '__custom' ? `custom.${entry.customField ?? ''}` : (entry.field ?? ''),
    attribute: (entry.attribute ?? '').trim(),
    strength: entry.strength ?? 'always',
  }));
}

/**
 * *Pick From the Platform's Attributes* (the resource mapper): each row an attribute, its
 * value the HR field. A row left empty maps nothing. A pair that is one of the platform's
 * standard fields keeps its standard strength (a private e-mail written once, at creation).
 */
function pickedAttributes(context: IExecuteFunctions, target: Platform): FieldMapping[] {
  const picked = context.getNodeParameter(
    'platformAttributes',
    0,
    {},
  ) as Partial<ResourceMapperValue>;
  const mappings = Object.entries(picked.value ?? {})
    .filter(([, field]) => field !== null && String(field).trim() !== '')
    .map(([id, field]) => {
      const attribute = attributePathOf(id);
      const hrField = String(field).trim();
      const standard = DEFAULT_MAPPINGS[target].find(
        (m) => m.attribute === attribute && m.field === hrField,
      );
      return { field: hrField, attribute, strength: standard?.strength ?? 'always' };
    });
  if (mappings.length === 0) {
    throw new FieldMappingError(
      'No platform attribute has an HR field: pick one for each attribute to write, or choose the standard fields.',
    );
  }
  return mappings;
}
