import type { INodeExecutionData } from 'n8n-workflow';
import { CANONICAL_FIELDS, splitTags, type EmployeeRecord } from '../../src';

/** The canonical record an item carries (as CSV Parse & Validate writes it), nothing else. */
export function recordFromItem(item: INodeExecutionData): EmployeeRecord {
  const json = item.json;
  const record: EmployeeRecord = { custom: {} };
  for (const field of CANONICAL_FIELDS) {
    const value = json[field];
    if (value === undefined || value === null) continue;
    if (field === 'tags') {
      // The same rule as a CSV cell: split, trimmed, lower-cased, no empties, no duplicates.
      record.tags = splitTags(Array.isArray(value) ? value.map(String).join(',') : String(value));
    } else {
      record[field] = String(value);
    }
  }
  const custom = json.custom;
  if (custom && typeof custom === 'object' && !Array.isArray(custom)) {
    for (const [name, value] of Object.entries(custom)) record.custom[name] = String(value ?? '');
  }
  return record;
}
