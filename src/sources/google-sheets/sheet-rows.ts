import {
  sheetHeader,
  sheetRows,
  type CellValues,
  type SheetHeader,
  type SheetRow,
} from '../sheet-rows';

export type { CellValues, SheetRow };

/** How messages name a Google sheet (tab): `the sheet "Staff"`. */
export function sheetWhere(sheet: string): string {
  return `the sheet "${sheet}"`;
}

/** The header row of a Google sheet, read from column A (../sheet-rows has the rules). */
export function googleSheetHeader(
  cells: CellValues,
  sheet: string,
  headerRow: number,
): SheetHeader {
  return sheetHeader(cells, { row: headerRow, where: sheetWhere(sheet) });
}

/**
 * The header row's column names from column A on: an unnamed column left of the named ones
 * is '', none is given right of them. Kept for this package's users; `sheetHeader` in
 * ../sheet-rows is what the reader uses.
 */
export function headerNames(cells: CellValues, sheet: string, headerRow: number): string[] {
  const names = [...googleSheetHeader(cells, sheet, headerRow).names];
  while (names.length > 0 && names[names.length - 1] === undefined) names.pop();
  return names.map((name) => name ?? '');
}

/**
 * The data rows of one block starting at sheet row `firstRow`, its columns from A on named by
 * `header` as `headerNames` gives them. Kept for this package's users, as `headerNames`.
 */
export function dataRows(
  block: ReadonlyArray<CellValues>,
  firstRow: number,
  header: readonly string[],
  sheet: string,
): SheetRow[] {
  const names = header.map((name) => (name === '' ? undefined : name));
  return sheetRows({ names, firstColumn: 1, where: sheetWhere(sheet) }, block, firstRow);
}
