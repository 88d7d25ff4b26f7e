import type { IDataObject } from 'n8n-workflow';
import { parseMappingConfig, type MappingConfig } from '../../src';

interface ColumnEntry {
  column?: string;
  field?: string;
}
interface RuleEntry {
  field?: string;
  from?: string;
  to?: string;
}

/** Joins the JSON mapping and the form's column and value rules into one engine mapping. */
export function mappingFromParameters(
  mappingJson: unknown,
  columnMapping: IDataObject,
  valueRules: IDataObject,
): MappingConfig {
  const base = typeof mappingJson === 'string' ? parseJson(mappingJson) : (mappingJson ?? {});
  // Anything but an object is refused by the schema, with its own message.
  if (typeof base !== 'object' || base === null || Array.isArray(base))
    return parseMappingConfig(base);
  const config = structuredClone(base) as Record<string, unknown>;
  const columns = { ...(config.columns as Record<string, string | null> | undefined) };
  for (const entry of (columnMapping.columns as ColumnEntry[] | undefined) ?? []) {
    const column = entry.column?.trim();
    if (!column) continue;
    if (entry.field === '__ignore') columns[column] = null;
    else if (entry.field === '__custom') columns[column] = `custom:${column}`;
    else if (entry.field) columns[column] = entry.field;
  }
  if (Object.keys(columns).length > 0) config.columns = columns;
  const values = { ...(config.values as Record<string, Record<string, string>> | undefined) };
  for (const rule of (valueRules.rules as RuleEntry[] | undefined) ?? []) {
    if (!rule.field || rule.from === undefined) continue;
    values[rule.field] = { ...values[rule.field], [rule.from]: rule.to ?? '' };
  }
  if (Object.keys(values).length > 0) config.values = values;
  return parseMappingConfig(config);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`The Mapping (JSON) option is not valid JSON: ${(error as Error).message}`);
  }
}

/** "externalId, email|mobilePhone" → ["externalId", "email|mobilePhone"]. */
export function requiredFromParameter(text: string): string[] {
  return text
    .split(',')
    .map((rule) =>
      rule
        .split('|')
        .map((field) => field.trim())
        .filter(Boolean)
        .join('|'),
    )
    .filter(Boolean);
}
