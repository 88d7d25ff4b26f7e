import {
  parseGooglePath,
  readGooglePath,
  writeGooglePath,
} from '../../../../src/targets/google-workspace/google-path';

describe('Google user paths', () => {
  it('parses fields, lists by type and custom attributes', () => {
    expect(parseGooglePath('orgUnitPath')).toEqual({ kind: 'field', field: 'orgUnitPath' });
    expect(parseGooglePath('name.givenName')).toEqual({
      kind: 'field',
      field: 'name',
      sub: 'givenName',
    });
    expect(parseGooglePath('phones[type eq "mobile"].value')).toEqual({
      kind: 'list',
      field: 'phones',
      type: 'mobile',
      sub: 'value',
    });
    expect(parseGooglePath('customSchemas.HR.costCenter')).toEqual({
      kind: 'custom',
      schema: 'HR',
      field: 'costCenter',
    });
    expect(() => parseGooglePath('phones[0]')).toThrow(/not a Google Workspace user field/);
  });

  it('reads a value from a user', () => {
    const user = {
      name: { givenName: 'Jane' },
      phones: [
        { type: 'work', value: '1' },
        { type: 'mobile', value: '2' },
      ],
      customSchemas: { HR: { costCenter: 4711 } },
    };
    expect(readGooglePath(user, parseGooglePath('name.givenName'))).toBe('Jane');
    expect(readGooglePath(user, parseGooglePath('phones[type eq "mobile"].value'))).toBe('2');
    expect(readGooglePath(user, parseGooglePath('customSchemas.HR.costCenter'))).toBe('4711');
    expect(readGooglePath(user, parseGooglePath('phones[type eq "home"].value'))).toBeNull();
  });

  it('rebuilds a list around the entry of its type, keeping entries of other types and their places', () => {
    const user: Record<string, unknown> = {
      externalIds: [
        { type: 'custom', customType: 'badge', value: 'B7' },
        { type: 'organization', value: 'E1' },
      ],
    };
    writeGooglePath(user, parseGooglePath('externalIds[type eq "organization"].value'), 'E2');
    expect(user.externalIds).toEqual([
      { type: 'custom', customType: 'badge', value: 'B7' },
      { type: 'organization', value: 'E2' },
    ]);
    writeGooglePath(user, parseGooglePath('externalIds[type eq "organization"].value'), null);
    expect(user.externalIds).toEqual([{ type: 'custom', customType: 'badge', value: 'B7' }]);
  });

  it('marks the first phone or job primary, keeps other parts of an element when one is cleared', () => {
    const user: Record<string, unknown> = {};
    writeGooglePath(user, parseGooglePath('organizations[type eq "work"].title'), 'Engineer');
    writeGooglePath(user, parseGooglePath('organizations[type eq "work"].department'), 'R&D');
    expect(user.organizations).toEqual([
      { type: 'work', title: 'Engineer', department: 'R&D', primary: true },
    ]);
    writeGooglePath(user, parseGooglePath('organizations[type eq "work"].title'), null);
    expect(user.organizations).toEqual([{ type: 'work', department: 'R&D', primary: true }]);
  });

  it('clears a custom field with null, as the API asks', () => {
    const user: Record<string, unknown> = { customSchemas: { HR: { a: '1', b: '2' } } };
    writeGooglePath(user, parseGooglePath('customSchemas.HR.a'), null);
    expect(user.customSchemas).toEqual({ HR: { a: null, b: '2' } });
  });
});
