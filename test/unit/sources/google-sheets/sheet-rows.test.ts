import { dataRows, headerNames } from '../../../../src/sources/google-sheets/sheet-rows';
import { SourceError } from '../../../../src/sources/source-error';

function failure(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

describe('headerNames', () => {
  it('trims the names and drops trailing empty cells', () => {
    expect(headerNames([' id ', 'First name', '', ''], 'Staff', 1)).toEqual(['id', 'First name']);
  });

  it.each([
    [['id', 'email', 'Email'], /"Email" twice \(B1 and C1\)/],
    [['id', '', 'email'], /Cell B1 .* is empty/],
    [['id', 'line'], /named "line"/],
    [[], /Row 1 of the sheet "Staff" is empty/],
  ])('refuses %j with a bad_header error naming the cells', (cells, message) => {
    const error = failure(() => headerNames(cells, 'Staff', 1));
    expect(error.code).toBe('bad_header');
    expect(error.message).toMatch(message);
  });
});

describe('dataRows', () => {
  it('keeps the sheet row numbers, skips empty rows, and fills missing trailing cells', () => {
    const rows = dataRows([['1', 'Jane'], [], ['', '  '], ['2']], 5, ['id', 'name'], 'Staff');
    expect(rows).toEqual([
      { line: 5, id: '1', name: 'Jane' },
      { line: 8, id: '2', name: '' },
    ]);
  });

  it('turns unformatted numbers and booleans into text', () => {
    expect(dataRows([[42, true]], 2, ['n', 'b'], 'S')).toEqual([{ line: 2, n: '42', b: 'true' }]);
  });

  it('refuses a value in a column without a header, naming the cell', () => {
    const error = failure(() => dataRows([['1', 'x', 'stray']], 9, ['id', 'name'], 'Staff'));
    expect(error.code).toBe('bad_header');
    expect(error.message).toMatch(/Cell C9/);
  });
});
