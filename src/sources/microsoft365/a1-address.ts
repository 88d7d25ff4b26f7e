import { columnLetters as sheetColumnLetters } from '../column-letters';

/**
 * A1-style addresses as the Excel API in Microsoft Graph writes them: `Sheet1!B2:F100`,
 * `'Staff list'!A1:D9` (a sheet name that needs quotes has its own quotes doubled) or a
 * single cell `Sheet1!A1` (what usedRange answers for a blank sheet).
 * https://learn.microsoft.com/graph/api/resources/range (the `address` property)
 */
export interface CellBlock {
  /** The sheet's name, unquoted; undefined when the address names none. */
  sheet?: string;
  /** 1-based column numbers (A = 1) and sheet row numbers. */
  firstColumn: number;
  firstRow: number;
  lastColumn: number;
  lastRow: number;
}

/** The widest sheet Excel allows: 16,384 columns (XFD) by 1,048,576 rows. */
export const MAX_COLUMNS = 16384;
export const MAX_ROWS = 1048576;

/** 1 → A, 26 → Z, 27 → AA, 16384 → XFD; a column past XFD is a RangeError. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1 || column > MAX_COLUMNS) {
    throw new RangeError(`No Excel column number ${column}`);
  }
  return sheetColumnLetters(column);
}

/** A → 1, AA → 27, XFD → 16384 (case-insensitive). */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`No Excel column "${letters}"`);
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  if (column > MAX_COLUMNS) throw new RangeError(`No Excel column "${letters}"`);
  return column;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses `Sheet!A1:B2`, `'It''s'!A1` or `A1:B2`; throws a RangeError on anything else. */
export function parseAddress(address: string): CellBlock {
  const bang = address.lastIndexOf('!');
  const sheetPart = bang >= 0 ? address.slice(0, bang) : undefined;
  const cells = (bang >= 0 ? address.slice(bang + 1) : address).split(':');
  if (cells.length < 1 || cells.length > 2) throw new RangeError(`No A1 address: "${address}"`);
  const [first, last] = [cells[0] ?? '', cells[1] ?? cells[0] ?? ''].map((cell) => {
    const match = CELL.exec(cell);
    if (!match) throw new RangeError(`No A1 address: "${address}"`);
    return { column: columnNumber(match[1] ?? ''), row: Number(match[2]) };
  }) as [{ column: number; row: number }, { column: number; row: number }];
  if (first.row < 1 || last.row > MAX_ROWS || last.row < first.row || last.column < first.column) {
    throw new RangeError(`No A1 address: "${address}"`);
  }
  const block: CellBlock = {
    firstColumn: first.column,
    firstRow: first.row,
    lastColumn: last.column,
    lastRow: last.row,
  };
  if (sheetPart !== undefined) block.sheet = unquoteSheet(sheetPart);
  return block;
}

function unquoteSheet(name: string): string {
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'")) {
    return name.slice(1, -1).replace(/''/g, "'");
  }
  return name;
}

/** `B2:F100`, the form `range(address='…')` takes (no sheet: the URL names it). */
export function blockAddress(block: Omit<CellBlock, 'sheet'>): string {
  return (
    `${columnLetters(block.firstColumn)}${block.firstRow}:` +
    `${columnLetters(block.lastColumn)}${block.lastRow}`
  );
}

/** Row spans of at most `size` rows covering first..last, in order. */
export function rowChunks(
  firstRow: number,
  lastRow: number,
  size: number,
): Array<{ firstRow: number; lastRow: number }> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Chunk size ${size} is not >= 1`);
  const chunks: Array<{ firstRow: number; lastRow: number }> = [];
  for (let start = firstRow; start <= lastRow; start += size) {
    chunks.push({ firstRow: start, lastRow: Math.min(lastRow, start + size - 1) });
  }
  return chunks;
}
