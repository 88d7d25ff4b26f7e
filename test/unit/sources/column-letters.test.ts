import { cellName, columnLetters } from '../../../src/sources/column-letters';

describe('columnLetters', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
    [18278, 'ZZZ'],
  ])('column %i is %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });

  it('refuses what is no column number', () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
    expect(() => columnLetters(-1)).toThrow(RangeError);
    expect(() => columnLetters(1.5)).toThrow(RangeError);
  });

  it('names a cell by its letters and sheet row', () => {
    expect(cellName(2, 7)).toBe('B7');
    expect(cellName(28, 1)).toBe('AB1');
  });
});
