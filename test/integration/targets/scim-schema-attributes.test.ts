/**
 * The attributes the editor lists for a SCIM platform, read from a real SCIM server's
 * /Schemas (scimmy, RFC 7643 §7): every path listed is one the SCIM target can write.
 */
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import { readScimUserAttributes } from '../../../src/targets/scim/scim-schema-attributes';
import { parseScimPath } from '../../../src/targets/scim/scim-path';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../../peers/scim-server';

describe('readScimUserAttributes on scimmy', () => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterAll(() => peer.close());

  const read = (token = peer.token) =>
    readScimUserAttributes(
      nodeHttpClient({ headers: { authorization: `Bearer ${token}` } }),
      peer.url,
    );

  it("lists the core User schema's writable paths and the enterprise extension's", async () => {
    const { attributes, source } = await read();
    const paths = attributes.map((attribute) => attribute.path);
    expect(source).toBe('platform');
    expect(paths).toEqual(
      expect.arrayContaining([
        'userName',
        'name.givenName',
        'name.familyName',
        'title',
        'preferredLanguage',
        'emails[type eq "work"].value',
        'phoneNumbers[type eq "mobile"].value',
        'addresses[type eq "work"].country',
        `${ENTERPRISE_USER}:department`,
        `${ENTERPRISE_USER}:costCenter`,
      ]),
    );
    // What the server sets or the target writes itself is not offered.
    for (const own of ['id', 'externalId', 'active', 'password', 'meta', 'groups']) {
      expect(paths.filter((path) => path === own || path.startsWith(`${own}.`))).toEqual([]);
    }
    expect(paths).not.toContain(`${ENTERPRISE_USER}:manager.value`);
    expect(
      paths.filter((path) => path.startsWith('urn:ietf:params:scim:schemas:core:2.0:Group')),
    ).toEqual([]);
    // The core schema comes first, as an admin reads a user.
    expect(paths[0]!.startsWith('urn:')).toBe(false);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('lists only paths the SCIM target parses, and every standard field among them', async () => {
    const paths = (await read()).attributes.map((attribute) => attribute.path);
    for (const path of paths) expect(() => parseScimPath(path)).not.toThrow();
    for (const mapping of SCIM_DEFAULT_MAPPINGS) expect(paths).toContain(mapping.attribute);
  });

  it('says why when the token is refused, rather than listing anything', async () => {
    await expect(read('wrong-token')).rejects.toThrow(/answered 401 to GET \/Schemas/);
  });
});
