import {
  parseScimPath,
  readScimPath,
  writeScimPath,
  type ScimPath,
} from '../../../src/targets/scim/scim-path';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseScimPath', () => {
  it.each<[string, ScimPath]>([
    ['title', { attribute: 'title' }],
    ['name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    [
      'emails[type eq "work"].value',
      { attribute: 'emails', typeFilter: 'work', subAttribute: 'value' },
    ],
    ['phoneNumbers[type eq "mobile"]', { attribute: 'phoneNumbers', typeFilter: 'mobile' }],
    [
      'addresses[type eq "work"].country',
      { attribute: 'addresses', typeFilter: 'work', subAttribute: 'country' },
    ],
    [`${ENTERPRISE}:department`, { extension: ENTERPRISE, attribute: 'department' }],
    [
      `${ENTERPRISE}:manager.value`,
      { extension: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    ],
    ['  title  ', { attribute: 'title' }],
  ])('parses %j', (path, parsed) => {
    expect(parseScimPath(path)).toEqual(parsed);
  });

  it.each(['', 'emails[value eq "x"].value', 'name.given.name', 'two words', '1title'])(
    'refuses %j with examples of what it understands',
    (path) => {
      expect(() => parseScimPath(path)).toThrow(
        `"${path}" is not a SCIM attribute path this sync understands (examples: title, name.givenName, emails[type eq "work"].value).`,
      );
    },
  );
});

describe('readScimPath', () => {
  const resource = {
    title: 'Engineer',
    name: { givenName: 'Jan', familyName: 'Jansen' },
    emails: [
      { type: 'home', value: 'jan@home.example' },
      { type: 'work', value: 'jan@example.com', primary: true },
    ],
    addresses: [{ type: 'work', country: 'NL' }],
    phoneNumbers: [{ type: 'mobile', value: '+31612345678' }],
    employeeNumber: 42,
    groups: ['a', { value: 'b' }],
    [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1' } },
  };
  const read = (path: string) => readScimPath(resource, parseScimPath(path));

  it('reads a top-level attribute', () => {
    expect(read('title')).toBe('Engineer');
  });

  it('reads a sub-attribute', () => {
    expect(read('name.givenName')).toBe('Jan');
  });

  it('reads the element of a multi-valued attribute picked by its type', () => {
    expect(read('emails[type eq "work"].value')).toBe('jan@example.com');
    expect(read('emails[type eq "home"].value')).toBe('jan@home.example');
    expect(read('addresses[type eq "work"].country')).toBe('NL');
  });

  it('reads `value` when a filtered path names no sub-attribute', () => {
    expect(read('phoneNumbers[type eq "mobile"]')).toBe('+31612345678');
  });

  it('reads an enterprise extension attribute and its sub-attribute', () => {
    expect(read(`${ENTERPRISE}:department`)).toBe('Sales');
    expect(read(`${ENTERPRISE}:manager.value`)).toBe('m1');
  });

  it('reads null for whatever is absent', () => {
    expect(read('nickName')).toBeNull();
    expect(read('name.middleName')).toBeNull();
    expect(read('emails[type eq "other"].value')).toBeNull();
    expect(read('phoneNumbers[type eq "work"].value')).toBeNull();
    expect(readScimPath({}, parseScimPath(`${ENTERPRISE}:department`))).toBeNull();
  });

  it('reads a number as text and a list as the text of its values', () => {
    expect(read('employeeNumber')).toBe('42');
    expect(read('groups')).toEqual(['a', 'b']);
  });
});

describe('writeScimPath', () => {
  const write = (resource: Record<string, unknown>, path: string, value: string | null) => {
    writeScimPath(resource, parseScimPath(path), value);
    return resource;
  };

  it('sets and deletes a top-level attribute', () => {
    expect(write({}, 'title', 'Engineer')).toEqual({ title: 'Engineer' });
    expect(write({ title: 'Engineer', userName: 'jan' }, 'title', null)).toEqual({
      userName: 'jan',
    });
  });

  it('sets a sub-attribute and keeps its siblings', () => {
    expect(write({ name: { familyName: 'Jansen' } }, 'name.givenName', 'Jan')).toEqual({
      name: { familyName: 'Jansen', givenName: 'Jan' },
    });
    expect(
      write({ name: { familyName: 'Jansen', givenName: 'Jan' } }, 'name.givenName', null),
    ).toEqual({ name: { familyName: 'Jansen' } });
  });

  it('adds the first element of a list as primary', () => {
    expect(write({}, 'emails[type eq "work"].value', 'jan@example.com')).toEqual({
      emails: [{ type: 'work', value: 'jan@example.com', primary: true }],
    });
  });

  it('never marks an address primary', () => {
    expect(write({}, 'addresses[type eq "work"].country', 'NL')).toEqual({
      addresses: [{ type: 'work', country: 'NL' }],
    });
  });

  it('replaces the element of its type, keeping its other keys and the other types', () => {
    const resource = {
      emails: [
        { type: 'work', value: 'old@example.com', primary: true, display: 'Jan' },
        { type: 'home', value: 'jan@home.example' },
      ],
    };
    expect(write(resource, 'emails[type eq "work"].value', 'new@example.com')).toEqual({
      emails: [
        { type: 'home', value: 'jan@home.example' },
        { type: 'work', value: 'new@example.com', primary: true, display: 'Jan' },
      ],
    });
  });

  it('adds a second type without marking it primary', () => {
    const resource = { emails: [{ type: 'work', value: 'jan@example.com', primary: true }] };
    expect(write(resource, 'emails[type eq "home"].value', 'jan@home.example')).toEqual({
      emails: [
        { type: 'work', value: 'jan@example.com', primary: true },
        { type: 'home', value: 'jan@home.example' },
      ],
    });
  });

  it('removes the element of its type for null', () => {
    const resource = {
      emails: [
        { type: 'work', value: 'jan@example.com' },
        { type: 'home', value: 'jan@home.example' },
      ],
    };
    expect(write(resource, 'emails[type eq "home"].value', null)).toEqual({
      emails: [{ type: 'work', value: 'jan@example.com' }],
    });
  });

  it('creates the extension object for an enterprise attribute', () => {
    expect(write({ userName: 'jan' }, `${ENTERPRISE}:department`, 'Sales')).toEqual({
      userName: 'jan',
      [ENTERPRISE]: { department: 'Sales' },
    });
    expect(
      write({ [ENTERPRISE]: { costCenter: 'CC1' } }, `${ENTERPRISE}:manager.value`, 'm1'),
    ).toEqual({ [ENTERPRISE]: { costCenter: 'CC1', manager: { value: 'm1' } } });
  });

  it('reads back what it wrote', () => {
    const resource: Record<string, unknown> = {};
    const paths = [
      'title',
      'name.givenName',
      'emails[type eq "work"].value',
      'emails[type eq "home"].value',
      `${ENTERPRISE}:department`,
    ];
    paths.forEach((path, index) => write(resource, path, `value ${index}`));
    expect(paths.map((path) => readScimPath(resource, parseScimPath(path)))).toEqual(
      paths.map((_, index) => `value ${index}`),
    );
  });
});
