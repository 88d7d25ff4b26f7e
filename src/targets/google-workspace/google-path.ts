import type { AttributeValue } from '../directory';

/**
 * The Directory API user fields a mapping may name
 * (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users):
 *   `orgUnitPath`, `name.givenName`, `phones[type eq "mobile"].value`,
 *   `organizations[type eq "work"].title`, `externalIds[type eq "organization"].value`,
 *   `customSchemas.HR.costCenter` (a custom attribute: schema, then field).
 */
export type GooglePath =
  | { kind: 'field'; field: string; sub?: string }
  | { kind: 'list'; field: string; type: string; sub: string }
  | { kind: 'custom'; schema: string; field: string };

const CUSTOM = /^customSchemas\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const FIELD = /^([A-Za-z][A-Za-z0-9]*)(?:\[type eq "([^"]*)"\])?(?:\.([A-Za-z][A-Za-z0-9]*))?$/;

/** Lists whose first element of a kind is marked primary (a user's main phone, job). */
const PRIMARY_LISTS = new Set(['phones', 'organizations']);

export function parseGooglePath(path: string): GooglePath {
  const text = path.trim();
  const custom = CUSTOM.exec(text);
  if (custom) return { kind: 'custom', schema: custom[1] as string, field: custom[2] as string };
  const match = FIELD.exec(text);
  if (!match) {
    throw new Error(
      `"${path}" is not a Google Workspace user field this sync understands (examples: orgUnitPath, name.givenName, phones[type eq "mobile"].value, customSchemas.HR.costCenter).`,
    );
  }
  const [, field, type, sub] = match as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  if (type !== undefined) return { kind: 'list', field, type, sub: sub ?? 'value' };
  return { kind: 'field', field, ...(sub ? { sub } : {}) };
}

/** The top-level user key a path lives under: what a patch must send whole. */
export function topLevelKey(path: GooglePath): string {
  return path.kind === 'custom' ? 'customSchemas' : path.field;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readGooglePath(user: Json, path: GooglePath): AttributeValue {
  let value: unknown;
  if (path.kind === 'custom') {
    const schema = (user.customSchemas as Json | undefined)?.[path.schema];
    value = isObject(schema) ? schema[path.field] : undefined;
  } else if (path.kind === 'list') {
    const list = Array.isArray(user[path.field]) ? (user[path.field] as unknown[]) : [];
    const element = list.find((item) => isObject(item) && item.type === path.type);
    value = isObject(element) ? element[path.sub] : undefined;
  } else {
    value = user[path.field];
    if (path.sub) value = isObject(value) ? value[path.sub] : undefined;
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.map((item) => (isObject(item) ? String(item.value ?? '') : String(item)));
  return JSON.stringify(value);
}

/**
 * Writes a value into a user body being built (a create, or the whole lists and objects a
 * patch sends). Lists are rebuilt around the element of the path's type, so the entries
 * of other types that an admin added by hand stay as they were; an element left with
 * nothing but its type goes.
 */
export function writeGooglePath(user: Json, path: GooglePath, value: AttributeValue): void {
  if (path.kind === 'custom') {
    const schemas = isObject(user.customSchemas) ? user.customSchemas : {};
    const schema = isObject(schemas[path.schema]) ? { ...(schemas[path.schema] as Json) } : {};
    // A null clears a custom field (the users.patch page: "set the field to null").
    schema[path.field] = value;
    user.customSchemas = { ...schemas, [path.schema]: schema };
    return;
  }
  if (path.kind === 'list') {
    const list = Array.isArray(user[path.field]) ? (user[path.field] as unknown[]) : [];
    const previous = list.find((item) => isObject(item) && item.type === path.type);
    const rest = list.filter((item) => item !== previous);
    const element: Json = { ...(isObject(previous) ? previous : {}), type: path.type };
    if (value === null) Reflect.deleteProperty(element, path.sub);
    else element[path.sub] = value;
    const kept = Object.keys(element).some(
      (key) => !['type', 'primary', 'customType'].includes(key),
    );
    if (kept) {
      if (!previous && rest.length === 0 && PRIMARY_LISTS.has(path.field)) element.primary = true;
      // The element keeps its place, so a rebuilt list reads the same as before.
      const at = previous === undefined ? list.length : list.indexOf(previous);
      const rebuilt = [...rest];
      rebuilt.splice(Math.min(at, rebuilt.length), 0, element);
      user[path.field] = rebuilt;
    } else {
      user[path.field] = rest;
    }
    return;
  }
  if (path.sub) {
    const inner = isObject(user[path.field]) ? { ...(user[path.field] as Json) } : {};
    if (value === null) Reflect.deleteProperty(inner, path.sub);
    else inner[path.sub] = value;
    user[path.field] = inner;
    return;
  }
  user[path.field] = value;
}
