/**
 * Managers on a real SCIM server (scimmy): the enterprise extension's manager.value is the
 * manager's SCIM id (RFC 7643 §4.3), set in a second phase once everyone exists, in bulk
 * and one by one alike.
 */
import { upsertUsers } from '../../../src/apply/upsert-users';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import type { EmployeeRecord } from '../../../src/record/fields';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import { ENTERPRISE_USER, startScimServer, type ScimPeer } from '../../peers/scim-server';

const employee = (externalId: string, managerExternalId?: string): EmployeeRecord => ({
  externalId,
  email: `${externalId.toLowerCase()}@example.com`,
  firstName: externalId,
  ...(managerExternalId !== undefined ? { managerExternalId } : {}),
  custom: {},
});

function sync(peer: ScimPeer, records: EmployeeRecord[]) {
  const http = nodeHttpClient({ headers: { authorization: `Bearer ${peer.token}` } });
  const directory = new ScimDirectory(http, {
    baseUrl: peer.url,
    attributes: SCIM_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
  });
  return upsertUsers({
    records,
    directory,
    dryRun: false,
    linkManagers: true,
    plan: {
      mappings: SCIM_DEFAULT_MAPPINGS,
      emptySourceValue: 'leave',
      matchByEmail: true,
      today: '2026-12-02',
      reactivate: { archivedBySync: new Set() },
    },
  });
}

const managerOf = (peer: ScimPeer, externalId: string) =>
  peer.users().find((user) => user.externalId === externalId)?.[ENTERPRISE_USER]?.manager?.value;
const idOf = (peer: ScimPeer, externalId: string) =>
  peer.users().find((user) => user.externalId === externalId)?.id;

describe.each([
  ['one by one', 0],
  ['in bulk', 10],
])('SCIM managers %s (scimmy)', (_, bulkMaxOperations) => {
  let peer: ScimPeer;
  beforeAll(async () => {
    peer = await startScimServer({ bulkMaxOperations });
  });
  afterAll(() => peer.close());

  it('links reports created in the same run as their manager, then changes and unlinks', async () => {
    // The reports come first: only a second phase can link them to the new manager.
    const first = await sync(peer, [employee('E2', 'E1'), employee('E3', 'E1'), employee('E1')]);
    expect(first.outcomes.map((outcome) => outcome.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(managerOf(peer, 'E2')).toBe(idOf(peer, 'E1'));
    expect(managerOf(peer, 'E3')).toBe(idOf(peer, 'E1'));

    const writes = peer.writeCalls().length;
    const again = await sync(peer, [employee('E2', 'E1'), employee('E3', 'E1'), employee('E1')]);
    expect(peer.writeCalls().length).toBe(writes);
    expect(again.outcomes.every((outcome) => outcome.status === 'unchanged')).toBe(true);

    const moved = await sync(peer, [employee('E2', 'E3'), employee('E3', ''), employee('E1')]);
    expect(managerOf(peer, 'E2')).toBe(idOf(peer, 'E3'));
    expect(managerOf(peer, 'E3')).toBeUndefined();
    expect(moved.outcomes[0]).toMatchObject({
      action: 'update',
      status: 'succeeded',
      changes: [{ attribute: 'manager', from: 'E1', to: 'E3' }],
    });
  });
});
