import { isCanonicalField, type EmployeeRecord } from '../record/fields';
import type { AttributeValue } from '../targets/directory';

/**
 * How strongly a source field owns its target attribute (after midPoint's strong/weak
 * mappings and Entra's "only during creation"):
 * - `always`: the target follows HR on every run;
 * - `onCreate`: written when the user is created, then left to the admins (a private phone);
 * - `whenEmpty`: written only while the target has no value.
 */
export type MappingStrength = 'always' | 'onCreate' | 'whenEmpty';
export const MAPPING_STRENGTHS: readonly MappingStrength[] = ['always', 'onCreate', 'whenEmpty'];

export interface FieldMapping {
  /** A canonical field (`firstName`) or a custom column (`custom.Cost center`). */
  field: string;
  attribute: string;
  strength: MappingStrength;
}

/** The value a record gives a mapping; `null` when the record has none. */
export function sourceValue(record: EmployeeRecord, field: string): AttributeValue {
  if (field.startsWith('custom.')) return emptyToNull(record.custom[field.slice('custom.'.length)]);
  if (!isCanonicalField(field)) return null;
  if (field === 'tags') return record.tags && record.tags.length > 0 ? [...record.tags] : null;
  return emptyToNull(record[field]);
}

function emptyToNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function isEmptyValue(value: AttributeValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Equality as a platform means it: e-mail addresses without case, lists as sets
 * (tags come back in any order), text without surrounding spaces.
 */
export function sameValue(
  field: string,
  a: AttributeValue | undefined,
  b: AttributeValue,
): boolean {
  if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = toList(a);
    const right = toList(b);
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const left = String(a).trim();
  const right = String(b).trim();
  return /email/i.test(field) ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function toList(value: AttributeValue | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  const list = Array.isArray(value) ? value : [String(value)];
  return list.map((item) => item.trim().toLowerCase()).sort();
}

export class FieldMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldMappingError';
  }
}

/** Refuses mappings that would make the plan ambiguous, before anything is read. */
export function assertValidMappings(mappings: readonly FieldMapping[]): void {
  const seen = new Map<string, string>();
  for (const mapping of mappings) {
    if (!mapping.attribute.trim()) {
      throw new FieldMappingError(`The mapping of "${mapping.field}" has no target attribute.`);
    }
    if (!mapping.field.startsWith('custom.') && !isCanonicalField(mapping.field)) {
      throw new FieldMappingError(
        `"${mapping.field}" is not a field of the employee record; use a canonical field or custom.<column>.`,
      );
    }
    const earlier = seen.get(mapping.attribute);
    if (earlier !== undefined) {
      throw new FieldMappingError(
        `The target attribute "${mapping.attribute}" is mapped twice (from "${earlier}" and "${mapping.field}").`,
      );
    }
    seen.set(mapping.attribute, mapping.field);
  }
}
