import type { FieldMapping } from '../../../src/plan/field-mapping';
import type { EmployeeRecord } from '../../../src/record/fields';
import { RestDirectory, SPRINGEST_SHAPE } from '../../../src/targets/rest/rest-directory';
import {
  attributeFingerprint,
  desiredAttributes,
  desiredAttributesByExternalId,
} from '../../../src/targets/rest/sent-fingerprints';
import { fakeHttp } from './fake-http';

const MAPPINGS: FieldMapping[] = [
  { field: 'email', attribute: 'email', strength: 'always' },
  { field: 'jobTitle', attribute: 'job_title', strength: 'always' },
  { field: 'tags', attribute: 'tags', strength: 'whenEmpty' },
  { field: 'privateMobilePhone', attribute: 'private_phone', strength: 'onCreate' },
];

const record = (overrides: Partial<EmployeeRecord> = {}): EmployeeRecord => ({
  externalId: ' E1 ',
  email: 'e1@example.com',
  jobTitle: 'Engineer',
  tags: ['b', 'a'],
  privateMobilePhone: '+31611111111',
  custom: {},
  ...overrides,
});

describe('attributeFingerprint', () => {
  it('is stable across key order, list order and empty spellings, and shows no value', () => {
    const one = attributeFingerprint({ a: 'x', tags: ['b', 'a'], c: null });
    expect(attributeFingerprint({ c: '', tags: ['a', 'b'], a: ' x ' })).toBe(one);
    expect(one).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(one).not.toContain('x');
    expect(attributeFingerprint({ a: 'y', tags: ['a', 'b'], c: null })).not.toBe(one);
    expect(attributeFingerprint({ a: 'x', tags: ['a', 'b'] })).not.toBe(one);
  });
});

describe('desiredAttributes', () => {
  it('maps every field an update writes, empty ones as null, plus the external ID', () => {
    expect(desiredAttributes(record({ jobTitle: ' ' }), MAPPINGS, 'external_id')).toEqual({
      external_id: 'E1',
      email: 'e1@example.com',
      job_title: null,
      tags: ['b', 'a'],
    });
    expect([
      ...desiredAttributesByExternalId(
        [record(), record({ externalId: '' })],
        MAPPINGS,
        'x',
      ).keys(),
    ]).toEqual(['E1']);
  });
});

describe('RestDirectory with a sent memory', () => {
  const thin = { id: 9, external_id: 'E1', user_email: 'e1@example.com', active: true };
  const desired = desiredAttributesByExternalId([record()], MAPPINGS, 'external_id');
  const directory = (lastSent: Map<string, string>) =>
    new RestDirectory(
      fakeHttp((request) => (request.method === 'GET' ? { body: thin } : { body: { id: 9 } })).http,
      {
        ...SPRINGEST_SHAPE,
        baseUrl: 'https://p.example',
        attributes: MAPPINGS.map((mapping) => mapping.attribute),
        sentMemory: { lastSent, desired },
      },
    );

  it('reports what it could not read as absent when the fingerprint differs or is unknown', async () => {
    for (const lastSent of [new Map(), new Map([['E1', 'sha256:other']])]) {
      const [user] = await directory(lastSent).readUsers([{ externalId: 'E1' }]);
      expect(user?.attributes).toEqual({});
    }
  });

  it("reports tonight's desired attributes when they are what was last sent", async () => {
    const lastSent = new Map([['E1', attributeFingerprint(desired.get('E1')!)]]);
    const [user] = await directory(lastSent).readUsers([{ externalId: 'E1' }]);
    expect(user?.attributes).toEqual(desired.get('E1'));
  });

  it('records the fingerprint of a successful write in `sent`, and none of an archive', async () => {
    const target = directory(new Map());
    const [user] = await target.readUsers([{ externalId: 'E1' }]);
    await target.write({ kind: 'archive', externalId: 'E1', user: user! });
    expect(target.sent.size).toBe(0);
    await target.write({ kind: 'update', externalId: 'E1', user: user!, changes: [] });
    expect(target.sent).toEqual(new Map([['E1', attributeFingerprint(desired.get('E1')!)]]));
  });
});

describe('RestDirectory safety', () => {
  it('refuses a create for an e-mail another account holds, without a call', async () => {
    const { http, requests } = fakeHttp((request) =>
      request.query?.email
        ? { body: { id: 3, external_id: 'A', user_email: 'X@example.com', active: true } }
        : { status: 404 },
    );
    const target = new RestDirectory(http, {
      ...SPRINGEST_SHAPE,
      baseUrl: 'https://p.example',
      attributes: ['email'],
      emailLookupParam: 'email',
    });
    const error = await target
      .write({ kind: 'create', externalId: 'B', attributes: { email: 'x@example.com' } })
      .catch((caught: unknown) => caught as Error);
    expect(String(error)).toMatch(/belongs to the platform's account 3 with external ID A/);
    expect(requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('refuses a second create of one e-mail in the same run', async () => {
    const { http, requests } = fakeHttp((request) =>
      request.method === 'GET' ? { body: { users: [] } } : { status: 201, body: { id: 1 } },
    );
    const target = new RestDirectory(http, {
      ...SPRINGEST_SHAPE,
      readMode: 'list',
      baseUrl: 'https://p.example',
      attributes: ['email'],
    });
    await target.readUsers([]);
    await target.write({
      kind: 'create',
      externalId: 'B1',
      attributes: { email: 'x@example.com' },
    });
    await expect(
      target.write({ kind: 'create', externalId: 'B2', attributes: { email: 'X@example.com' } }),
    ).rejects.toThrow(/external ID B1/);
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('keeps the key and user info out of its label', () => {
    const target = new RestDirectory(fakeHttp().http, {
      ...SPRINGEST_SHAPE,
      baseUrl: 'https://me:pw@api.example.com:8443/go/?api_key=s3cret#x',
      attributes: [],
    });
    expect(target.label).toBe('The platform API at https://api.example.com:8443/go');
  });
});
