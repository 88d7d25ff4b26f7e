import type { AttributeValue } from '../directory';

/**
 * The SCIM attribute paths a field mapping may name (RFC 7644 §3.10), in the subset that
 * identity platforms use for users:
 *   `title`, `name.givenName`, `emails[type eq "work"].value`,
 *   `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
 */
export interface ScimPath {
  /** The schema URN for an extension attribute, else undefined (core schema). */
  extension?: string;
  attribute: string;
  /** For a multi-valued attribute, the `type` its element is picked by. */
  typeFilter?: string;
  subAttribute?: string;
}

const PATH =
  /^(?:(urn:[^\s[\]]+):)?([A-Za-z$][\w$-]*)(?:\[type eq "([^"]*)"\])?(?:\.([A-Za-z$][\w$-]*))?$/;

export function parseScimPath(path: string): ScimPath {
  const match = PATH.exec(path.trim());
  if (!match) {
    throw new Error(
      `"${path}" is not a SCIM attribute path this sync understands (examples: title, name.givenName, emails[type eq "work"].value).`,
    );
  }
  const [, extension, attribute, typeFilter, subAttribute] = match;
  return {
    attribute: attribute as string,
    ...(extension ? { extension } : {}),
    ...(typeFilter !== undefined ? { typeFilter } : {}),
    ...(subAttribute ? { subAttribute } : {}),
  };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function container(resource: Json, path: ScimPath, create: boolean): Json | undefined {
  if (!path.extension) return resource;
  const existing = resource[path.extension];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: Json = {};
  resource[path.extension] = made;
  return made;
}

/** The value at `path`, flattened to what the planner compares; null when absent. */
export function readScimPath(resource: Json, path: ScimPath): AttributeValue {
  const holder = container(resource, path, false);
  if (!holder) return null;
  let value = holder[path.attribute];
  if (path.typeFilter !== undefined) {
    const element = Array.isArray(value)
      ? value.find((item) => isObject(item) && item.type === path.typeFilter)
      : undefined;
    value = isObject(element) ? element[path.subAttribute ?? 'value'] : undefined;
  } else if (path.subAttribute) {
    value = isObject(value) ? value[path.subAttribute] : undefined;
  }
  return toAttributeValue(value);
}

function toAttributeValue(value: unknown): AttributeValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return value.map((item) => (isObject(item) ? String(item.value ?? '') : String(item)));
  }
  return JSON.stringify(value);
}

/** Writes `value` at `path` into a resource being built (for POST and for whole-array replaces). */
export function writeScimPath(resource: Json, path: ScimPath, value: AttributeValue): void {
  const holder = container(resource, path, true) as Json;
  if (path.typeFilter !== undefined) {
    const list = Array.isArray(holder[path.attribute]) ? (holder[path.attribute] as unknown[]) : [];
    const rest = list.filter((item) => !(isObject(item) && item.type === path.typeFilter));
    const previous = list.find((item) => isObject(item) && item.type === path.typeFilter);
    const element: Json = { ...(isObject(previous) ? previous : {}), type: path.typeFilter };
    const key = path.subAttribute ?? 'value';
    if (value === null) Reflect.deleteProperty(element, key);
    else element[key] = value;
    // Clearing one part (an address's country) keeps the rest the admins filled in; an
    // element with nothing left but its type and primary flag goes.
    const kept = Object.keys(element).some((name) => name !== 'type' && name !== 'primary');
    if (kept) {
      // The first element of a kind is the primary one when the user has no other.
      if (!previous && rest.length === 0 && path.attribute !== 'addresses') element.primary = true;
      rest.push(element);
    }
    holder[path.attribute] = rest;
    return;
  }
  if (path.subAttribute) {
    const inner = isObject(holder[path.attribute]) ? (holder[path.attribute] as Json) : {};
    if (value === null) Reflect.deleteProperty(inner, path.subAttribute);
    else inner[path.subAttribute] = value;
    holder[path.attribute] = inner;
    return;
  }
  if (value === null) Reflect.deleteProperty(holder, path.attribute);
  else holder[path.attribute] = value;
}
