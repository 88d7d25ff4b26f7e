import { SourceError } from '../../../../src/sources/source-error';
import {
  columnNames,
  rowsFromText,
  sheetHeader,
} from '../../../../src/sources/microsoft365/sheet-rows';

function failure(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('no SourceError');
}

describe('sheetHeader', () => {
  it('trims the names', () => {
    const header = sheetHeader([' Employee ID', 'Email ', 'Start date'], 1, 'the sheet');
    expect(columnNames(header)).toEqual(['Employee ID', 'Email', 'Start date']);
  });

  it('leaves unnamed columns left and right of the named ones out', () => {
    const header = sheetHeader(['', 'ID', 'Email', '', ''], 1, 'the sheet');
    expect(header.names).toEqual([undefined, 'ID', 'Email', undefined, undefined]);
    expect(columnNames(header)).toEqual(['ID', 'Email']);
  });

  it('names the columns without a header between named ones, by the letters people see', () => {
    const error = failure(() =>
      sheetHeader(['ID', '', 'Email', ' ', 'Phone'], 2, 'the worksheet "Staff"'),
    );
    expect(error.code).toBe('bad_header');
    expect(error.message).toBe(
      'The header row of the worksheet "Staff" has no name in columns C, E: name them, or delete the column.',
    );
  });

  it('names each repeated header with both columns', () => {
    const error = failure(() => sheetHeader(['ID', 'Email', 'Phone', 'Email', 'ID'], 1, 'x'));
    expect(error.code).toBe('bad_header');
    expect(error.message).toContain('"Email" (columns B and D)');
    expect(error.message).toContain('"ID" (columns A and E)');
  });

  it('counts names that differ only by spaces around them as repeated', () => {
    expect(failure(() => sheetHeader(['Email', ' Email'], 1, 'x')).message).toContain(
      '"Email" (columns A and B)',
    );
  });

  it('says so when the whole header row is empty', () => {
    const error = failure(() => sheetHeader(['', ''], 1, 'the table "People"'));
    expect(error.message).toMatch(/header row of the table "People" is empty/);
  });

  it('keeps the line key for the row number', () => {
    expect(failure(() => sheetHeader(['ID', 'line'], 1, 'x')).message).toContain('Column B');
  });
});

describe('rowsFromText', () => {
  const header = sheetHeader(['ID', 'Email'], 1, 'the sheet');

  it('gives every row its sheet row number', () => {
    expect(
      rowsFromText(
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
    const rows = rowsFromText(
      header,
      [
        ['1', 'a@x.nl'],
        ['', ''],
        ['  ', ''],
        ['2', ''],
        ['', ''],
      ],
      10,
    );
    expect(rows.map((row) => row.line)).toEqual([10, 13]);
    expect(rows[1]).toEqual({ line: 13, ID: '2', Email: '' });
  });

  it('reads short rows and non-strings as Excel shows them', () => {
    expect(rowsFromText(header, [['1'], [2, null]], 1)).toEqual([
      { line: 1, ID: '1', Email: '' },
      { line: 2, ID: '2', Email: '' },
    ]);
  });

  it('refuses a value in an unnamed column, naming its row and column', () => {
    const wide = sheetHeader(['', 'ID', 'Email', ''], 1, 'the worksheet "Staff"');
    expect(rowsFromText(wide, [['', '1', 'a@x.nl', '']], 2)).toEqual([
      { line: 2, ID: '1', Email: 'a@x.nl' },
    ]);
    const error = failure(() => rowsFromText(wide, [['', '1', 'a@x.nl', 'see HR']], 7));
    expect(error.code).toBe('bad_header');
    expect(error.message).toBe(
      'Row 7 of the worksheet "Staff" has a value in column D, which has no header: name the column in the header row, or clear it.',
    );
  });
});
