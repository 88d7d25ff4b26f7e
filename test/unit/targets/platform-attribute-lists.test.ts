import { ENTRA_DEFAULT_MAPPINGS } from '../../../src/targets/entra/entra-default-mappings';
import { ENTRA_USER_ATTRIBUTES } from '../../../src/targets/entra/entra-attribute-list';
import { assertEntraAttribute } from '../../../src/targets/entra/entra-attributes';
import { GOOGLE_WORKSPACE_DEFAULT_MAPPINGS } from '../../../src/targets/google-workspace/default-mappings';
import { GOOGLE_WORKSPACE_USER_ATTRIBUTES } from '../../../src/targets/google-workspace/google-attribute-list';
import { parseGooglePath } from '../../../src/targets/google-workspace/google-path';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import {
  readScimUserAttributes,
  scimUserAttributes,
} from '../../../src/targets/scim/scim-schema-attributes';
import { parseScimPath } from '../../../src/targets/scim/scim-path';
import type { HttpClient } from '../../../src/http/http-client';

const paths = (list: readonly { path: string }[]) => list.map((attribute) => attribute.path);

describe("each target's own attribute list", () => {
  it('Entra: only properties the Entra target accepts, its standard ones included', () => {
    for (const path of paths(ENTRA_USER_ATTRIBUTES))
      expect(() => assertEntraAttribute(path)).not.toThrow();
    for (const mapping of ENTRA_DEFAULT_MAPPINGS)
      expect(paths(ENTRA_USER_ATTRIBUTES)).toContain(mapping.attribute);
    expect(paths(ENTRA_USER_ATTRIBUTES)).toContain(
      'onPremisesExtensionAttributes.extensionAttribute15',
    );
    expect(paths(ENTRA_USER_ATTRIBUTES)).not.toContain('employeeId');
  });

  it('Google Workspace: only paths the Workspace target parses, its standard ones included', () => {
    for (const path of paths(GOOGLE_WORKSPACE_USER_ATTRIBUTES))
      expect(() => parseGooglePath(path)).not.toThrow();
    for (const mapping of GOOGLE_WORKSPACE_DEFAULT_MAPPINGS)
      expect(paths(GOOGLE_WORKSPACE_USER_ATTRIBUTES)).toContain(mapping.attribute);
    expect(paths(GOOGLE_WORKSPACE_USER_ATTRIBUTES)).not.toContain('primaryEmail');
  });
});

describe('scimUserAttributes: a /Schemas answer flattened (RFC 7643 §7)', () => {
  const answer = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    Resources: [
      {
        id: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        attributes: [{ name: 'displayName', type: 'string' }],
      },
      {
        id: 'urn:example:acme:2.0:User',
        attributes: [
          { name: 'site', type: 'string', mutability: 'readWrite' },
          { name: 'badge', type: 'string', mutability: 'readOnly' },
        ],
      },
      {
        id: 'urn:ietf:params:scim:schemas:core:2.0:User',
        attributes: [
          { name: 'id', type: 'string', mutability: 'readOnly' },
          { name: 'userName', type: 'string', description: 'Unique identifier' },
          {
            name: 'name',
            type: 'complex',
            subAttributes: [
              { name: 'givenName', type: 'string' },
              { name: 'formatted', type: 'string', mutability: 'readOnly' },
            ],
          },
          { name: 'password', type: 'string', mutability: 'writeOnly' },
          { name: 'active', type: 'boolean' },
          {
            name: 'emails',
            type: 'complex',
            multiValued: true,
            subAttributes: [
              { name: 'value', type: 'string' },
              { name: 'type', type: 'string', canonicalValues: ['work', 'home'] },
              { name: 'primary', type: 'boolean' },
            ],
          },
          {
            name: 'roles',
            type: 'complex',
            multiValued: true,
            subAttributes: [{ name: 'value', type: 'string' }],
          },
          { name: 'nickNames', type: 'string', multiValued: true },
        ],
      },
      {
        id: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        attributes: [
          { name: 'department', type: 'string' },
          {
            name: 'manager',
            type: 'complex',
            subAttributes: [{ name: 'value', type: 'string' }],
          },
        ],
      },
    ],
  };

  it('gives the paths the SCIM target writes, core first, without what it must not write', () => {
    expect(paths(scimUserAttributes(answer))).toEqual([
      'userName',
      'name.givenName',
      'emails[type eq "work"].value',
      'emails[type eq "home"].value',
      'urn:example:acme:2.0:User:site',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    ]);
    expect(scimUserAttributes(answer)[0]).toEqual({
      path: 'userName',
      description: 'Unique identifier',
    });
  });

  it('takes a bare array as well as a ListResponse, and ignores what is not a schema', () => {
    expect(paths(scimUserAttributes(answer.Resources))).toEqual(paths(scimUserAttributes(answer)));
    expect(scimUserAttributes({ Resources: [null, 3, { id: 'x' }] })).toEqual([]);
    expect(scimUserAttributes('<html>')).toEqual([]);
  });
});

describe('readScimUserAttributes without /Schemas', () => {
  const answering =
    (status: number, body: unknown = ''): HttpClient =>
    async () => ({ status, headers: {}, body });

  it.each([404, 501])(
    'falls back to the RFC 7643 list on %i, with every standard field',
    async (status) => {
      const { attributes, source } = await readScimUserAttributes(
        answering(status),
        'https://p.example/scim/v2/',
      );
      expect(source).toBe('rfc7643');
      for (const path of paths(attributes)) expect(() => parseScimPath(path)).not.toThrow();
      for (const mapping of SCIM_DEFAULT_MAPPINGS)
        expect(paths(attributes)).toContain(mapping.attribute);
    },
  );

  it('falls back when /Schemas lists no User schema', async () => {
    const { source } = await readScimUserAttributes(
      answering(200, { Resources: [] }),
      'https://p.example',
    );
    expect(source).toBe('rfc7643');
  });

  it('asks /Schemas once under the base URL, and throws on a refusal or a server error', async () => {
    const urls: string[] = [];
    const http: HttpClient = async (request) => {
      urls.push(request.url);
      return { status: 403, headers: {}, body: { detail: 'forbidden' } };
    };
    await expect(readScimUserAttributes(http, 'https://p.example/scim/v2/')).rejects.toThrow(
      'The SCIM platform answered 403 to GET /Schemas: check the base URL and the token.',
    );
    expect(urls).toEqual(['https://p.example/scim/v2/Schemas']);
    await expect(readScimUserAttributes(answering(500), 'https://p.example')).rejects.toThrow(
      /500/,
    );
  });
});
