import type { AttributeChange } from '../../../src/targets/directory';
import { PATCH_SCHEMA, patchOperations } from '../../../src/targets/scim/scim-patch';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const change = (
  attribute: string,
  to: AttributeChange['to'],
  from: AttributeChange['from'] = null,
) => ({
  attribute,
  field: 'any',
  from,
  to,
});

const current = {
  id: 'u1',
  userName: 'jan@example.com',
  title: 'Intern',
  name: { givenName: 'J', familyName: 'Jansen' },
  emails: [
    { type: 'work', value: 'old@example.com', primary: true },
    { type: 'home', value: 'jan@home.example' },
  ],
  phoneNumbers: [{ type: 'mobile', value: '+31600000000' }],
  [ENTERPRISE]: { department: 'Sales', costCenter: 'CC1' },
};

describe('patchOperations', () => {
  it('names the PatchOp schema', () => {
    expect(PATCH_SCHEMA).toBe('urn:ietf:params:scim:api:messages:2.0:PatchOp');
  });

  it('replaces a changed value at its path', () => {
    expect(
      patchOperations(
        [
          change('title', 'Engineer', 'Intern'),
          change('name.givenName', 'Jan', 'J'),
          change(`${ENTERPRISE}:department`, 'Marketing', 'Sales'),
        ],
        current,
        false,
      ),
    ).toEqual([
      { op: 'replace', path: 'title', value: 'Engineer' },
      { op: 'replace', path: 'name.givenName', value: 'Jan' },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Marketing' },
    ]);
  });

  it('removes a value that changes to null', () => {
    expect(patchOperations([change('title', null, 'Intern')], current, false)).toEqual([
      { op: 'remove', path: 'title' },
    ]);
  });

  it('replaces the whole list for a multi-valued change, keeping the other types', () => {
    expect(
      patchOperations(
        [change('emails[type eq "work"].value', 'new@example.com', 'old@example.com')],
        current,
        false,
      ),
    ).toEqual([
      {
        op: 'replace',
        path: 'emails',
        value: [
          { type: 'home', value: 'jan@home.example' },
          { type: 'work', value: 'new@example.com', primary: true },
        ],
      },
    ]);
  });

  it('rebuilds one list from two changes in it', () => {
    const operations = patchOperations(
      [
        change('emails[type eq "work"].value', 'new@example.com'),
        change('emails[type eq "home"].value', null),
      ],
      current,
      false,
    );
    expect(operations).toEqual([
      {
        op: 'replace',
        path: 'emails',
        value: [{ type: 'work', value: 'new@example.com', primary: true }],
      },
    ]);
  });

  it('builds a list the user does not have yet', () => {
    expect(
      patchOperations([change('addresses[type eq "work"].country', 'NL')], current, false),
    ).toEqual([{ op: 'replace', path: 'addresses', value: [{ type: 'work', country: 'NL' }] }]);
  });

  it('does not change the current resource', () => {
    const before = structuredClone(current);
    patchOperations(
      [
        change('emails[type eq "work"].value', 'new@example.com'),
        change('phoneNumbers[type eq "mobile"].value', null),
      ],
      current,
      true,
    );
    expect(current).toEqual(before);
  });

  it('puts plain changes first, list replaces after, in the order of first change', () => {
    const operations = patchOperations(
      [
        change('phoneNumbers[type eq "mobile"].value', '+31611111111'),
        change('title', 'Engineer'),
        change('emails[type eq "work"].value', 'new@example.com'),
      ],
      current,
      false,
    );
    expect(operations.map((operation) => `${operation.op} ${operation.path}`)).toEqual([
      'replace title',
      'replace phoneNumbers',
      'replace emails',
    ]);
  });

  it('adds active=true for a reactivate, after the changes', () => {
    expect(patchOperations([change('title', 'Engineer')], current, true)).toEqual([
      { op: 'replace', path: 'title', value: 'Engineer' },
      { op: 'replace', path: 'active', value: true },
    ]);
    expect(patchOperations([], current, true)).toEqual([
      { op: 'replace', path: 'active', value: true },
    ]);
  });

  it('makes no operation for no changes and no reactivate', () => {
    expect(patchOperations([], current, false)).toEqual([]);
  });
});
