import {
  upsertUsers,
  type UpsertRequest,
  type UpsertResult,
} from '../../../src/apply/upsert-users';
import type { RetryPolicy } from '../../../src/apply/retry';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import type { UpsertPlanOptions } from '../../../src/plan/plan-upsert';
import type { FieldMapping } from '../../../src/plan/field-mapping';
import type { EmployeeRecord } from '../../../src/record/fields';
import { SCIM_DEFAULT_MAPPINGS } from '../../../src/targets/default-mappings';
import { RemoteError } from '../../../src/targets/remote-error';
import { ScimDirectory } from '../../../src/targets/scim/scim-directory';
import type { RecordedCall } from '../../peers/http-peer';
import {
  ENTERPRISE_USER,
  startScimServer,
  type ScimPeer,
  type ScimUserRecord,
} from '../../peers/scim-server';
import { countActions } from '../../../src/plan/sync-plan';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** Fast retries for the tests that do not test retrying. */
const QUICK_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 50,
  maxRetryAfterMs: 5000,
};

const PLAN: UpsertPlanOptions = {
  mappings: SCIM_DEFAULT_MAPPINGS,
  emptySourceValue: 'leave',
  matchByEmail: true,
  externalIdAttribute: 'externalId',
  today: '2024-06-15',
  // HR's status wins here: these tests are about rehires; the holds have their own tests.
  reactivate: { archivedBySync: new Set(), hrStatusWins: true },
};

function directoryFor(
  peer: ScimPeer,
  options: { token?: string; pageSize?: number; mappings?: readonly FieldMapping[] } = {},
): ScimDirectory {
  const http = nodeHttpClient({
    headers: { authorization: `Bearer ${options.token ?? peer.token}` },
  });
  return new ScimDirectory(http, {
    baseUrl: peer.url,
    attributes: (options.mappings ?? SCIM_DEFAULT_MAPPINGS).map((mapping) => mapping.attribute),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
  });
}

function sync(
  peer: ScimPeer,
  records: readonly EmployeeRecord[],
  overrides: Partial<Omit<UpsertRequest, 'plan'>> & { plan?: Partial<UpsertPlanOptions> } = {},
): Promise<UpsertResult> {
  const { plan, ...rest } = overrides;
  const mappings = plan?.mappings ?? PLAN.mappings;
  return upsertUsers({
    records,
    directory: directoryFor(peer, { mappings }),
    dryRun: false,
    retry: QUICK_RETRY,
    ...rest,
    plan: { ...PLAN, ...plan },
  });
}

function employee(n: number, overrides: Partial<EmployeeRecord> = {}): EmployeeRecord {
  return {
    externalId: `E${n}`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    email: `employee${n}@example.com`,
    mobilePhone: `+3161234${String(n).padStart(4, '0')}`,
    privateMobilePhone: `+3162000${String(n).padStart(4, '0')}`,
    country: 'NL',
    language: 'nl',
    department: `Department ${n}`,
    jobTitle: `Job ${n}`,
    custom: {},
    ...overrides,
  };
}

function byExternalId(peer: ScimPeer, externalId: string): ScimUserRecord {
  const user = peer.users().find((candidate) => candidate.externalId === externalId);
  if (!user) throw new Error(`the server has no user with externalId ${externalId}`);
  return user;
}

function phone(user: ScimUserRecord, type: string): string | undefined {
  return user.phoneNumbers?.find((entry) => entry.type === type)?.value;
}

function patchBodyOf(call: RecordedCall | undefined): { schemas: string[]; Operations: unknown[] } {
  return call?.body as { schemas: string[]; Operations: unknown[] };
}

/** The store's view of an employee as the default mappings put it there. */
function expectStoredAsMapped(user: ScimUserRecord, record: EmployeeRecord): void {
  expect(user).toMatchObject({
    userName: record.email,
    externalId: record.externalId,
    active: true,
    name: { givenName: record.firstName, familyName: record.lastName },
    title: record.jobTitle,
    preferredLanguage: record.language,
    [ENTERPRISE_USER]: { department: record.department },
  });
  expect(user.id).toEqual(expect.any(String));
  expect(user.emails).toEqual([{ value: record.email, type: 'work', primary: true }]);
  expect(phone(user, 'mobile')).toBe(record.mobilePhone);
  expect(phone(user, 'home')).toBe(record.privateMobilePhone);
  expect(user.phoneNumbers).toHaveLength(2);
  expect(user.phoneNumbers?.filter((entry) => entry.primary === true)).toHaveLength(1);
  expect(user.addresses?.find((address) => address.type === 'work')?.country).toBe(record.country);
}

describe('ScimDirectory + upsertUsers against the SCIM test server', () => {
  let peer: ScimPeer;
  const records = [employee(1), employee(2), employee(3)];

  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterAll(() => peer.close());

  /** Each test starts from the three users the first test creates. */
  async function createThree(): Promise<UpsertResult> {
    peer.reset();
    const result = await sync(peer, records);
    peer.calls.length = 0;
    return result;
  }

  it('creates users with every default-mapped attribute', async () => {
    peer.reset();
    const result = await sync(peer, records);

    expect(countActions(result.plan.actions)).toMatchObject({
      create: 3,
      update: 0,
      unchanged: 0,
      skip: 0,
    });
    expect(result.outcomes).toEqual(
      records.map((record) =>
        expect.objectContaining({
          externalId: record.externalId,
          action: 'create',
          status: 'succeeded',
          userId: expect.any(String),
          attempts: 1,
        }),
      ),
    );

    const stored = peer.users();
    expect(stored).toHaveLength(3);
    for (const [index, record] of records.entries()) {
      const user = byExternalId(peer, record.externalId as string);
      expectStoredAsMapped(user, record);
      expect(result.outcomes[index]?.userId).toBe(user.id);
    }

    // Three creates with Bulk offered by the server: one Bulk request after a look at the config.
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'POST /Bulk 200',
    ]);
    const bulk = writes[0]?.body as {
      schemas: string[];
      Operations: Array<Record<string, unknown>>;
    };
    expect(bulk.schemas).toEqual([BULK_REQUEST]);
    expect(bulk.Operations).toHaveLength(3);
    for (const operation of bulk.Operations) {
      expect(operation).toMatchObject({ method: 'POST', path: '/Users' });
      expect((operation.data as { schemas: string[] }).schemas).toEqual([
        USER_SCHEMA,
        ENTERPRISE_USER,
      ]);
    }
  });

  it('creates one user with a plain POST /Users when it is the only write', async () => {
    peer.reset();
    const record = employee(7);
    const result = await sync(peer, [record]);

    expect(result.outcomes[0]).toMatchObject({ action: 'create', status: 'succeeded' });
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'POST /Users 201',
    ]);
    expectStoredAsMapped(byExternalId(peer, 'E7'), record);
    expect(result.outcomes[0]?.userId).toBe(byExternalId(peer, 'E7').id);
  });

  it('finds nothing to do when the same records run again (read-back equals what was written)', async () => {
    await createThree();
    const before = peer.users();

    const result = await sync(peer, records);

    // On a difference, the update's changes name the attribute that did not read back equal.
    expect(result.plan.actions.filter((action) => action.kind !== 'unchanged')).toEqual([]);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(peer.writeCalls()).toEqual([]);
    expect(peer.users()).toEqual(before);
  });

  it('flattens a read-back user on exactly the mapped attributes', async () => {
    await createThree();
    const users = await directoryFor(peer).readUsers([]);
    const user = users.find((candidate) => candidate.externalId === 'E2');

    expect(user).toMatchObject({
      id: byExternalId(peer, 'E2').id,
      externalId: 'E2',
      email: 'employee2@example.com',
      active: true,
    });
    const record = employee(2);
    expect(user?.attributes).toEqual({
      userName: record.email,
      'name.givenName': record.firstName,
      'name.familyName': record.lastName,
      'emails[type eq "work"].value': record.email,
      'emails[type eq "home"].value': null,
      'phoneNumbers[type eq "mobile"].value': record.mobilePhone,
      'phoneNumbers[type eq "work"].value': null,
      'phoneNumbers[type eq "home"].value': record.privateMobilePhone,
      title: record.jobTitle,
      preferredLanguage: record.language,
      'addresses[type eq "work"].country': record.country,
      [`${ENTERPRISE_USER}:department`]: record.department,
    });
  });

  it('sends one PATCH with only the changed title and the rebuilt phoneNumbers list', async () => {
    await createThree();
    const before = byExternalId(peer, 'E2');
    const changed = employee(2, { jobTitle: 'Lead Engineer', mobilePhone: '+31699998888' });

    const result = await sync(peer, [employee(1), changed, employee(3)]);

    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'unchanged',
      'succeeded',
      'unchanged',
    ]);
    expect(result.outcomes[1]).toMatchObject({
      action: 'update',
      userId: before.id,
      attempts: 1,
      changes: [
        {
          attribute: 'phoneNumbers[type eq "mobile"].value',
          field: 'mobilePhone',
          from: employee(2).mobilePhone,
          to: '+31699998888',
        },
        { attribute: 'title', field: 'jobTitle', from: 'Job 2', to: 'Lead Engineer' },
      ],
    });

    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${before.id} 200`,
    ]);
    const body = patchBodyOf(writes[0]);
    expect(body.schemas).toEqual([PATCH_SCHEMA]);
    expect(body.Operations).toHaveLength(2);
    expect(body.Operations).toContainEqual({
      op: 'replace',
      path: 'title',
      value: 'Lead Engineer',
    });
    const phones = body.Operations.find(
      (operation) => (operation as { path?: string }).path === 'phoneNumbers',
    ) as { op: string; value: Array<{ type: string; value: string }> };
    expect(phones.op).toBe('replace');
    expect(phones.value).toHaveLength(2);
    expect(phones.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'mobile', value: '+31699998888' }),
        expect.objectContaining({ type: 'home', value: employee(2).privateMobilePhone }),
      ]),
    );

    const after = byExternalId(peer, 'E2');
    expect(after.id).toBe(before.id);
    expect(after.title).toBe('Lead Engineer');
    expect(phone(after, 'mobile')).toBe('+31699998888');
    expect(phone(after, 'home')).toBe(employee(2).privateMobilePhone);
    expect(after.phoneNumbers).toHaveLength(2);
    // Nothing else moved.
    expect({
      ...after,
      title: before.title,
      phoneNumbers: before.phoneNumbers,
      meta: before.meta,
    }).toEqual(before);
    expectStoredAsMapped(byExternalId(peer, 'E1'), employee(1));

    // The next run finds the updated user in line with HR.
    peer.calls.length = 0;
    const again = await sync(peer, [employee(1), changed, employee(3)]);
    expect(again.outcomes.map((outcome) => outcome.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(peer.writeCalls()).toEqual([]);
  });

  it('changes the department through the enterprise extension URN path', async () => {
    await createThree();
    const before = byExternalId(peer, 'E3');

    const result = await sync(peer, [employee(3, { department: 'Supply Chain' })]);

    expect(result.outcomes[0]).toMatchObject({
      action: 'update',
      status: 'succeeded',
      changes: [
        {
          attribute: `${ENTERPRISE_USER}:department`,
          field: 'department',
          from: 'Department 3',
          to: 'Supply Chain',
        },
      ],
    });
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${before.id} 200`,
    ]);
    expect(patchBodyOf(writes[0]).Operations).toEqual([
      { op: 'replace', path: `${ENTERPRISE_USER}:department`, value: 'Supply Chain' },
    ]);
    const after = byExternalId(peer, 'E3');
    expect(after[ENTERPRISE_USER]).toEqual({ department: 'Supply Chain' });
    expect(after.title).toBe('Job 3');

    peer.calls.length = 0;
    const again = await sync(peer, [employee(3, { department: 'Supply Chain' })]);
    expect(again.outcomes[0]?.status).toBe('unchanged');
    expect(peer.writeCalls()).toEqual([]);
  });

  it("clears a removed job title with a remove operation when emptySourceValue is 'clear'", async () => {
    await createThree();
    const before = byExternalId(peer, 'E1');
    const withoutTitle = employee(1, { jobTitle: undefined });

    // 'leave' keeps the target's title.
    const left = await sync(peer, [withoutTitle], { plan: { emptySourceValue: 'leave' } });
    expect(left.outcomes[0]?.status).toBe('unchanged');
    expect(peer.writeCalls()).toEqual([]);

    const cleared = await sync(peer, [withoutTitle], { plan: { emptySourceValue: 'clear' } });
    expect(cleared.outcomes[0]).toMatchObject({
      action: 'update',
      status: 'succeeded',
      changes: [{ attribute: 'title', field: 'jobTitle', from: 'Job 1', to: null }],
    });
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${before.id} 200`,
    ]);
    expect(patchBodyOf(writes[0]).Operations).toEqual([{ op: 'remove', path: 'title' }]);
    const after = byExternalId(peer, 'E1');
    expect(after).not.toHaveProperty('title');
    expect(after.name).toEqual(before.name);

    peer.calls.length = 0;
    const again = await sync(peer, [withoutTitle], { plan: { emptySourceValue: 'clear' } });
    expect(again.outcomes[0]?.status).toBe('unchanged');
    expect(peer.writeCalls()).toEqual([]);
  });

  it("clears a mobile phone, a country and a department with 'clear', keeping the other elements", async () => {
    await createThree();
    const before = byExternalId(peer, 'E3');
    const emptied = employee(3, {
      mobilePhone: undefined,
      country: undefined,
      department: undefined,
    });

    const result = await sync(peer, [emptied], { plan: { emptySourceValue: 'clear' } });

    expect(result.outcomes[0]?.changes?.map((change) => [change.field, change.to])).toEqual([
      ['mobilePhone', null],
      ['country', null],
      ['department', null],
    ]);
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${before.id} 200`,
    ]);
    expect(patchBodyOf(writes[0]).Operations).toContainEqual({
      op: 'remove',
      path: `${ENTERPRISE_USER}:department`,
    });
    const after = byExternalId(peer, 'E3');
    expect(phone(after, 'mobile')).toBeUndefined();
    expect(phone(after, 'home')).toBe(employee(3).privateMobilePhone);
    expect(after.addresses?.find((address) => address.type === 'work')?.country).toBeUndefined();
    expect(after[ENTERPRISE_USER]?.department).toBeUndefined();
    expect(after.title).toBe('Job 3');

    peer.calls.length = 0;
    const again = await sync(peer, [emptied], { plan: { emptySourceValue: 'clear' } });
    expect(again.outcomes[0]?.status).toBe('unchanged');
    expect(peer.writeCalls()).toEqual([]);
  });

  describe('a work address the admins filled in', () => {
    function seedWithAddress(): ScimUserRecord {
      peer.reset();
      const record = employee(60);
      const [seeded] = peer.seed([
        {
          userName: record.email as string,
          externalId: 'E60',
          active: true,
          name: { givenName: record.firstName, familyName: record.lastName },
          emails: [{ value: record.email as string, type: 'work', primary: true }],
          addresses: [
            {
              type: 'work',
              primary: true,
              streetAddress: 'Herengracht 1',
              locality: 'Amsterdam',
              country: 'NL',
            },
            { type: 'home', locality: 'Utrecht', country: 'NL' },
          ],
        },
      ]);
      return seeded as ScimUserRecord;
    }
    const withAddress = (country: string | undefined): EmployeeRecord => ({
      externalId: 'E60',
      firstName: 'First60',
      lastName: 'Last60',
      email: 'employee60@example.com',
      country,
      custom: {},
    });

    it('keeps street and locality when HR changes the country', async () => {
      const seeded = seedWithAddress();

      const result = await sync(peer, [withAddress('BE')]);

      expect(result.outcomes[0]).toMatchObject({ action: 'update', status: 'succeeded' });
      const after = byExternalId(peer, 'E60');
      expect(after.id).toBe(seeded.id);
      expect(after.addresses).toHaveLength(2);
      expect(after.addresses?.find((address) => address.type === 'work')).toEqual({
        type: 'work',
        primary: true,
        streetAddress: 'Herengracht 1',
        locality: 'Amsterdam',
        country: 'BE',
      });
      expect(after.addresses?.find((address) => address.type === 'home')).toEqual({
        type: 'home',
        locality: 'Utrecht',
        country: 'NL',
      });
    });

    it("removes only the country, not the whole work address, when HR empties it ('clear')", async () => {
      seedWithAddress();

      const result = await sync(peer, [withAddress(undefined)], {
        plan: { emptySourceValue: 'clear' },
      });

      expect(result.outcomes[0]).toMatchObject({
        action: 'update',
        status: 'succeeded',
        changes: [{ field: 'country', from: 'NL', to: null }],
      });
      const after = byExternalId(peer, 'E60');
      // The mapping owns addresses[type eq "work"].country, not the admins' street and locality.
      expect(after.addresses?.find((address) => address.type === 'work')).toEqual({
        type: 'work',
        primary: true,
        streetAddress: 'Herengracht 1',
        locality: 'Amsterdam',
      });
      expect(after.addresses?.find((address) => address.type === 'home')).toEqual({
        type: 'home',
        locality: 'Utrecht',
        country: 'NL',
      });
    });
  });

  it('follows a new e-mail, first name and language, and adds a business phone to the list', async () => {
    await createThree();
    const before = byExternalId(peer, 'E1');
    const renamed = employee(1, {
      firstName: 'Ada',
      email: 'ada.first1@example.com',
      language: 'en-GB',
      businessPhone: '+31201234567',
    });

    const result = await sync(peer, [renamed]);

    expect(result.outcomes[0]?.changes?.map((change) => change.attribute)).toEqual([
      'userName',
      'name.givenName',
      'emails[type eq "work"].value',
      'phoneNumbers[type eq "work"].value',
      'preferredLanguage',
    ]);
    expect(peer.writeCalls()).toHaveLength(1);
    const after = byExternalId(peer, 'E1');
    expect(after.id).toBe(before.id);
    expect(after.userName).toBe('ada.first1@example.com');
    expect(after.name).toEqual({ givenName: 'Ada', familyName: 'Last1' });
    expect(after.emails).toEqual([
      { value: 'ada.first1@example.com', type: 'work', primary: true },
    ]);
    expect(after.preferredLanguage).toBe('en-GB');
    expect(after.phoneNumbers).toHaveLength(3);
    expect(phone(after, 'work')).toBe('+31201234567');
    expect(phone(after, 'mobile')).toBe(employee(1).mobilePhone);
    expect(phone(after, 'home')).toBe(employee(1).privateMobilePhone);
    expect(after.phoneNumbers?.filter((entry) => entry.primary === true)).toEqual([
      expect.objectContaining({ type: 'mobile' }),
    ]);

    peer.calls.length = 0;
    const again = await sync(peer, [renamed]);
    expect(again.outcomes[0]?.status).toBe('unchanged');
    expect(peer.writeCalls()).toEqual([]);
  });

  it('fails only the user whose create the server refuses with 409 (one by one and in Bulk)', async () => {
    for (const useBulk of [false, true]) {
      peer.reset();
      // Someone else holds the userName; their e-mail differs, so no e-mail match happens.
      peer.seed([
        {
          userName: 'employee70@example.com',
          externalId: 'X-70',
          active: true,
          emails: [{ value: 'someone@example.com', type: 'work', primary: true }],
        },
      ]);

      const result = await sync(peer, [employee(70), employee(71)], { useBulk });

      expect(result.outcomes[0]).toMatchObject({
        externalId: 'E70',
        action: 'create',
        status: 'failed',
        httpStatus: 409,
        attempts: 1,
      });
      expect(result.outcomes[0]?.reason).toContain('already taken');
      expect(result.outcomes[1]).toMatchObject({ externalId: 'E71', status: 'succeeded' });
      expect(peer.writeCalls().map((call) => `${call.method} ${call.path}`)).toEqual(
        useBulk ? ['POST /Bulk'] : ['POST /Users', 'POST /Users'],
      );
      expect(peer.users().map((user) => user.externalId)).toEqual(['X-70', 'E71']);
    }
  });

  it('leaves a protected (onCreate) private phone alone when HR changes it', async () => {
    await createThree();
    const mapping = SCIM_DEFAULT_MAPPINGS.find((entry) => entry.field === 'privateMobilePhone');
    expect(mapping?.strength).toBe('onCreate');
    const before = byExternalId(peer, 'E2');

    const result = await sync(peer, [employee(2, { privateMobilePhone: '+31655554444' })]);

    expect(result.outcomes[0]).toMatchObject({ action: 'unchanged', status: 'unchanged' });
    expect(peer.writeCalls()).toEqual([]);
    expect(byExternalId(peer, 'E2')).toEqual(before);
    expect(phone(byExternalId(peer, 'E2'), 'home')).toBe(employee(2).privateMobilePhone);

    // Changed together with an 'always' field, the private phone still stays out of the PATCH.
    const both = await sync(peer, [
      employee(2, { privateMobilePhone: '+31655554444', mobilePhone: '+31677776666' }),
    ]);
    expect(both.outcomes[0]?.changes?.map((change) => change.field)).toEqual(['mobilePhone']);
    const after = byExternalId(peer, 'E2');
    expect(phone(after, 'mobile')).toBe('+31677776666');
    expect(phone(after, 'home')).toBe(employee(2).privateMobilePhone);
  });

  it('reactivates a rehired employee whose inactive user carries the external ID', async () => {
    peer.reset();
    const record = employee(20);
    const [seeded] = peer.seed([
      {
        userName: record.email as string,
        externalId: 'E20',
        active: false,
        name: { givenName: record.firstName, familyName: record.lastName },
        emails: [{ value: record.email as string, type: 'work', primary: true }],
        title: 'Former Job',
      },
    ]);

    const result = await sync(peer, [record]);

    expect(result.outcomes[0]).toMatchObject({
      externalId: 'E20',
      action: 'reactivate',
      status: 'succeeded',
      userId: seeded?.id,
    });
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${seeded?.id} 200`,
    ]);
    const operations = patchBodyOf(writes[0]).Operations;
    expect(operations).toContainEqual({ op: 'replace', path: 'active', value: true });
    expect(operations).toContainEqual({ op: 'replace', path: 'title', value: record.jobTitle });
    expect(peer.users()).toHaveLength(1);
    const after = byExternalId(peer, 'E20');
    expect(after.id).toBe(seeded?.id);
    expect(after.active).toBe(true);
    expect(after.title).toBe(record.jobTitle);
    expect(after[ENTERPRISE_USER]).toEqual({ department: record.department });
    expect(phone(after, 'mobile')).toBe(record.mobilePhone);
    // The private phone is onCreate: a reactivation is not a creation.
    expect(phone(after, 'home')).toBeUndefined();
  });

  it('adopts a hand-made user by e-mail and skips one that belongs to another external ID', async () => {
    peer.reset();
    const adopted = employee(30);
    const clash = employee(31);
    const [handMade, other] = peer.seed([
      {
        userName: adopted.email as string,
        active: true,
        name: { givenName: adopted.firstName, familyName: adopted.lastName },
        emails: [{ value: adopted.email as string, type: 'work', primary: true }],
      },
      {
        userName: 'someone.else@example.com',
        externalId: 'X-999',
        active: true,
        emails: [{ value: clash.email as string, type: 'work', primary: true }],
      },
    ]);

    const result = await sync(peer, [adopted, clash]);

    expect(countActions(result.plan.actions)).toMatchObject({ create: 0, update: 1, skip: 1 });
    expect(result.plan.actions[0]).toMatchObject({ kind: 'update', matchedBy: 'email' });
    expect(result.outcomes[0]).toMatchObject({
      externalId: 'E30',
      action: 'update',
      status: 'succeeded',
      userId: handMade?.id,
    });
    expect(result.outcomes[0]?.changes?.[0]).toEqual({
      attribute: 'externalId',
      field: 'externalId',
      from: null,
      to: 'E30',
    });
    expect(result.outcomes[1]).toMatchObject({
      externalId: 'E31',
      action: 'skip',
      status: 'skipped',
    });
    expect(result.outcomes[1]?.reason).toContain('X-999');
    expect(result.outcomes[1]?.reason).toContain(clash.email);

    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `PATCH /Users/${handMade?.id} 200`,
    ]);
    expect(patchBodyOf(writes[0]).Operations).toContainEqual({
      op: 'replace',
      path: 'externalId',
      value: 'E30',
    });

    const users = peer.users();
    expect(users).toHaveLength(2);
    const after = byExternalId(peer, 'E30');
    expect(after.id).toBe(handMade?.id);
    expect(after.title).toBe(adopted.jobTitle);
    expect(after[ENTERPRISE_USER]).toEqual({ department: adopted.department });
    expect(users.find((user) => user.id === other?.id)).toEqual(other);

    // Now it carries the external ID: the next run matches it by that, and creates nothing.
    peer.calls.length = 0;
    const again = await sync(peer, [adopted, clash]);
    expect(again.plan.actions[0]).toMatchObject({ kind: 'unchanged' });
    expect(again.outcomes[1]?.status).toBe('skipped');
    expect(peer.writeCalls()).toEqual([]);
    expect(peer.users()).toHaveLength(2);
  });

  it('plans without writing in a dry run', async () => {
    await createThree();
    const before = peer.users();

    const result = await sync(
      peer,
      [employee(1), employee(2, { jobTitle: 'Lead Engineer' }), employee(3), employee(4)],
      { dryRun: true },
    );

    expect(result.outcomes.map((outcome) => [outcome.action, outcome.status])).toEqual([
      ['unchanged', 'unchanged'],
      ['update', 'planned'],
      ['unchanged', 'unchanged'],
      ['create', 'planned'],
    ]);
    expect(result.outcomes[1]?.changes).toEqual([
      { attribute: 'title', field: 'jobTitle', from: 'Job 2', to: 'Lead Engineer' },
    ]);
    expect(result.plan.actions[3]).toMatchObject({
      kind: 'create',
      attributes: expect.objectContaining({ externalId: 'E4', userName: 'employee4@example.com' }),
    });
    expect(peer.writeCalls()).toEqual([]);
    expect(peer.calls.every((call) => call.method === 'GET')).toBe(true);
    expect(peer.users()).toEqual(before);
  });

  it('rejects with a 401 RemoteError on a wrong token, writes nothing and keeps the token out of the message', async () => {
    await createThree();
    const wrongToken = 'wrong-token-6f1d2c9a';

    const run = upsertUsers({
      records: [employee(1, { jobTitle: 'Changed' }), employee(5)],
      directory: directoryFor(peer, { token: wrongToken }),
      plan: PLAN,
      dryRun: false,
      retry: QUICK_RETRY,
    });

    const error = await run.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(RemoteError);
    const remote = error as RemoteError;
    expect(remote.status).toBe(401);
    expect(remote.isAuthFailure).toBe(true);
    for (const secret of [wrongToken, peer.token]) {
      expect(remote.message).not.toContain(secret);
      expect(String(remote.detail ?? '')).not.toContain(secret);
      expect(remote.stack ?? '').not.toContain(secret);
    }
    expect(peer.writeCalls()).toEqual([]);
    // Not retried: a refused credential stays refused.
    expect(peer.calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'GET /Users 401',
    ]);
    expect(peer.users()).toHaveLength(3);
  });
});

describe('ScimDirectory.readUsers paging', () => {
  let peer: ScimPeer;

  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterAll(() => peer.close());

  it('reads 450 users in pages of 100', async () => {
    peer.seed(
      Array.from({ length: 450 }, (_, index) => ({
        userName: `paged${index}@example.com`,
        externalId: `P${index}`,
        active: index % 7 !== 0,
        emails: [{ value: `paged${index}@example.com`, type: 'work', primary: true }],
      })),
    );

    const users = await directoryFor(peer, { pageSize: 100 }).readUsers([]);

    expect(users).toHaveLength(450);
    expect(new Set(users.map((user) => user.id)).size).toBe(450);
    expect(users.map((user) => user.externalId)).toEqual(
      Array.from({ length: 450 }, (_, index) => `P${index}`),
    );
    expect(users.filter((user) => !user.active)).toHaveLength(65);
    expect(users[449]).toMatchObject({ email: 'paged449@example.com', active: true });
    expect(peer.calls.map((call) => [call.method, call.path, call.query, call.status])).toEqual(
      [1, 101, 201, 301, 401].map((startIndex) => [
        'GET',
        '/Users',
        { startIndex: String(startIndex), count: '100' },
        200,
      ]),
    );
  });
});

describe('ScimDirectory.readUsers against a server that caps its pages', () => {
  let peer: ScimPeer;

  beforeAll(async () => {
    peer = await startScimServer({ pageSizeMax: 40 });
  });
  afterAll(() => peer.close());

  it('keeps paging by what the server returned when it sends fewer than asked', async () => {
    peer.seed(
      Array.from({ length: 90 }, (_, index) => ({
        userName: `capped${index}@example.com`,
        externalId: `C${index}`,
      })),
    );

    const users = await directoryFor(peer, { pageSize: 100 }).readUsers([]);

    expect(users.map((user) => user.externalId)).toEqual(
      Array.from({ length: 90 }, (_, index) => `C${index}`),
    );
    expect(peer.calls.map((call) => call.query.startIndex)).toEqual(['1', '41', '81']);
  });
});

describe('Bulk writes', () => {
  let peer: ScimPeer;

  beforeAll(async () => {
    peer = await startScimServer({ bulkMaxOperations: 5 });
  });
  afterAll(() => peer.close());

  it('sends 12 creates as Bulk requests of at most 5 operations', async () => {
    const records = Array.from({ length: 12 }, (_, index) => employee(100 + index));

    const result = await sync(peer, records);

    expect(result.outcomes.every((outcome) => outcome.status === 'succeeded')).toBe(true);
    const config = peer.calls.filter((call) => call.path === '/ServiceProviderConfig');
    expect(config).toHaveLength(1);
    const writes = peer.writeCalls();
    expect(writes.every((call) => call.method === 'POST' && call.path === '/Bulk')).toBe(true);
    expect(writes.every((call) => call.status === 200)).toBe(true);
    const sizes = writes.map((call) => (call.body as { Operations: unknown[] }).Operations.length);
    expect(sizes).toEqual([5, 5, 2]);

    const stored = peer.users();
    expect(stored).toHaveLength(12);
    for (const [index, record] of records.entries()) {
      const user = byExternalId(peer, record.externalId as string);
      expectStoredAsMapped(user, record);
      expect(result.outcomes[index]).toMatchObject({
        externalId: record.externalId,
        action: 'create',
        status: 'succeeded',
        userId: user.id,
        attempts: 1,
      });
    }
  });

  it('sends updates of several users as Bulk PATCH operations', async () => {
    peer.reset();
    const records = Array.from({ length: 6 }, (_, index) => employee(200 + index));
    await sync(peer, records);
    peer.calls.length = 0;

    const changed = records.map((record) => ({ ...record, jobTitle: `${record.jobTitle} (new)` }));
    const result = await sync(peer, changed);

    expect(result.outcomes.map((outcome) => [outcome.action, outcome.status])).toEqual(
      changed.map(() => ['update', 'succeeded']),
    );
    const writes = peer.writeCalls();
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'POST /Bulk 200',
      'POST /Bulk 200',
    ]);
    for (const record of changed) {
      const user = byExternalId(peer, record.externalId as string);
      expect(user.title).toBe(record.jobTitle);
      expect(
        result.outcomes.find((outcome) => outcome.externalId === record.externalId)?.userId,
      ).toBe(user.id);
    }
  });
  it('resends a Bulk request the server throttled, after its Retry-After', async () => {
    peer.reset();
    peer.failNext({ status: 429, times: 1, retryAfterSeconds: 1, externalId: 'E301' });
    const records = [employee(300), employee(301), employee(302)];

    const started = Date.now();
    const result = await sync(peer, records);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // The test server fails the whole Bulk request, so every user in it needed two tries.
    expect(result.outcomes.map((outcome) => [outcome.status, outcome.attempts])).toEqual([
      ['succeeded', 2],
      ['succeeded', 2],
      ['succeeded', 2],
    ]);
    expect(peer.writeCalls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'POST /Bulk 429',
      'POST /Bulk 200',
    ]);
    expect(peer.users().map((user) => user.externalId)).toEqual(['E300', 'E301', 'E302']);
  });
});

describe('faults', () => {
  let peer: ScimPeer;

  beforeAll(async () => {
    peer = await startScimServer();
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('retries a throttled user after Retry-After and fails the one the server keeps failing', async () => {
    const records = [employee(40), employee(41), employee(42), employee(43)];
    peer.failNext({
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
      userName: 'employee41@example.com',
    });
    peer.failNext({ status: 500, times: 99, userName: 'employee42@example.com' });

    const started = Date.now();
    const result = await sync(peer, records, {
      useBulk: false,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5000 },
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(result.outcomes[1]).toMatchObject({
      externalId: 'E41',
      status: 'succeeded',
      attempts: 2,
    });
    expect(result.outcomes[2]).toMatchObject({
      externalId: 'E42',
      action: 'create',
      status: 'failed',
      httpStatus: 500,
      attempts: 3,
    });
    expect(result.outcomes[2]?.reason).toContain('500');
    expect(result.outcomes[3]).toMatchObject({ status: 'succeeded', attempts: 1 });

    const postsFor = (userName: string) =>
      peer
        .writeCalls()
        .filter((call) => (call.body as { userName?: string }).userName === userName)
        .map((call) => `${call.method} ${call.path} ${call.status}`);
    expect(postsFor('employee41@example.com')).toEqual(['POST /Users 429', 'POST /Users 201']);
    expect(postsFor('employee42@example.com')).toEqual([
      'POST /Users 500',
      'POST /Users 500',
      'POST /Users 500',
    ]);
    expect(postsFor('employee40@example.com')).toEqual(['POST /Users 201']);
    expect(
      peer
        .users()
        .map((user) => user.externalId)
        .sort(),
    ).toEqual(['E40', 'E41', 'E43']);
  });

  it('fails an update the server keeps failing and leaves the stored user as it was', async () => {
    await sync(peer, [employee(50), employee(51)]);
    const before = byExternalId(peer, 'E51');
    peer.calls.length = 0;
    peer.failNext({ status: 503, times: 99, externalId: 'E51' });

    const result = await sync(
      peer,
      [employee(50, { jobTitle: 'New 50' }), employee(51, { jobTitle: 'New 51' })],
      { useBulk: false },
    );

    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(result.outcomes[1]).toMatchObject({ status: 'failed', httpStatus: 503, attempts: 3 });
    expect(byExternalId(peer, 'E50').title).toBe('New 50');
    expect(byExternalId(peer, 'E51')).toEqual(before);
    expect(
      peer
        .writeCalls()
        .filter((call) => call.path === `/Users/${before.id}`)
        .map((call) => call.status),
    ).toEqual([503, 503, 503]);
  });
});
