import { a1Range, spreadsheetIdOf } from '../../../../src/sources/google-sheets/sheet-ref';
import { SourceError } from '../../../../src/sources/source-error';

describe('spreadsheetIdOf', () => {
  it.each([
    [
      'https://docs.google.com/spreadsheets/d/1AbC-d_EfGhIjKlMnOp/edit#gid=0',
      '1AbC-d_EfGhIjKlMnOp',
    ],
    [
      'https://docs.google.com/spreadsheets/u/1/d/1AbC-d_EfGhIjKlMnOp/edit?usp=sharing',
      '1AbC-d_EfGhIjKlMnOp',
    ],
    ['  1AbC-d_EfGhIjKlMnOp  ', '1AbC-d_EfGhIjKlMnOp'],
  ])('reads %s', (input, id) => {
    expect(spreadsheetIdOf(input)).toBe(id);
  });

  it('refuses what is neither', () => {
    expect(() => spreadsheetIdOf('https://example.com/sheet')).toThrow(SourceError);
  });
});

describe('A1 ranges', () => {
  it('quotes the sheet name and doubles its quotes', () => {
    expect(a1Range("Bob's staff", 2, 2001, 30)).toBe("'Bob''s staff'!A2:AD2001");
  });
});
