import { SourceError } from '../../../../src/sources/source-error';
import { headerNames, rowsFromText } from '../../../../src/sources/microsoft365/sheet-rows';

function failure(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('no SourceError');
}

describe('headerNames', () => {
  it('trims the names', () => {
    expect(headerNames([' Employee ID', 'Email ', 'Start date'], 1, 'the sheet')).toEqual([
      'Employee ID',
      'Email',
      'Start date',
    ]);
  });

  it('names the columns without a header, by the letters people see', () => {
    const error = failure(() => headerNames(['ID', '', 'Email', ' '], 2, 'the worksheet "Staff"'));
    expect(error.code).toBe('bad_sheet');
    expect(error.message).toContain('columns C, E');
    expect(error.message).toContain('the worksheet "Staff"');
  });

  it('names each repeated header with both columns', () => {
    const error = failure(() => headerNames(['ID', 'Email', 'Phone', 'Email', 'ID'], 1, 'x'));
    expect(error.code).toBe('bad_sheet');
    expect(error.message).toContain('"Email" (columns B and D)');
    expect(error.message).toContain('"ID" (columns A and E)');
  });

  it('counts names that differ only by spaces around them as repeated', () => {
    expect(failure(() => headerNames(['Email', ' Email'], 1, 'x')).message).toContain(
      '"Email" (columns A and B)',
    );
  });

  it('says so when the whole header row is empty', () => {
    const error = failure(() => headerNames(['', ''], 1, 'the table "People"'));
    expect(error.message).toMatch(/header row of the table "People" is empty/);
  });

  it('keeps the line key for the row number', () => {
    expect(failure(() => headerNames(['ID', 'line'], 1, 'x')).message).toContain('Column B');
  });
});

describe('rowsFromText', () => {
  const names = ['ID', 'Email'];

  it('gives every row its sheet row number', () => {
    expect(
      rowsFromText(
        names,
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
      names,
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
    expect(rowsFromText(names, [['1'], [2, null]], 1)).toEqual([
      { line: 1, ID: '1', Email: '' },
      { line: 2, ID: '2', Email: '' },
    ]);
  });
});
