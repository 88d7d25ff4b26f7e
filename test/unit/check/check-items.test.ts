import { checkItems } from '../../../src/check/check-items';
import type {
  CheckOptions,
  CheckSource,
  RejectedRow,
  ValidRow,
} from '../../../src/check/check-rows';
import type { CheckReport } from '../../../src/check/check-report';
import { codesOf, collectingSink } from '../helpers/check-harness';
import { fileErrorFrom } from '../helpers/file-errors';

/** Everything one checkItems call produced, with the sinks' calls in the order they came. */
interface ItemsRun {
  report: CheckReport;
  source: CheckSource | undefined;
  valid: ValidRow[];
  rejected: RejectedRow[];
  order: string[];
}

async function runItems(
  items: Record<string, unknown>[],
  options: CheckOptions = {},
): Promise<ItemsRun> {
  const { sink, valid, rejected, order } = collectingSink();
  let source: CheckSource | undefined;
  const report = await checkItems(items, options, {
    ...sink,
    start: (given) => {
      source = given;
      order.push('start');
    },
  });
  return { report, source, valid, rejected, order };
}

/** A row as a spreadsheet node hands it over: the sheet's header as keys. */
function sheetRow(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'Employee ID': id,
    'First Name': 'Sanne',
    'Last Name': 'de Vries',
    'E-mail': `e${id}@example.com`,
    'Mobile Phone': '06 12345678',
    Country: 'NL',
    Language: 'nl',
    ...overrides,
  };
}

describe('checkItems: columns', () => {
  it('takes the union of the keys as columns, in the order they are first seen', async () => {
    const { source, report } = await runItems([
      { 'Employee ID': '1', 'First Name': 'Sanne' },
      { 'Last Name': 'Jansen', 'Employee ID': '2', Store: 'Utrecht' },
      { 'First Name': 'Jan', 'E-mail': 'jan@example.com' },
    ]);
    const columns = ['Employee ID', 'First Name', 'Last Name', 'Store', 'E-mail'];
    expect(source?.columns).toEqual(columns);
    expect(report.columns.map((column) => column.column)).toEqual(columns);
  });

  it('recognises header aliases in the keys, and keeps unknown keys as custom fields', async () => {
    const { report } = await runItems([
      {
        'Employee ID': '1',
        'E-mail': 'a@example.com',
        'Mobile Phone': '0612345678',
        'Hire Date': '2024-01-01',
        Vestiging: 'Utrecht',
      },
    ]);
    expect(report.columns).toEqual([
      { column: 'Employee ID', field: 'externalId', custom: false },
      { column: 'E-mail', field: 'email', custom: false },
      { column: 'Mobile Phone', field: 'mobilePhone', custom: false },
      { column: 'Hire Date', field: 'startDate', custom: false },
      { column: 'Vestiging', field: 'Vestiging', custom: true },
    ]);
  });

  it('maps the keys into the canonical record', async () => {
    const { valid } = await runItems([sheetRow('E1', { Vestiging: 'Utrecht' })]);
    expect(valid).toEqual([
      {
        line: 2,
        record: {
          externalId: 'E1',
          firstName: 'Sanne',
          lastName: 'de Vries',
          email: 'eE1@example.com',
          mobilePhone: '+31612345678',
          country: 'NL',
          language: 'nl',
          custom: { Vestiging: 'Utrecht' },
        },
        warnings: [],
      },
    ]);
  });

  it('applies the column mapping and value rules as for a file', async () => {
    const { valid } = await runItems(
      [{ Personeelsnummer: '7', Naam: 'Jan', Afd: '102', Salaris: '5000' }],
      {
        mapping: {
          columns: { Personeelsnummer: 'externalId', Naam: 'firstName', Salaris: null },
          values: { Afd: { '102': 'Supply Chain' } },
        },
        required: ['externalId'],
      },
    );
    expect(valid[0]?.record).toEqual({
      externalId: '7',
      firstName: 'Jan',
      custom: { Afd: 'Supply Chain' },
    });
  });

  it('reports the source as items with a header, and no BOM', async () => {
    const { source, report } = await runItems([sheetRow('1')]);
    expect(source).toMatchObject({ encoding: 'items', bom: false, delimiter: ',', header: true });
    expect(report.source).toEqual({ encoding: 'items', bom: false, delimiter: ',', header: true });
  });

  it('refuses items without an external ID column, as a file without one', async () => {
    const error = await fileErrorFrom(
      checkItems([{ 'First Name': 'Sanne', 'E-mail': 's@example.com' }], {}),
    );
    expect(error.code).toBe('no_header');
    expect(error.message).toContain('external ID');
  });

  it('refuses two keys that feed the same field', async () => {
    const error = await fileErrorFrom(
      checkItems([{ 'Employee ID': '1', Email: 'a@example.com', 'E-mail': 'b@example.com' }], {}),
    );
    expect(error.code).toBe('duplicate_column');
  });
});

describe('checkItems: empty input', () => {
  it('throws FileError "empty" for no items', async () => {
    const error = await fileErrorFrom(checkItems([], {}));
    expect(error.code).toBe('empty');
  });

  it('throws FileError "empty" for items without any key', async () => {
    const error = await fileErrorFrom(checkItems([{}, {}], {}));
    expect(error.code).toBe('empty');
  });

  it('calls no sink when it throws', async () => {
    const calls: string[] = [];
    await fileErrorFrom(
      checkItems([], {}, { start: () => void calls.push('start'), valid: () => void 0 }),
    );
    expect(calls).toEqual([]);
  });
});

describe('checkItems: line numbers', () => {
  it('gives item N the line N + 2, as the row under a header line', async () => {
    const { valid, report } = await runItems([sheetRow('1'), sheetRow('2'), sheetRow('3')]);
    expect(valid.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(report.rows).toBe(3);
  });

  it('keeps the line numbers of later items when an item is blank', async () => {
    const { valid, report } = await runItems([
      sheetRow('1'),
      { 'Employee ID': '', 'First Name': null, Country: '  ' },
      sheetRow('3'),
    ]);
    expect(valid.map((row) => row.line)).toEqual([2, 4]);
    expect(report.blankRows).toBe(1);
    expect(report.rows).toBe(2);
  });

  it('puts the item line in every issue', async () => {
    const { rejected } = await runItems([sheetRow('1'), sheetRow('2', { 'Last Name': '' })]);
    expect(rejected[0]?.line).toBe(3);
    expect(rejected[0]?.issues).toEqual([
      expect.objectContaining({ line: 3, externalId: '2', field: 'lastName', code: 'required' }),
    ]);
  });
});

describe('checkItems: values that are not text', () => {
  /** The row's cells as the rejected sink shows them: a missing last name rejects it. */
  async function cellsOf(values: Record<string, unknown>): Promise<Record<string, string>> {
    const { rejected, source } = await runItems([
      { 'Employee ID': 'X1', 'Last Name': '', ...values },
    ]);
    expect(codesOf(rejected[0]?.issues ?? [])).toContain('required');
    const columns = source?.columns ?? [];
    return Object.fromEntries(
      columns.map((column, index) => [column, rejected[0]!.fields[index]!]),
    );
  }

  it('writes numbers as they print', async () => {
    expect(await cellsOf({ Count: 42, Ratio: 0.5, Negative: -3 })).toMatchObject({
      Count: '42',
      Ratio: '0.5',
      Negative: '-3',
    });
  });

  it('writes booleans as true and false', async () => {
    expect(await cellsOf({ Remote: true, Contractor: false })).toMatchObject({
      Remote: 'true',
      Contractor: 'false',
    });
  });

  it('joins arrays with commas, as tags are written in a file', async () => {
    expect(await cellsOf({ Tags: ['Leadership', 'Amsterdam'], Codes: [1, 2, null] })).toMatchObject(
      { Tags: 'Leadership,Amsterdam', Codes: '1,2,' },
    );
  });

  it('writes dates as their ISO calendar day', async () => {
    expect(await cellsOf({ 'Start Date': new Date(Date.UTC(2024, 0, 15)) })).toMatchObject({
      'Start Date': '2024-01-15',
    });
  });

  it('writes null and undefined as empty cells', async () => {
    expect(await cellsOf({ Department: null, 'Job Title': undefined })).toMatchObject({
      Department: '',
      'Job Title': '',
    });
  });

  it('writes other objects as JSON', async () => {
    expect(await cellsOf({ Address: { city: 'Utrecht', zip: '3511' } })).toMatchObject({
      Address: '{"city":"Utrecht","zip":"3511"}',
    });
  });

  it('gives a key missing from an item an empty cell', async () => {
    const { rejected, valid, source } = await runItems([
      sheetRow('1', { Department: 'Sales' }),
      { 'Employee ID': '2', 'First Name': 'Jan' },
    ]);
    expect(valid.map((row) => row.record.department)).toEqual(['Sales']);
    expect(source?.columns).toHaveLength(8);
    expect(rejected[0]?.fields).toEqual(['2', 'Jan', '', '', '', '', '', '']);
    expect(rejected[0]?.record).toEqual({ externalId: '2', firstName: 'Jan', custom: {} });
  });

  it('turns typed values into the canonical record', async () => {
    const { valid } = await runItems([
      sheetRow('1', {
        'Employee ID': 1001,
        'Mobile Phone': 612345678,
        Tags: ['Leadership', 'AMSTERDAM', 'leadership'],
        'Start Date': new Date(Date.UTC(2023, 8, 1)),
        Remote: true,
        Department: null,
      }),
    ]);
    expect(valid[0]?.record).toEqual({
      externalId: '1001',
      firstName: 'Sanne',
      lastName: 'de Vries',
      email: 'e1@example.com',
      mobilePhone: '+31612345678',
      country: 'NL',
      language: 'nl',
      tags: ['leadership', 'amsterdam'],
      startDate: '2023-09-01',
      custom: { Remote: 'true' },
    });
  });
});

describe('checkItems: the same rules as a file', () => {
  it('rejects rows that miss a required field, with the default required fields', async () => {
    const { rejected } = await runItems([
      sheetRow('1', { Country: '', 'Mobile Phone': '+31 6 12345678' }),
      sheetRow('2', { 'E-mail': '', 'Mobile Phone': null }),
      sheetRow('3'),
    ]);
    expect(rejected.map((row) => [row.line, codesOf(row.issues)])).toEqual([
      [2, ['required']],
      [3, ['required']],
    ]);
    expect(rejected[0]?.issues[0]?.field).toBe('country');
    expect(rejected[1]?.issues[0]).toMatchObject({
      field: 'email|mobilePhone',
      message: 'one of email or mobilePhone is required',
    });
  });

  it('uses the required fields it is given', async () => {
    const { valid, rejected } = await runItems(
      [{ 'Employee ID': '1' }, { 'Employee ID': '2', 'Job Title': 'Clerk' }],
      { required: ['externalId', 'jobTitle'] },
    );
    expect(valid.map((row) => row.line)).toEqual([3]);
    expect(rejected[0]?.issues).toEqual([
      expect.objectContaining({ field: 'jobTitle', code: 'required' }),
    ]);
  });

  it('rejects every item with a duplicate external ID, naming the other lines', async () => {
    const { valid, rejected, report } = await runItems([
      sheetRow('E1'),
      sheetRow('E2'),
      sheetRow('E1', { 'First Name': 'Jan' }),
      sheetRow('E3'),
      sheetRow('E1', { 'First Name': 'Ans' }),
    ]);
    expect(valid.map((row) => row.record.externalId)).toEqual(['E2', 'E3']);
    expect(rejected.map((row) => row.line)).toEqual([2, 4, 6]);
    for (const row of rejected) expect(codesOf(row.issues)).toEqual(['duplicate_external_id']);
    expect(rejected[0]?.issues[0]?.message).toContain('lines 4, 6');
    expect(rejected[1]?.issues[0]?.message).toContain('lines 2, 6');
    expect(report.issueCounts).toEqual({ duplicate_external_id: 3 });
  });

  it('finds duplicates whatever the type of the ID value', async () => {
    const { rejected } = await runItems([sheetRow('1'), sheetRow('x', { 'Employee ID': 1 })]);
    expect(rejected.map((row) => row.line)).toEqual([2, 3]);
  });

  it("normalises phones to E.164 with the row's country", async () => {
    const { valid } = await runItems([
      sheetRow('1', { 'Mobile Phone': '06-12 34 56 78', Country: 'nl' }),
      sheetRow('2', { 'Mobile Phone': '0470 12 34 56', Country: 'BE' }),
      sheetRow('3', { 'Mobile Phone': '0151 23456789', Country: 'DE' }),
      sheetRow('4', { 'Mobile Phone': '+44 7911 123456', Country: 'NL' }),
    ]);
    expect(valid.map((row) => [row.record.mobilePhone, row.record.country])).toEqual([
      ['+31612345678', 'NL'],
      ['+32470123456', 'BE'],
      ['+4915123456789', 'DE'],
      ['+447911123456', 'NL'],
    ]);
  });

  it('uses the default country for a phone when the row has none', async () => {
    const items = [{ 'Employee ID': '1', 'Mobile Phone': '0151 23456789' }];
    const withDefault = await runItems(items, { required: ['externalId'], defaultCountry: 'de' });
    expect(withDefault.valid[0]?.record.mobilePhone).toBe('+4915123456789');
    const without = await runItems(items, { required: ['externalId'] });
    expect(codesOf(without.rejected[0]?.issues ?? [])).toEqual(['phone_needs_country']);
  });

  it('rejects a phone that is not valid for the row country', async () => {
    const { rejected } = await runItems([sheetRow('1', { 'Mobile Phone': '06 1234' })]);
    expect(rejected[0]?.issues).toEqual([
      expect.objectContaining({ field: 'mobilePhone', code: 'invalid_phone' }),
    ]);
  });

  it('keeps a valid row with a warning, and counts it', async () => {
    const { valid, report } = await runItems([
      sheetRow('1', { 'Mobile Phone': '020 1234567' }),
      sheetRow('2'),
    ]);
    expect(valid.map((row) => codesOf(row.warnings))).toEqual([['phone_not_mobile'], []]);
    expect(report.withWarnings).toBe(1);
  });

  it('checks e-mail, country, language and manager as for a file', async () => {
    const { rejected, valid } = await runItems([
      sheetRow('1', { 'E-mail': 'not-an-address' }),
      sheetRow('2', { Country: 'Netherlands', 'Mobile Phone': '+31612345678' }),
      sheetRow('3', { Language: 'dutch' }),
      sheetRow('4', { 'Manager ID': 'nobody' }),
    ]);
    expect(rejected.map((row) => codesOf(row.issues))).toEqual([
      ['invalid_email'],
      ['invalid_country'],
      ['invalid_language'],
    ]);
    expect(codesOf(valid[0]?.warnings ?? [])).toEqual(['manager_not_found']);
  });
});

describe('checkItems: sinks and report', () => {
  it('calls start first, then valid and rejected in item order', async () => {
    const { order } = await runItems([
      sheetRow('1'),
      sheetRow('2', { 'First Name': '' }),
      sheetRow('3'),
      sheetRow('4', { Country: 'XX' }),
      sheetRow('5'),
    ]);
    expect(order).toEqual(['start', 'valid 2', 'rejected 3', 'valid 4', 'rejected 5', 'valid 6']);
  });

  it('hands rejected rows over with their cells and the record as far as it was read', async () => {
    const { rejected } = await runItems([
      sheetRow('9', { 'E-mail': 'nope', 'Mobile Phone': 612345678, Store: 3 }),
    ]);
    expect(rejected).toEqual([
      {
        line: 2,
        fields: ['9', 'Sanne', 'de Vries', 'nope', '612345678', 'NL', 'nl', '3'],
        record: {
          externalId: '9',
          firstName: 'Sanne',
          lastName: 'de Vries',
          email: 'nope',
          mobilePhone: '+31612345678',
          country: 'NL',
          language: 'nl',
          custom: { Store: '3' },
        },
        issues: [expect.objectContaining({ line: 2, code: 'invalid_email', severity: 'error' })],
      },
    ]);
  });

  it('counts rows, valid, invalid, warnings, blanks and issues', async () => {
    const { report } = await runItems([
      sheetRow('1'),
      sheetRow('2', { 'Mobile Phone': '020 1234567' }),
      sheetRow('3', { 'Last Name': '', 'E-mail': 'x' }),
      { 'Employee ID': null },
      sheetRow('1'),
    ]);
    expect(report).toMatchObject({
      rows: 4,
      valid: 1,
      invalid: 3,
      withWarnings: 1,
      blankRows: 1,
      issueCounts: {
        phone_not_mobile: 1,
        required: 1,
        invalid_email: 1,
        duplicate_external_id: 2,
      },
    });
    expect(report.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'duplicate_external_id'],
      [3, 'phone_not_mobile'],
      [4, 'required'],
      [4, 'invalid_email'],
      [6, 'duplicate_external_id'],
    ]);
  });

  it('works without any sink and returns the same report', async () => {
    const items = [sheetRow('1'), sheetRow('2', { Country: '' }), sheetRow('1')];
    const withSinks = await runItems(items);
    const withoutSinks = await checkItems(items, {});
    expect(withoutSinks).toEqual(withSinks.report);
  });

  it('does not change the items it is given', async () => {
    const items = [
      sheetRow('1', { Tags: ['a', 'b'], 'Start Date': new Date(Date.UTC(2024, 0, 1)) }),
    ];
    const copy = structuredClone(items);
    await runItems(items);
    expect(items).toEqual(copy);
  });
});

describe('checkItems: rows that carry their own line numbers', () => {
  it('reports a row on its sheet row number, and does not take `line` for a column', async () => {
    const run = await runItems([
      { ...sheetRow('1'), line: 4 },
      { ...sheetRow('2', { 'E-mail': 'not-an-email' }), line: 9 },
    ]);
    expect(run.source?.columns).not.toContain('line');
    expect(run.valid.map((row) => row.line)).toEqual([4]);
    expect(run.rejected.map((row) => row.line)).toEqual([9]);
  });

  it('counts rows from line 2 when any item lacks a whole, unique line number', async () => {
    for (const lines of [
      [4, undefined],
      [4, 4],
      [4, 2.5],
      [4, '9'],
      [0, 3],
    ]) {
      const run = await runItems([
        { ...sheetRow('1'), line: lines[0] },
        { ...sheetRow('2', { 'E-mail': 'not-an-email' }), line: lines[1] },
      ]);
      expect(run.rejected.map((row) => row.line)).toEqual([3]);
      expect(run.source?.columns).toContain('line');
    }
  });
});
