import type { INodeExecutionData } from 'n8n-workflow';
import { CANONICAL_FIELDS, type EmployeeRecord } from '../../src';

/** The canonical record an item carries (as CSV Parse & Validate writes it), nothing else. */
export function recordFromItem(item: INodeExecutionData): EmployeeRecord {
  const json = item.json;
  const record: EmployeeRecord = { custom: {} };
  for (const field of CANONICAL_FIELDS) {
    const value = json[field];
    if (value === undefined || value === null) continue;
    if (field === 'tags') {
      record.tags = Array.isArray(value)
        ? value.map((tag) => String(tag))
        : String(value)
            .split(/[,;|]/)
            .map((tag) => tag.trim().toLowerCase())
            .filter(Boolean);
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
