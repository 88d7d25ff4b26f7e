import type { AttributeValue } from '../directory';

/**
 * The mapped attribute names are Microsoft Graph user properties
 * (https://learn.microsoft.com/graph/api/resources/user). Most are plain strings; these
 * few need a shape of their own on the way in and out.
 */
type Json = Record<string, unknown>;

/** Graph keeps these as DateTimeOffset; HR gives a date (https://learn.microsoft.com/graph/api/resources/user). */
const DATE_TIME_PROPERTIES: ReadonlySet<string> = new Set([
  'employeeHireDate',
  'employeeLeaveDateTime',
]);

/** "A string collection, but only one number can be set" (user resource, businessPhones). */
const LIST_PROPERTIES: ReadonlySet<string> = new Set(['businessPhones']);

/**
 * "The individual extension attributes are neither selectable nor filterable": the read
 * selects the whole object, and a write sends it with only the attributes it changes
 * (https://learn.microsoft.com/graph/api/resources/onpremisesextensionattributes).
 */
export const EXTENSION_ATTRIBUTES = 'onPremisesExtensionAttributes';
const EXTENSION_ATTRIBUTE = /^onPremisesExtensionAttributes\.extensionAttribute([1-9]|1[0-5])$/;

/** Properties this target sets itself: a mapping may not write them. */
const OWN_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'accountEnabled',
  'userPrincipalName',
  'mailNickname',
  'passwordProfile',
  'passwordPolicies',
  'employeeId',
  'manager',
]);

/**
 * Properties Graph does not let a write empty: displayName "cannot be cleared during
 * updates", usageLocation is "not nullable" (user resource). An empty HR value leaves them.
 */
const NOT_CLEARABLE: ReadonlySet<string> = new Set(['displayName', 'usageLocation']);

export class EntraAttributeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntraAttributeError';
  }
}

/** Refuses an attribute Graph has no place for, or one this target writes itself. */
export function assertEntraAttribute(attribute: string): void {
  if (OWN_PROPERTIES.has(attribute)) {
    throw new EntraAttributeError(
      `"${attribute}" is set by the Entra target itself (employeeId from the external ID, the sign-in name from its template); map another attribute.`,
    );
  }
  if (attribute.includes('.')) {
    if (EXTENSION_ATTRIBUTE.test(attribute)) return;
    throw new EntraAttributeError(
      `"${attribute}" is not a Microsoft Graph user property; nested names are allowed only as onPremisesExtensionAttributes.extensionAttribute1 to 15.`,
    );
  }
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(attribute)) {
    throw new EntraAttributeError(`"${attribute}" is not a Microsoft Graph user property.`);
  }
}

/** The property `$select` must name to read this attribute. */
export function selectedProperty(attribute: string): string {
  return EXTENSION_ATTRIBUTE.test(attribute) ? EXTENSION_ATTRIBUTES : attribute;
}

/** A Graph user's value for a mapped attribute, in the shape the planner compares. */
export function readAttribute(user: Json, attribute: string): AttributeValue {
  const match = EXTENSION_ATTRIBUTE.exec(attribute);
  const value = match
    ? ((user[EXTENSION_ATTRIBUTES] as Json | null | undefined)?.[`extensionAttribute${match[1]}`] ??
      null)
    : (user[attribute] ?? null);
  if (DATE_TIME_PROPERTIES.has(attribute) && typeof value === 'string') return dateOf(value);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return String(value);
}

/**
 * Midnight UTC is the date HR gave, so it reads back as that date and compares equal;
 * any other time is kept whole, and then differs from HR's date.
 */
function dateOf(value: string): string {
  const midnight = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?(?:Z|[+-]00:?00)$/.exec(value);
  return midnight ? midnight[1]! : value;
}

/** A planned value as Graph takes it. */
export function graphValue(attribute: string, value: AttributeValue): unknown {
  if (LIST_PROPERTIES.has(attribute)) {
    if (value === null || value === '') return [];
    return Array.isArray(value) ? value : [value];
  }
  if (DATE_TIME_PROPERTIES.has(attribute) && typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  }
  return value === '' ? null : value;
}

/**
 * Puts one attribute into a create or PATCH body; an extension attribute goes into the
 * nested object. Returns false for a value Graph does not let a write clear.
 */
export function putAttribute(body: Json, attribute: string, value: AttributeValue): boolean {
  const converted = graphValue(attribute, value);
  if (converted === null && NOT_CLEARABLE.has(attribute)) return false;
  const match = EXTENSION_ATTRIBUTE.exec(attribute);
  if (!match) {
    body[attribute] = converted;
    return true;
  }
  const nested = (body[EXTENSION_ATTRIBUTES] ??= {}) as Json;
  nested[`extensionAttribute${match[1]}`] = converted;
  return true;
}
