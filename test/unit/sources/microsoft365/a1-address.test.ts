import {
  blockAddress,
  columnLetters,
  columnNumber,
  parseAddress,
  rowChunks,
} from '../../../../src/sources/microsoft365/a1-address';

describe('column letters', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
  ])('%i is %s and back', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
    expect(columnNumber(letters)).toBe(column);
    expect(columnNumber(letters.toLowerCase())).toBe(column);
  });

  it('round-trips every column Excel has', () => {
    for (let column = 1; column <= 16384; column++) {
      expect(columnNumber(columnLetters(column))).toBe(column);
    }
  });

  it('refuses what is no Excel column', () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
    expect(() => columnLetters(16385)).toThrow(RangeError);
    expect(() => columnLetters(1.5)).toThrow(RangeError);
    expect(() => columnNumber('XFE')).toThrow(RangeError);
    expect(() => columnNumber('A1')).toThrow(RangeError);
    expect(() => columnNumber('')).toThrow(RangeError);
  });
});

describe('parseAddress', () => {
  it('reads the sheet and the corners', () => {
    expect(parseAddress('Sheet1!B2:F12001')).toEqual({
      sheet: 'Sheet1',
      firstColumn: 2,
      firstRow: 2,
      lastColumn: 6,
      lastRow: 12001,
    });
  });

  it('unquotes a quoted sheet name, doubled quotes included', () => {
    expect(parseAddress("'Staff list'!A1:C3").sheet).toBe('Staff list');
    expect(parseAddress("'It''s here'!A1").sheet).toBe("It's here");
    expect(parseAddress("'A!B'!A1:B2").sheet).toBe('A!B');
  });

  it('takes a single cell (a blank sheet’s used range) and absolute references', () => {
    expect(parseAddress('Sheet1!A1')).toEqual({
      sheet: 'Sheet1',
      firstColumn: 1,
      firstRow: 1,
      lastColumn: 1,
      lastRow: 1,
    });
    expect(parseAddress('$A$1:$XFD$1048576')).toEqual({
      firstColumn: 1,
      firstRow: 1,
      lastColumn: 16384,
      lastRow: 1048576,
    });
  });

  it.each(['', 'Sheet1!', 'A0:B2', 'B2:A1', 'A2:B1', 'A1:B2:C3', 'Sheet1!R1C1', 'A1:B1048577'])(
    'refuses %p',
    (address) => {
      expect(() => parseAddress(address)).toThrow(RangeError);
    },
  );
});

describe('blockAddress', () => {
  it('writes the corners without the sheet', () => {
    expect(blockAddress({ firstColumn: 2, firstRow: 2001, lastColumn: 28, lastRow: 4000 })).toBe(
      'B2001:AB4000',
    );
  });
});

describe('rowChunks', () => {
  it('covers the rows in order, the last chunk short', () => {
    expect(rowChunks(2, 12001, 2000)).toEqual([
      { firstRow: 2, lastRow: 2001 },
      { firstRow: 2002, lastRow: 4001 },
      { firstRow: 4002, lastRow: 6001 },
      { firstRow: 6002, lastRow: 8001 },
      { firstRow: 8002, lastRow: 10001 },
      { firstRow: 10002, lastRow: 12001 },
    ]);
    expect(rowChunks(2, 2, 2000)).toEqual([{ firstRow: 2, lastRow: 2 }]);
    expect(rowChunks(5, 4, 10)).toEqual([]);
  });

  it('never leaves a gap or an overlap', () => {
    for (const [first, last, size] of [
      [1, 1000, 7],
      [3, 3, 1],
      [10, 99, 100],
    ] as const) {
      const chunks = rowChunks(first, last, size);
      expect(chunks[0]?.firstRow).toBe(first);
      expect(chunks.at(-1)?.lastRow).toBe(last);
      chunks.forEach((chunk, index) => {
        expect(chunk.lastRow - chunk.firstRow + 1).toBeLessThanOrEqual(size);
        if (index > 0) expect(chunk.firstRow).toBe((chunks[index - 1]?.lastRow ?? 0) + 1);
      });
    }
  });

  it('refuses a chunk size below one', () => {
    expect(() => rowChunks(1, 10, 0)).toThrow(RangeError);
  });
});
