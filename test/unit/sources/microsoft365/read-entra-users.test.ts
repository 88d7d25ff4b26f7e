import { readEntraUsers, userRow } from '../../../../src/sources/microsoft365/read-entra-users';
import { SourceError } from '../../../../src/sources/source-error';
import { StubGraph, type StubCall } from './graph-stub';

const ada = {
  id: 'u-ada',
  employeeId: '00123',
  givenName: 'Ada',
  surname: 'Lovelace',
  mail: 'ada@contoso.com',
  mobilePhone: '+31 6 12345678',
  businessPhones: ['+31 20 1234567', '+31 20 7654321'],
  department: 'Engineering',
  jobTitle: 'Engineer',
  country: 'Netherlands',
  usageLocation: 'NL',
  preferredLanguage: 'nl-NL',
  employeeHireDate: '2026-03-01T00:00:00Z',
  employeeLeaveDateTime: '2026-12-31T23:59:59Z',
  accountEnabled: true,
  officeLocation: 'Amsterdam',
  onPremisesExtensionAttributes: { extensionAttribute1: 'HR-7' },
};

describe('userRow', () => {
  it('maps Graph’s user to the canonical columns', () => {
    const row = userRow({ ...ada, manager: { id: 'u-grace', employeeId: '00007' } }, 1, {
      attributes: [],
      leaveDates: true,
      managerExternalId: '00007',
    });
    expect(row).toEqual({
      line: 1,
      externalId: '00123',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@contoso.com',
      mobilePhone: '+31 6 12345678',
      businessPhone: '+31 20 1234567',
      department: 'Engineering',
      jobTitle: 'Engineer',
      country: 'Netherlands',
      usageLocation: 'NL',
      language: 'nl-NL',
      startDate: '2026-03-01',
      endDate: '2026-12-31',
      managerExternalId: '00007',
      accountEnabled: 'true',
    });
  });

  it('gives empty text for what Graph leaves null, and no endDate when it was not returned', () => {
    const row = userRow(
      { id: 'u', employeeId: null, businessPhones: [], accountEnabled: false },
      5,
      { attributes: [], leaveDates: false, managerExternalId: undefined },
    );
    expect(row).toMatchObject({
      line: 5,
      externalId: '',
      businessPhone: '',
      startDate: '',
      managerExternalId: '',
      accountEnabled: 'false',
    });
    expect('endDate' in row).toBe(false);
  });

  it('keeps extra attributes under their Graph name, nested ones by path', () => {
    const row = userRow(ada, 1, {
      attributes: [
        'officeLocation',
        'onPremisesExtensionAttributes/extensionAttribute1',
        'line',
        'mail',
      ],
      leaveDates: true,
      managerExternalId: undefined,
    });
    expect(row.officeLocation).toBe('Amsterdam');
    expect(row['onPremisesExtensionAttributes/extensionAttribute1']).toBe('HR-7');
    expect(row.line).toBe(1);
    expect(row.mail).toBe('ada@contoso.com');
  });
});

/**
 * A /users collection that pages by $skiptoken, expands managers when asked, and refuses an
 * advanced filter (here: any `ne`) without ConsistencyLevel and $count, as Graph does.
 */
function directory(
  users: Array<Record<string, unknown>>,
  managers: Record<string, string> = {},
  advancedFilter = /\bne\b/,
) {
  return (call: StubCall) => {
    if (call.path !== '/users') return undefined;
    const advanced =
      call.headers.consistencylevel === 'eventual' && call.query.get('$count') === 'true';
    const filter = call.query.get('$filter') ?? '';
    if (advancedFilter.test(filter) && !advanced) {
      return {
        status: 400,
        body: {
          error: { code: 'Request_UnsupportedQuery', message: "Operator 'ne' is not supported" },
        },
      };
    }
    if (advanced && call.query.has('$expand')) {
      return {
        status: 400,
        body: { error: { code: 'Request_UnsupportedQuery', message: '$expand not supported' } },
      };
    }
    const top = Number(call.query.get('$top') ?? 100);
    const offset = Number(call.query.get('$skiptoken') ?? 0);
    const expand = call.query.get('$expand') !== null;
    const selected = (call.query.get('$select') ?? '').split(',');
    const value = users.slice(offset, offset + top).map((user) => {
      const shown: Record<string, unknown> = Object.fromEntries(
        Object.entries(user).filter(([key]) => selected.includes(key)),
      );
      const managerId = managers[String(user.id)];
      const manager = users.find((candidate) => candidate.id === managerId);
      if (expand && manager)
        shown.manager = {
          '@odata.type': '#microsoft.graph.user',
          id: manager.id,
          employeeId: manager.employeeId,
        };
      return shown;
    });
    const next = new URL('https://graph.test/v1.0/users');
    call.query.forEach((v, k) => next.searchParams.set(k, v));
    next.searchParams.set('$skiptoken', String(offset + top));
    return {
      status: 200,
      body: {
        value,
        ...(offset + top < users.length ? { '@odata.nextLink': next.toString() } : {}),
      },
    };
  };
}

const staff = Array.from({ length: 7 }, (_, i) => ({
  ...ada,
  id: `u${i}`,
  employeeId: `E${i}`,
  mail: `p${i}@contoso.com`,
}));
const managers = { u1: 'u0', u2: 'u0', u6: 'u1' };

describe('readEntraUsers', () => {
  it('reads every page with managers expanded, and no advanced query for a default filter', async () => {
    const graph = new StubGraph(directory(staff, managers));
    const rows = await readEntraUsers(graph, { filter: 'accountEnabled eq true', pageSize: 3 });
    expect(rows.map((row) => [row.line, row.externalId, row.managerExternalId])).toEqual([
      [1, 'E0', ''],
      [2, 'E1', 'E0'],
      [3, 'E2', 'E0'],
      [4, 'E3', ''],
      [5, 'E4', ''],
      [6, 'E5', ''],
      [7, 'E6', 'E1'],
    ]);
    expect(graph.calls).toHaveLength(3);
    const first = graph.calls[0] as StubCall;
    expect(first.headers.consistencylevel).toBeUndefined();
    expect(first.query.get('$count')).toBeNull();
    expect(first.query.get('$expand')).toBe('manager($select=id,employeeId)');
    expect(first.query.get('$top')).toBe('3');
    expect(first.query.get('$filter')).toBe('accountEnabled eq true');
    expect(first.query.get('$select')?.split(',')).toEqual(
      expect.arrayContaining([
        'id',
        'employeeId',
        'businessPhones',
        'employeeHireDate',
        'employeeLeaveDateTime',
        'accountEnabled',
      ]),
    );
  });

  it('asks 999 a page by default', async () => {
    const graph = new StubGraph(directory(staff));
    await readEntraUsers(graph);
    expect(graph.calls[0]?.query.get('$top')).toBe('999');
    expect(graph.calls[0]?.query.get('$filter')).toBeNull();
  });

  it('sends ConsistencyLevel and $count for an advanced filter, and reads managers in a second, default pass', async () => {
    const graph = new StubGraph(directory(staff, managers));
    const rows = await readEntraUsers(graph, { filter: 'employeeId ne null', pageSize: 5 });
    expect(rows.map((row) => row.managerExternalId)).toEqual(['', 'E0', 'E0', '', '', '', 'E1']);
    const [users, , managersPass] = graph.calls as [StubCall, StubCall, StubCall, StubCall];
    expect(users.headers.consistencylevel).toBe('eventual');
    expect(users.query.get('$count')).toBe('true');
    expect(users.query.get('$expand')).toBeNull();
    expect(managersPass.headers.consistencylevel).toBeUndefined();
    expect(managersPass.query.get('$select')).toBe('id');
    expect(managersPass.query.get('$expand')).toBe('manager($select=id,employeeId)');
    expect(managersPass.query.get('$filter')).toBeNull();
    expect(graph.calls).toHaveLength(4);
  });

  it('asks again as an advanced query when Graph says a filter the rule took for default needs one', async () => {
    // Say Graph turned usageLocation advanced after the docs' table was written.
    const graph = new StubGraph(directory(staff, managers, /usageLocation/));
    const rows = await readEntraUsers(graph, { filter: "usageLocation eq 'NL'" });
    expect(rows.map((row) => row.managerExternalId)).toEqual(['', 'E0', 'E0', '', '', '', 'E1']);
    const [refused, advanced, managersPass] = graph.calls as [StubCall, StubCall, StubCall];
    expect(refused.headers.consistencylevel).toBeUndefined();
    expect(advanced.headers.consistencylevel).toBe('eventual');
    expect(advanced.query.get('$count')).toBe('true');
    expect(managersPass.query.get('$select')).toBe('id');
    expect(graph.calls).toHaveLength(3);
  });

  it('reports Graph’s refusal as it is when advanced queries are ruled out', async () => {
    const refused = new StubGraph(directory(staff));
    const error = await readEntraUsers(refused, {
      filter: 'employeeId ne null',
      advancedQuery: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(
      /answered HTTP 400 when reading the users \(filter employeeId ne null\) \(Request_UnsupportedQuery/,
    );
    expect(refused.calls).toHaveLength(1);
  });

  it('warns instead of blanking end dates when employeeLeaveDateTime is not returned', async () => {
    const withoutLeave = staff.map(({ employeeLeaveDateTime: _omit, ...user }) => user);
    const warnings: string[] = [];
    const rows = await readEntraUsers(new StubGraph(directory(withoutLeave)), {
      onWarning: (w) => warnings.push(w),
    });
    expect(rows.every((row) => !('endDate' in row))).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('User-LifeCycleInfo.Read.All');
  });

  it('keeps an empty end date for users whose leave date Graph returned as null', async () => {
    const warnings: string[] = [];
    const users = [{ ...ada, employeeLeaveDateTime: null }];
    const rows = await readEntraUsers(new StubGraph(directory(users)), {
      onWarning: (w) => warnings.push(w),
    });
    expect(rows[0]?.endDate).toBe('');
    expect(warnings).toEqual([]);
  });

  it('reports a refused read with the permission it needs', async () => {
    const graph = new StubGraph(() => ({
      status: 403,
      body: {
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      },
    }));
    const error = await readEntraUsers(graph).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('auth_failed');
    expect((error as SourceError).message).toContain('User.Read.All');
  });

  it('checks the page size', async () => {
    await expect(readEntraUsers(new StubGraph(directory([])), { pageSize: 1000 })).rejects.toThrow(
      RangeError,
    );
  });
});
