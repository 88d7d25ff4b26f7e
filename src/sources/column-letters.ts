/**
 * A spreadsheet column's letters as people see them above the grid: 1 → A, 26 → Z, 27 → AA,
 * 703 → AAA. The same in Excel and Google Sheets; a sheet's own column limit (Excel's XFD) is
 * checked by its source.
 */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`No column number ${column}`);
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** A cell's address as people see it: column 2 of sheet row 7 → `B7`. */
export function cellName(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}
