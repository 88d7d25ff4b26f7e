/**
 * Pre-hires against the real scimmy SCIM server: created deactivated while their start is
 * ahead, activated on the day, and never deactivated once active.
 */
import { upsertUsers } from '../../../src/apply/upsert-users';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import type { UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import { startScimServer, type ScimPeer } from '../../peers/scim-server';

let scim: ScimPeer;
beforeAll(async () => {
  scim = await startScimServer({ bulkMaxOperations: 0 });
});
afterAll(() => scim?.close());

const PLAN: Omit<UpsertPlanOptions, 'externalIdAttribute'> = {
  mappings: SCIM_DEFAULT_MAPPINGS,
  emptySourceValue: 'leave',
  matchByEmail: true,
  today: '2024-06-15',
  reactivate: { archivedBySync: new Set() },
  preHire: { daysBeforeStart: 0 },
};

const newHire: EmployeeRecord = {
  externalId: 'P1',
  firstName: 'Pia',
  lastName: 'Prins',
  email: 'pia.prins@example.com',
  startDate: '2024-07-01',
  custom: {},
};

function sync(plan: Partial<typeof PLAN>) {
  const http = nodeHttpClient({ headers: { authorization: `Bearer ${scim.token}` } });
  const directory = new ScimDirectory(http, {
    baseUrl: scim.url,
    attributes: SCIM_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
  });
  return upsertUsers({ records: [newHire], directory, dryRun: false, plan: { ...PLAN, ...plan } });
}

const stored = () => scim.users().find((user) => user.externalId === 'P1');

it('creates a pre-hire deactivated, keeps them so until the day, then activates them', async () => {
  const created = await sync({});
  expect(created.outcomes[0]).toMatchObject({ action: 'create', status: 'succeeded' });
  expect(stored()?.active).toBe(false);

  // The memory marks the pre-hire as deactivated by this sync (User Upsert's node does this).
  const ours = { archivedBySync: new Set(['P1']) };
  const before = await sync({ reactivate: ours, today: '2024-06-30' });
  expect(before.outcomes[0]).toMatchObject({ action: 'unchanged' });
  expect(stored()?.active).toBe(false);

  const onTheDay = await sync({ reactivate: ours, today: '2024-07-01' });
  expect(onTheDay.outcomes[0]).toMatchObject({ action: 'reactivate', status: 'succeeded' });
  expect(stored()?.active).toBe(true);

  // Once active, a start date moved ahead never locks them out.
  const moved = await sync({ today: '2024-06-01' });
  expect(moved.outcomes[0]?.action).toBe('unchanged');
  expect(stored()?.active).toBe(true);
});
