import { dataRows, headerNames } from '../../../src/sources/google-sheets/sheet-rows';
import { columnNames, LINE_KEY, sheetHeader, sheetRows } from '../../../src/sources/sheet-rows';
import { SourceError } from '../../../src/sources/source-error';

function failure(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('no SourceError');
}

const STAFF = { row: 1, where: 'the sheet "Staff"' };

describe('sheetHeader', () => {
  it('trims the names', () => {
    const header = sheetHeader([' Employee ID', 'Email ', 'Start date'], STAFF);
    expect(columnNames(header)).toEqual(['Employee ID', 'Email', 'Start date']);
  });

  it('leaves unnamed columns left and right of the named ones out', () => {
    const header = sheetHeader(['', 'ID', 'Email', '', ''], STAFF);
    expect(header.names).toEqual([undefined, 'ID', 'Email', undefined, undefined]);
    expect(columnNames(header)).toEqual(['ID', 'Email']);
  });

  it('reads numbers and booleans in the header as their text', () => {
    expect(columnNames(sheetHeader([2024, true, 'ID', null], STAFF))).toEqual([
      '2024',
      'true',
      'ID',
    ]);
  });

  it('names the cells without a name between named columns, as people see them', () => {
    const error = failure(() =>
      sheetHeader(['ID', '', 'Email', ' ', 'Phone'], {
        row: 2,
        firstColumn: 2,
        where: 'the worksheet "Staff" in Staff.xlsx',
      }),
    );
    expect(error.code).toBe('bad_header');
    expect(error.message).toBe(
      'The header row (row 2) of the worksheet "Staff" in Staff.xlsx has no column name in' +
        ' cells C2, E2, between named columns: name them, or delete those columns.',
    );
  });

  it('names a single cell without a name', () => {
    const error = failure(() => sheetHeader(['id', '', 'email'], STAFF));
    expect(error.message).toBe(
      'The header row (row 1) of the sheet "Staff" has no column name in cell B1, between' +
        ' named columns: name it, or delete the column.',
    );
  });

  it('names each repeated header with all its cells', () => {
    const error = failure(() =>
      sheetHeader(['ID', 'Email', 'Phone', 'Email', 'ID', 'Email'], { ...STAFF, row: 3 }),
    );
    expect(error.code).toBe('bad_header');
    expect(error.message).toBe(
      'The header row (row 3) of the sheet "Staff" names a column more than once, upper and lower case' +
        ' alike: "ID" (A3 and E3), "Email" (B3, D3 and F3). Give each column its own name.',
    );
  });

  it('counts names that differ only by spaces around them or by case as repeated', () => {
    expect(failure(() => sheetHeader(['Email', ' Email'], STAFF)).message).toContain(
      '"Email" (A1 and B1)',
    );
    expect(failure(() => sheetHeader(['id', 'Email', 'email'], STAFF)).message).toContain(
      '"Email" and "email" (B1 and C1)',
    );
  });

  it('says so when the whole header row is empty', () => {
    for (const cells of [[], ['', '  ', null]]) {
      const error = failure(() => sheetHeader(cells, { row: 4, where: 'the table "People"' }));
      expect(error.code).toBe('bad_header');
      expect(error.message).toBe(
        'The header row (row 4) of the table "People" is empty: set the header row to the row' +
          ' that names the columns.',
      );
    }
  });

  it('keeps the line key for the row number', () => {
    expect(LINE_KEY).toBe('line');
    const error = failure(() => sheetHeader(['ID', 'line'], { ...STAFF, firstColumn: 3 }));
    expect(error.code).toBe('bad_header');
    expect(error.message).toBe(
      'The column in cell D1 of the sheet "Staff" is named "line", which carries each' +
        " row's sheet row number: rename the column.",
    );
  });
});

describe('sheetRows', () => {
  const header = sheetHeader(['ID', 'Email'], STAFF);

  it('gives every row its sheet row number', () => {
    expect(
      sheetRows(
        header,
        [
          ['00123', 'a@x.nl'],
          ['7', 'b@x.nl'],
        ],
        2,
      ),
    ).toEqual([
      { line: 2, ID: '00123', Email: 'a@x.nl' },
      { line: 3, ID: '7', Email: 'b@x.nl' },
    ]);
  });

  it('skips empty rows inside and at the end without moving the numbers', () => {
    const rows = sheetRows(
      header,
      [['1', 'a@x.nl'], ['', ''], [], ['  ', ''], ['2'], ['', '']],
      10,
    );
    expect(rows).toEqual([
      { line: 10, ID: '1', Email: 'a@x.nl' },
      { line: 14, ID: '2', Email: '' },
    ]);
  });

  it('reads short rows, missing cells and non-strings as their text', () => {
    expect(sheetRows(header, [['1'], [2, null], [42, true]], 1)).toEqual([
      { line: 1, ID: '1', Email: '' },
      { line: 2, ID: '2', Email: '' },
      { line: 3, ID: '42', Email: 'true' },
    ]);
  });

  it('keeps the cell texts as they are, spaces included', () => {
    expect(sheetRows(header, [[' 1 ', 'a@x.nl ']], 2)).toEqual([
      { line: 2, ID: ' 1 ', Email: 'a@x.nl ' },
    ]);
  });

  it('refuses a value in an unnamed column left or right, naming its cell', () => {
    const wide = sheetHeader(['', 'ID', 'Email', ''], {
      row: 1,
      firstColumn: 2,
      where: 'the worksheet "Staff" in Staff.xlsx',
    });
    expect(sheetRows(wide, [['', '1', 'a@x.nl', '']], 2)).toEqual([
      { line: 2, ID: '1', Email: 'a@x.nl' },
    ]);
    const right = failure(() => sheetRows(wide, [['', '1', 'a@x.nl', 'see HR']], 7));
    expect(right.code).toBe('bad_header');
    expect(right.message).toBe(
      'Cell E7 of the worksheet "Staff" in Staff.xlsx has a value, but its column has no name' +
        ' in the header row: name the column there, or clear the cell.',
    );
    expect(failure(() => sheetRows(wide, [['x', '1', '']], 8)).message).toMatch(/^Cell B8 /);
  });

  it('refuses a value past the last column the header row names', () => {
    const error = failure(() => sheetRows(header, [['1', 'x', 'stray']], 9));
    expect(error.code).toBe('bad_header');
    expect(error.message).toMatch(/^Cell C9 of the sheet "Staff" has a value/);
  });
});

describe("Google Sheets' headerNames and dataRows, on the same rules", () => {
  it('gives the names from column A on, dropping trailing empty cells', () => {
    expect(headerNames([' id ', 'First name', '', ''], 'Staff', 1)).toEqual(['id', 'First name']);
    expect(headerNames(['', 'id'], 'Staff', 1)).toEqual(['', 'id']);
  });

  it.each([
    [['id', 'email', 'Email'], /"email" and "Email" \(B1 and C1\)/],
    [['id', '', 'email'], /no column name in cell B1/],
    [['id', 'line'], /named "line"/],
    [[], /header row \(row 1\) of the sheet "Staff" is empty/],
  ])('refuses %j with a bad_header error naming the cells', (cells, message) => {
    const error = failure(() => headerNames(cells, 'Staff', 1));
    expect(error.code).toBe('bad_header');
    expect(error.message).toMatch(message);
  });

  it('keeps the sheet row numbers, skips empty rows, and refuses values under no name', () => {
    expect(dataRows([['1', 'Jane'], [], ['', '  '], ['2']], 5, ['id', 'name'], 'Staff')).toEqual([
      { line: 5, id: '1', name: 'Jane' },
      { line: 8, id: '2', name: '' },
    ]);
    const header = headerNames(['', 'id'], 'Staff', 1);
    expect(dataRows([['', '1']], 2, header, 'Staff')).toEqual([{ line: 2, id: '1' }]);
    expect(failure(() => dataRows([['x', '1']], 3, header, 'Staff')).message).toMatch(/Cell A3/);
    expect(failure(() => dataRows([['1', 'x', 'y']], 9, ['id', 'name'], 'S')).message).toMatch(
      /Cell C9 of the sheet "S"/,
    );
  });
});
