import { ArchiveUnsupportedError, archiveUsers } from '../../../src/apply/archive-users';
import { DEFAULT_BRAKES } from '../../../src/plan/brakes';
import { RemoteError } from '../../../src/targets/remote-error';
import { RestDirectory, SPRINGEST_SHAPE } from '../../../src/targets/rest/rest-directory';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import type { DirectoryUser } from '../../../src/targets/directory';
import { fakeHttp } from './fake-http';

const user: DirectoryUser = {
  id: 'u/1',
  externalId: 'E1',
  email: 'e1@example.com',
  active: true,
  attributes: {},
};

describe('archive and delete writes', () => {
  it('REST: archiving POSTs the external ID with active false, and nothing else', async () => {
    const { http, requests } = fakeHttp(() => ({ status: 200, body: { id: '77' } }));
    const directory = new RestDirectory(http, {
      ...SPRINGEST_SHAPE,
      baseUrl: 'https://p.example',
      attributes: [],
    });
    await expect(directory.write({ kind: 'archive', externalId: 'E1', user })).resolves.toBe('77');
    expect(requests).toEqual([
      {
        method: 'POST',
        url: 'https://p.example/users.json',
        body: { external_id: 'E1', active: false },
      },
    ]);
  });

  it('REST: a delete is refused without a call, since the seed API has none', async () => {
    const { http, requests } = fakeHttp();
    const directory = new RestDirectory(http, {
      ...SPRINGEST_SHAPE,
      baseUrl: 'https://p.example',
      attributes: [],
    });
    await expect(
      directory.write({ kind: 'delete', externalId: 'E1', user }),
    ).rejects.toBeInstanceOf(RemoteError);
    expect(requests).toHaveLength(0);
    await expect(directory.capabilities()).resolves.not.toHaveProperty('canDelete', true);
  });

  it('SCIM: archiving PATCHes active false only; deleting DELETEs, and a 404 counts as deleted', async () => {
    const { http, requests } = fakeHttp((request) =>
      request.method === 'DELETE' ? { status: 404 } : {},
    );
    const directory = new ScimDirectory(http, {
      baseUrl: 'https://p.example/scim/v2',
      attributes: [],
    });
    await directory.write({ kind: 'archive', externalId: 'E1', user });
    await expect(directory.write({ kind: 'delete', externalId: 'E1', user })).resolves.toBe('u/1');
    expect(requests.map((request) => [request.method, request.url, request.body])).toEqual([
      [
        'PATCH',
        'https://p.example/scim/v2/Users/u%2F1',
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        },
      ],
      ['DELETE', 'https://p.example/scim/v2/Users/u%2F1', undefined],
    ]);
  });
});

describe('archiving a platform that cannot list its users', () => {
  it('refuses before any call when the REST API is read one user at a time', async () => {
    const { http, requests } = fakeHttp();
    const directory = new RestDirectory(http, {
      ...SPRINGEST_SHAPE,
      readMode: 'lookup',
      baseUrl: 'https://p.example',
      attributes: [],
    });
    await expect(
      archiveUsers({
        directory,
        snapshot: { externalIds: new Set(['E1']), leaving: new Map() },
        plan: {
          brakes: DEFAULT_BRAKES,
          owned: new Set(['E1']),
          archivedSince: {},
          today: '2026-11-21',
        },
        dryRun: false,
      }),
    ).rejects.toBeInstanceOf(ArchiveUnsupportedError);
    expect(requests).toHaveLength(0);
  });
});
