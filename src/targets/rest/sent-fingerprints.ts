import { createHash } from 'node:crypto';
import { sourceValue, type FieldMapping } from '../../plan/field-mapping';
import type { EmployeeRecord } from '../../record/fields';
import type { AttributeValue } from '../directory';

/**
 * For a target that cannot return what it stores (a lookup that answers only id, external
 * ID, e-mail and active): the sync remembers, per user, a fingerprint of the attributes it
 * last wrote successfully, and a night whose desired attributes have the same fingerprint
 * needs no write. Only the hash is kept, never the values.
 *
 * The caller (the node) keeps the fingerprints in the sync's memory
 * (`SyncMemoryState.sentFingerprints`, external ID → fingerprint), hands them to the
 * directory as `SentMemory.lastSent` with tonight's `desired` attributes, and after the run
 * stores `lastSent` overlaid with the directory's `sent`.
 */
export interface SentMemory {
  /** External ID → fingerprint of what was last sent successfully (from the sync's memory). */
  lastSent: ReadonlyMap<string, string>;
  /** Tonight's desired attributes per external ID: `desiredAttributesByExternalId`. */
  desired: ReadonlyMap<string, Readonly<Record<string, AttributeValue>>>;
}

/**
 * The attributes a record asks of the target on an update: every mapping except the
 * `onCreate` ones (which an update never writes), empty values as null, plus the external ID.
 */
export function desiredAttributes(
  record: EmployeeRecord,
  mappings: readonly FieldMapping[],
  externalIdAttribute: string,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    [externalIdAttribute]: record.externalId?.trim() ?? '',
  };
  for (const mapping of mappings) {
    if (mapping.strength === 'onCreate') continue;
    attributes[mapping.attribute] = sourceValue(record, mapping.field);
  }
  return attributes;
}

/** `desiredAttributes` of every record with an external ID, keyed by it. */
export function desiredAttributesByExternalId(
  records: readonly EmployeeRecord[],
  mappings: readonly FieldMapping[],
  externalIdAttribute: string,
): Map<string, Record<string, AttributeValue>> {
  const desired = new Map<string, Record<string, AttributeValue>>();
  for (const record of records) {
    const externalId = record.externalId?.trim();
    if (externalId)
      desired.set(externalId, desiredAttributes(record, mappings, externalIdAttribute));
  }
  return desired;
}

/**
 * A stable fingerprint of an attribute map: `sha256:` and the base64url SHA-256 of its
 * entries sorted by name, lists sorted (a platform keeps tags in any order), an absent or
 * empty value as null. The same attributes in any key order give the same fingerprint.
 */
export function attributeFingerprint(attributes: Readonly<Record<string, AttributeValue>>): string {
  const entries = Object.keys(attributes)
    .sort()
    .map((name) => [name, canonical(attributes[name])]);
  return `sha256:${createHash('sha256').update(JSON.stringify(entries)).digest('base64url')}`;
}

function canonical(value: AttributeValue | undefined): AttributeValue {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value))
    return value.length === 0 ? null : [...value].map((item) => item.trim()).sort();
  return typeof value === 'string' ? value.trim() : value;
}
