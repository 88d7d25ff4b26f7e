import type { HttpClient } from '../../http/http-client';
import { uniqueAttributes, type PlatformAttribute } from '../platform-attribute';

/*
 * The User attributes a SCIM platform lets a sync write, from its schema definitions
 * (RFC 7643 §7, served at /Schemas by RFC 7644 §4), flattened into the paths a field mapping
 * names. Left out: what the server sets (mutability readOnly), what a sync must not write
 * (a password, writeOnly), and what the SCIM target writes itself: `externalId` (the key),
 * `active` (the lifecycle) and the enterprise `manager` (the manager phase).
 */
const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const OWN_ATTRIBUTES = new Set(['id', 'externalId', 'active', 'meta', 'password', 'groups']);
const OWN_EXTENSION_ATTRIBUTES = new Set(['manager']);

interface SchemaAttribute {
  name: string;
  type?: string;
  multiValued?: boolean;
  mutability?: string;
  description?: string;
  canonicalValues?: string[];
  subAttributes?: SchemaAttribute[];
}

interface Schema {
  id: string;
  attributes: SchemaAttribute[];
}

/** The paths of the User schema and its extensions among a /Schemas answer. */
export function scimUserAttributes(schemas: unknown): PlatformAttribute[] {
  const userSchemas = schemaList(schemas).filter(
    (schema) => schema.id === CORE_USER_SCHEMA || /^urn:.+:User$/.test(schema.id),
  );
  // The core schema first, then its extensions, as an admin reads a user.
  userSchemas.sort((a, b) => Number(b.id === CORE_USER_SCHEMA) - Number(a.id === CORE_USER_SCHEMA));
  return uniqueAttributes(userSchemas.flatMap(schemaPaths));
}

function schemaList(answer: unknown): Schema[] {
  const list = Array.isArray(answer)
    ? answer
    : isObject(answer) && Array.isArray(answer.Resources)
      ? answer.Resources
      : [];
  return list.filter(
    (schema): schema is Schema =>
      isObject(schema) && typeof schema.id === 'string' && Array.isArray(schema.attributes),
  );
}

function schemaPaths(schema: Schema): PlatformAttribute[] {
  const core = schema.id === CORE_USER_SCHEMA;
  const prefix = core ? '' : `${schema.id}:`;
  const own = core ? OWN_ATTRIBUTES : OWN_EXTENSION_ATTRIBUTES;
  return schema.attributes
    .filter((attribute) => writable(attribute) && !own.has(attribute.name))
    .flatMap((attribute) =>
      attributePaths(attribute).map((path) => ({
        path: `${prefix}${path.path}`,
        ...(path.description ? { description: path.description } : {}),
      })),
    );
}

/**
 * A simple attribute is its name; a complex one each writable sub-attribute
 * (`name.givenName`); a multi-valued complex one with a `type` each canonical type's
 * sub-attributes (`emails[type eq "work"].value`), which is how the SCIM target picks
 * one element. A multi-valued attribute without types (roles, entitlements) has no single
 * value a mapping could write, so it is not offered.
 */
function attributePaths(attribute: SchemaAttribute): PlatformAttribute[] {
  const described = (path: string, from: SchemaAttribute): PlatformAttribute => ({
    path,
    ...(from.description ? { description: from.description } : {}),
  });
  const subs = (attribute.subAttributes ?? []).filter(writable);
  if (attribute.type !== 'complex') {
    return attribute.multiValued ? [] : [described(attribute.name, attribute)];
  }
  if (!attribute.multiValued) {
    return subs.map((sub) => described(`${attribute.name}.${sub.name}`, sub));
  }
  const typeAttribute = subs.find((sub) => sub.name === 'type');
  const types = typeAttribute?.canonicalValues ?? [];
  const valueSubs = subs.filter(
    (sub) => !['type', 'primary', 'display', '$ref'].includes(sub.name),
  );
  return types.flatMap((type) =>
    valueSubs.map((sub) => described(`${attribute.name}[type eq "${type}"].${sub.name}`, sub)),
  );
}

function writable(attribute: SchemaAttribute): boolean {
  return attribute.mutability !== 'readOnly' && attribute.mutability !== 'writeOnly';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The standard User attributes of RFC 7643 §4.1 and the enterprise extension of §4.3, for a
 * platform that does not serve /Schemas (it is a SHOULD in practice: several do not).
 */
const RFC_7643_USER_SCHEMAS: Schema[] = [
  {
    id: CORE_USER_SCHEMA,
    attributes: [
      { name: 'userName' },
      {
        name: 'name',
        type: 'complex',
        subAttributes: ['formatted', 'familyName', 'givenName', 'middleName'].map((name) => ({
          name,
        })),
      },
      ...['displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'locale'].map(
        (name) => ({ name }),
      ),
      { name: 'timezone' },
      typed('emails', ['work', 'home', 'other'], ['value']),
      typed('phoneNumbers', ['work', 'mobile', 'fax', 'pager', 'home', 'other'], ['value']),
      typed(
        'addresses',
        ['work', 'home', 'other'],
        ['streetAddress', 'locality', 'region', 'postalCode', 'country'],
      ),
    ],
  },
  {
    id: ENTERPRISE_USER_SCHEMA,
    attributes: ['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map(
      (name) => ({ name }),
    ),
  },
];

function typed(name: string, types: string[], values: string[]): SchemaAttribute {
  return {
    name,
    type: 'complex',
    multiValued: true,
    subAttributes: [
      { name: 'type', canonicalValues: types },
      ...values.map((value) => ({ name: value })),
    ],
  };
}

/** Where the attributes listed came from, for the editor to say so. */
export interface ScimAttributeList {
  attributes: PlatformAttribute[];
  /** `platform`: its /Schemas; `rfc7643`: it serves none, so the standard's list. */
  source: 'platform' | 'rfc7643';
}

/**
 * Reads /Schemas. A platform without it (404 or 501, RFC 7644 §3.12) gets the standard's
 * list; any other failure (a refused credential, a server error) is thrown, so the editor
 * shows why rather than a list the platform may not take.
 */
export async function readScimUserAttributes(
  http: HttpClient,
  baseUrl: string,
): Promise<ScimAttributeList> {
  const response = await http({
    method: 'GET',
    url: `${baseUrl.replace(/\/+$/, '')}/Schemas`,
    headers: { accept: 'application/scim+json, application/json' },
  });
  if (response.status === 404 || response.status === 501) {
    return { attributes: scimUserAttributes(RFC_7643_USER_SCHEMAS), source: 'rfc7643' };
  }
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `The SCIM platform answered ${response.status} to GET /Schemas: check the base URL and the token.`,
    );
  }
  const attributes = scimUserAttributes(response.body);
  return attributes.length > 0
    ? { attributes, source: 'platform' }
    : { attributes: scimUserAttributes(RFC_7643_USER_SCHEMAS), source: 'rfc7643' };
}
