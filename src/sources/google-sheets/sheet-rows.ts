import { SourceError } from '../source-error';
import { columnLetters } from '../column-letters';

/** One data row: its values by header name, and its row number in the sheet as `line`. */
export type SheetRow = Record<string, string> & { line: number };

/** Row values as the API gives them: strings, or numbers and booleans unformatted. */
export type CellValues = ReadonlyArray<unknown>;

/**
 * The column names of the header row, trimmed. Trailing empty cells end the header; an
 * empty name between two others, a duplicate, or `line` (which carries the row number) is
 * refused with the columns named, so the admin can fix the sheet.
 */
export function headerNames(cells: CellValues, sheet: string, headerRow: number): string[] {
  const names = cells.map(cellText).map((name) => name.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) {
    throw new SourceError(
      'bad_header',
      `Row ${headerRow} of the sheet "${sheet}" is empty: it should hold the column names. Set the header row to the row that has them.`,
    );
  }
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const where = `${columnName(index)}${headerRow}`;
    if (name === '') {
      throw new SourceError(
        'bad_header',
        `Cell ${where} of the sheet "${sheet}" is empty, but columns after it have names: give the column a name or delete it.`,
      );
    }
    if (name === 'line') {
      throw new SourceError(
        'bad_header',
        `Column ${where} of the sheet "${sheet}" is named "line", which the sync uses for the row number: rename the column.`,
      );
    }
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new SourceError(
        'bad_header',
        `The sheet "${sheet}" has the column name "${name}" twice (${columnName(earlier)}${headerRow} and ${where}): each column needs its own name.`,
      );
    }
    seen.set(key, index);
  });
  return names;
}

/**
 * The data rows of one block, starting at sheet row `firstRow`. Empty rows are skipped and
 * the others keep their sheet row numbers; a value under no header is refused, since it
 * would otherwise be dropped unseen.
 */
export function dataRows(
  block: ReadonlyArray<CellValues>,
  firstRow: number,
  header: readonly string[],
  sheet: string,
): SheetRow[] {
  const rows: SheetRow[] = [];
  block.forEach((cells, offset) => {
    const line = firstRow + offset;
    const texts = cells.map(cellText);
    if (texts.every((text) => text.trim() === '')) return;
    const stray = texts.findIndex((text, index) => index >= header.length && text.trim() !== '');
    if (stray !== -1) {
      throw new SourceError(
        'bad_header',
        `Cell ${columnName(stray)}${line} of the sheet "${sheet}" has a value, but its column has no name in the header row: name the column or clear the cell.`,
      );
    }
    const row = { line } as SheetRow;
    header.forEach((name, index) => {
      row[name] = texts[index] ?? '';
    });
    rows.push(row);
  });
  return rows;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

function columnName(index: number): string {
  return columnLetters(index + 1);
}
