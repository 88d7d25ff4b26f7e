import { cellName, columnLetters } from '../../../src/sources/column-letters';

describe('columnLetters', () => {
  it("counts A to Z, then AA, as above the grid, past Excel's XFD too", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384, 18278].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
      'ZZZ',
    ]);
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
